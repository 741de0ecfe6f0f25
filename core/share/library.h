// Library: the files the user shares, hashed in the background and remembered across restarts.
#pragma once

#include "base/backgroundwriter.h"
#include "base/clock.h"
#include "base/inbox.h"
#include "base/result.h"
#include "base/workmode.h"
#include "base/workqueue.h"
#include "crypto/identity.h"
#include "share/contentid.h"
#include "share/filehasher.h"
#include "share/manifest.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>
#include <optional>

namespace ringshare::share {

// One file the user shares, as the library knows it.
struct SharedFile {
    enum class State { Queued, Hashing, Ready, Failed };

    QString path; // absolute
    QString root; // the shared file or folder it belongs to
    qint64 size = 0;
    qint64 modifiedMs = 0;
    State state = State::Queued;
    qint64 hashedBytes = 0;
    QString error;
    std::shared_ptr<const Manifest> manifest; // set when Ready
    ContentId contentId;                      // the manifest's, kept to spare recomputing it

    [[nodiscard]] const ContentId& id() const { return contentId; }
};

// The files the user shares: whole folders or single files. It hashes new and changed files in the
// background (one file at a time, every core on it), keeps the manifests so a restart rehashes nothing that
// did not change (size and modification time), notices files that changed or vanished, and remembers the
// shared folders across restarts in DATA/library.json. It lives on the thread of its creator, which is never
// blocked by hashing.
class Library final : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxFiles = 100'000;

    // On the clock (for simulations) a file is hashed on this thread from a zero-delay timer, with one
    // thread and no progress reported before it is done.
    Library(crypto::Identity identity, QString dataDir, Clock& clock, WorkMode mode = WorkMode::Threaded,
            QObject* parent = nullptr);
    ~Library() override;

    // Reads what was shared before; a damaged file is reported and otherwise ignored (nothing is shared).
    Result<void> load();
    // Shares a file or a folder (and everything under it), now and after restarts.
    Result<void> add(const QString& path);
    // Stops sharing a file or folder added with add().
    void remove(const QString& root);
    // Shares a file whose bytes were already verified against `manifest` (a finished download).
    void addVerified(const QString& path, const Manifest& manifest);

    [[nodiscard]] QStringList roots() const { return m_roots; }
    [[nodiscard]] QList<SharedFile> files() const;
    // A ready file with these bytes, if one is shared.
    [[nodiscard]] std::optional<SharedFile> fileFor(const ContentId& id) const;
    // True when nothing waits to be hashed.
    [[nodiscard]] bool isIdle() const { return !m_hashing && m_queue.isEmpty(); }

    // The files a shared folder holds, by the library's rules: hidden files and folders, part files and
    // links that lead out of the folder are left out. At most kMaxFiles.
    [[nodiscard]] static QStringList filesUnder(const QString& canonicalRoot);

    // Walks the shared folders now: hashes new and changed files, withdraws vanished ones.
    void rescan();
    // Rescans every `interval` from now on (0 stops).
    void setRescanInterval(Millis interval);

Q_SIGNALS:
    void fileReady(const ringshare::share::SharedFile& file);
    // A file that was ready is no longer shared as it was: removed, changed on disk, or unshared.
    void fileWithdrawn(const ringshare::share::SharedFile& file);
    void fileFailed(const QString& path, const QString& error);
    void hashProgress(const QString& path, qint64 done, qint64 total);
    // Every queued file has been hashed (or has failed).
    void idle();

private:
    void scanRoot(const QString& root, QSet<QString>& seen);
    void consider(const QString& path, const QString& root, qint64 size, qint64 modifiedMs);
    void withdraw(const QString& path);
    void hashNext();
    void hashOnClock(const QString& path);
    void onHashed(const QString& path, const Result<HashedFile>& outcome);
    void save();
    [[nodiscard]] QString manifestPath(const ContentId& id) const;
    [[nodiscard]] std::shared_ptr<const Manifest> cachedManifest(const QString& path, qint64 size,
                                                                 qint64 modifiedMs) const;
    void storeManifest(const Manifest& manifest);

    crypto::Identity m_identity;
    QString m_dataDir;
    Clock& m_clock;
    WorkMode m_mode;
    QStringList m_roots;
    QHash<QString, SharedFile> m_files; // by path
    struct CacheEntry {
        qint64 size = 0;
        qint64 modifiedMs = 0;
        ContentId id;
    };
    QHash<QString, CacheEntry> m_cache; // by path, from the last run
    QStringList m_queue;
    bool m_hashing = false;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    Inbox m_inbox;             // the hashing thread's results, back on the event loop
    WorkQueue m_hasher;        // one file at a time; after m_inbox, so it stops first
    BackgroundWriter m_writer; // library.json and the manifests, written off the event loop
    std::unique_ptr<Timer> m_rescanTimer;
    std::unique_ptr<Timer> m_hashTimer; // on the clock: hashes the file m_onClock names
    QString m_onClock;
    Millis m_rescanInterval{0};
};

} // namespace ringshare::share

Q_DECLARE_METATYPE(ringshare::share::SharedFile)
