// A download's part file on disk, and the rules that keep a crash from corrupting it.
#pragma once

#include "base/result.h"
#include "share/manifest.h"

#include <QBitArray>
#include <QList>
#include <QString>
#include <memory>

namespace ringshare::transfer {

// A download in progress on disk: `<name>.part` in the download folder, written chunk by chunk with
// pwrite(), and its resume map in the data folder (downloads/<content id>.json: the manifest, the file
// names and the verified chunks; see ResumeStore), replaced atomically. After a crash, resume() trusts only
// chunks that the map lists and that still hash right, so a torn write costs one chunk, never a corrupt file.
class PartFile final {
public:
    ~PartFile();
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;

    // Starts a new download of `manifest` into `downloadDir`, named after the sanitised `name`.
    [[nodiscard]] static Result<std::unique_ptr<PartFile>> create(const QString& downloadDir,
                                                                  const QString& stateDir,
                                                                  const share::Manifest& manifest,
                                                                  const QString& name);
    // Picks up where an earlier run stopped; nullptr (not an error) when there is nothing to resume. A run
    // stopped after finish() moved the file into place and before it removed the map comes back as a
    // download with every chunk, whose finish() moves nothing.
    [[nodiscard]] static Result<std::unique_ptr<PartFile>>
    resume(const QString& downloadDir, const QString& stateDir, const share::ContentId& id);
    [[nodiscard]] const share::Manifest& manifest() const { return m_manifest; }
    [[nodiscard]] const QBitArray& have() const { return m_have; }
    [[nodiscard]] QString partPath() const;
    [[nodiscard]] int fd() const { return m_fd; }

    // Writes a verified chunk and marks it; the map reaches the disk at the next saveState().
    Result<void> writeChunk(int index, QByteArrayView data);
    // The two halves of writeChunk(). storeChunk() only writes, so it may run on another thread while this
    // one serves or reads; markHave() then records the chunk, on the owner's thread.
    [[nodiscard]] Result<void> storeChunk(int index, QByteArrayView data) const;
    void markHave(int index) { m_have.setBit(index); }
    // Whether the user paused the download; kept in the map, so it stays paused across restarts.
    [[nodiscard]] bool isPaused() const { return m_paused; }
    void setPaused(bool paused) { m_paused = paused; }
    // Flushes the chunks written so far, then records them in the map.
    Result<void> saveState() const { return saveState(m_have, m_paused); }
    // The same for a copy of the state taken on the owner's thread: this one may run on another thread
    // (it reads only what never changes after creation).
    [[nodiscard]] Result<void> saveState(const QBitArray& have, bool paused) const;
    // Flushes, renames the file into place under a name nothing else has (never replacing a file), removes
    // the map and returns the final path. The descriptor stays open for serving.
    [[nodiscard]] Result<QString> finish() const;
    // Forgets the download: deletes the part file and the map (and a pending link a crash left behind).
    void discard() const;

private:
    PartFile() = default;
    // Which of the `listed` chunks hash right in the file.
    [[nodiscard]] QBitArray verified(const QBitArray& listed) const;

    QString m_downloadDir;
    QString m_stateDir;
    QString m_name; // the sanitised final name the download aims for
    QString m_partName;
    share::Manifest m_manifest;
    QBitArray m_have;
    int m_fd = -1;
    bool m_paused = false;
    QString m_finishedAs; // set when resume() found the file already moved into place, under this path
};

} // namespace ringshare::transfer
