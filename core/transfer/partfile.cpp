// A download's part file on disk: created, written chunk by chunk, checked on resume, moved into place.
#include "transfer/partfile.h"

#include "base/fileio.h"
#include "base/systemerror.h"
#include "share/filenames.h"
#include "transfer/resumestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ringshare::transfer {

namespace {

QString systemError() {
    return systemErrorText(errno);
}

// Makes the entries of `dir` (a rename into it) survive a power cut; a failure costs nothing worse than a
// crash without it, so it is not reported.
void syncDirectory(const QString& dir) {
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

PartFile::~PartFile() {
    if (m_fd >= 0)
        ::close(m_fd);
}

QString PartFile::partPath() const {
    return QDir(m_downloadDir).filePath(m_partName);
}

Result<std::unique_ptr<PartFile>> PartFile::create(const QString& downloadDir, const QString& stateDir,
                                                   const share::Manifest& manifest, const QString& name) {
    if (!QDir().mkpath(downloadDir))
        return Error{QCoreApplication::translate("ringshare::transfer::PartFile",
                                                 "Cannot create the download folder %1.")
                         .arg(QDir::toNativeSeparators(downloadDir))};
    std::unique_ptr<PartFile> part(new PartFile);
    part->m_downloadDir = QFileInfo(downloadDir).absoluteFilePath();
    part->m_stateDir = stateDir;
    part->m_manifest = manifest;
    part->m_have = QBitArray(manifest.chunkCount());
    part->m_name = share::sanitizeFileName(name);
    // O_EXCL and O_NOFOLLOW: the part file is always a new file of ours, never something planted there.
    for (int attempt = 0; attempt < 100 && part->m_fd < 0; ++attempt) {
        part->m_partName = share::uniqueFileName(part->m_downloadDir, part->m_name) + QStringLiteral(".part");
        const QByteArray native = QFile::encodeName(part->partPath());
        part->m_fd = ::open(native.constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (part->m_fd < 0 && errno != EEXIST)
            return Error{QCoreApplication::translate("ringshare::transfer::PartFile", "Cannot create %1: %2.")
                             .arg(QDir::toNativeSeparators(part->partPath()), systemError())};
    }
    if (part->m_fd < 0)
        return Error{QCoreApplication::translate("ringshare::transfer::PartFile",
                                                 "Cannot find a free name for %1 in the download folder.")
                         .arg(part->m_name)};
    if (::ftruncate(part->m_fd, off_t(manifest.size)) != 0) {
        const QString error = systemError();
        part->discard();
        return Error{
            QCoreApplication::translate("ringshare::transfer::PartFile", "Cannot make room for %1: %2.")
                .arg(part->m_name, error)};
    }
    if (auto saved = part->saveState(); !saved.ok()) {
        part->discard();
        return Error{saved.error()};
    }
    return part;
}

Result<std::unique_ptr<PartFile>> PartFile::resume(const QString& downloadDir, const QString& stateDir,
                                                   const share::ContentId& id) {
    if (!QFile::exists(ResumeStore::statePath(stateDir, id)))
        return std::unique_ptr<PartFile>();
    auto read = ResumeStore::readMap(stateDir, id);
    if (!read.ok())
        return Error{read.error()};
    ResumeStore::Map map = std::move(read).value();

    std::unique_ptr<PartFile> part(new PartFile);
    part->m_downloadDir = map.dir.isEmpty() ? QFileInfo(downloadDir).absoluteFilePath() : map.dir;
    part->m_stateDir = stateDir;
    part->m_manifest = std::move(map.manifest);
    part->m_name = map.name;
    part->m_partName = map.partName;
    part->m_paused = map.paused;
    const auto damaged = [&](const QString& why) {
        return ResumeStore::cannotResumeFrom(ResumeStore::statePath(stateDir, id), why);
    };
    const QByteArray native = QFile::encodeName(part->partPath());
    part->m_fd = ::open(native.constData(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (part->m_fd < 0 && errno == ENOENT) {
        // finish() moves the file into place, then removes the map: a crash in between leaves the map and
        // the finished file under the name the part file reserved. It is taken as finished only when it
        // holds every chunk; it is opened read-only, so whatever else it might be is never changed.
        const QString finished = QDir(part->m_downloadDir).filePath(part->m_partName.chopped(5));
        part->m_fd = ::open(QFile::encodeName(finished).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        struct stat info {};
        if (part->m_fd >= 0 && ::fstat(part->m_fd, &info) == 0 && S_ISREG(info.st_mode) &&
            info.st_size == part->m_manifest.size) {
            QBitArray every(part->m_manifest.chunkCount(), true);
            if (part->verified(every) == every) {
                part->m_have = every;
                part->m_finishedAs = finished;
                return part;
            }
        }
        errno = ENOENT;
        return damaged(QStringLiteral("%1: %2").arg(part->partPath(), systemError()));
    }
    if (part->m_fd < 0)
        return damaged(QStringLiteral("%1: %2").arg(part->partPath(), systemError()));
    if (::ftruncate(part->m_fd, off_t(part->m_manifest.size)) != 0)
        return damaged(systemError());

    // Keep only the listed chunks that still hash right.
    part->m_have = part->verified(map.listed);
    return part;
}

QBitArray PartFile::verified(const QBitArray& listed) const {
    QBitArray good(m_manifest.chunkCount());
    QByteArray buffer(m_manifest.chunkSize, Qt::Uninitialized);
    for (int i = 0; i < qMin(listed.size(), good.size()); ++i) {
        if (!listed.testBit(i))
            continue;
        const int length = m_manifest.chunkLength(i);
        if (fileio::readFully(m_fd, buffer.data(), length, m_manifest.chunkOffset(i)) &&
            m_manifest.chunkMatches(i, QByteArrayView(buffer.constData(), length)))
            good.setBit(i);
    }
    return good;
}

Result<void> PartFile::writeChunk(int index, QByteArrayView data) {
    auto stored = storeChunk(index, data);
    if (stored.ok())
        markHave(index);
    return stored;
}

Result<void> PartFile::storeChunk(int index, QByteArrayView data) const {
    if (index < 0 || index >= m_have.size() || data.size() != m_manifest.chunkLength(index))
        return Error{QCoreApplication::translate("ringshare::transfer::PartFile", "Chunk %1 does not fit %2.")
                         .arg(index)
                         .arg(m_name)};
    if (!fileio::writeFully(m_fd, data.data(), data.size(), m_manifest.chunkOffset(index)))
        return Error{QCoreApplication::translate("ringshare::transfer::PartFile", "Cannot write %1: %2.")
                         .arg(QDir::toNativeSeparators(partPath()), systemError())};
    // Start writing the chunk out now, without waiting: the next saveState() then finds it on its way or
    // done, instead of flushing everything written since the last one while the download waits.
    ::sync_file_range(m_fd, off_t(m_manifest.chunkOffset(index)), off_t(data.size()), SYNC_FILE_RANGE_WRITE);
    return {};
}

Result<void> PartFile::saveState(const QBitArray& have, bool paused) const {
    // The chunks must be on disk before the map says they are.
    if (::fdatasync(m_fd) != 0)
        return Error{QCoreApplication::translate("ringshare::transfer::PartFile", "Cannot write %1: %2.")
                         .arg(QDir::toNativeSeparators(partPath()), systemError())};
    return ResumeStore::writeMap(
        m_stateDir, ResumeStore::Map{m_manifest, m_name, m_partName, m_downloadDir, have, paused});
}

Result<QString> PartFile::finish() const {
    if (!m_finishedAs.isEmpty()) {
        // Moved into place by an earlier run that stopped before it removed the map.
        QFile::remove(ResumeStore::statePath(m_stateDir, m_manifest.contentId()));
        return m_finishedAs;
    }
    if (::fsync(m_fd) != 0)
        return Error{QCoreApplication::translate("ringshare::transfer::PartFile", "Cannot write %1: %2.")
                         .arg(QDir::toNativeSeparators(partPath()), systemError())};
    const QByteArray from = QFile::encodeName(partPath());
    // The name the part file reserved, unless something took it meanwhile; then the next free one.
    const QString reserved = m_partName.chopped(5);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString name = attempt == 0 ? reserved : share::uniqueFileName(m_downloadDir, m_name);
        const QString target = QDir(m_downloadDir).filePath(name);
        const QByteArray to = QFile::encodeName(target);
        // Never replaces: a file that appeared under the chosen name since is left alone.
        int renamed = ::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE);
        if (renamed != 0 && errno == EINVAL) {
            renamed = ::link(from.constData(), to.constData());
            if (renamed == 0)
                ::unlink(from.constData());
        }
        if (renamed == 0) {
            // The move must be on disk before the map goes: otherwise a power cut could keep the removal
            // and lose the move, leaving a finished part file that nothing knows of.
            syncDirectory(m_downloadDir);
            QFile::remove(ResumeStore::statePath(m_stateDir, m_manifest.contentId()));
            return target;
        }
        if (errno != EEXIST)
            return Error{QCoreApplication::translate("ringshare::transfer::PartFile",
                                                     "Cannot move the finished download into place: %1.")
                             .arg(systemError())};
    }
    return Error{QCoreApplication::translate("ringshare::transfer::PartFile",
                                             "Cannot find a free name for %1 in the download folder.")
                     .arg(m_name)};
}

void PartFile::discard() const {
    // The map first: a crash in between leaves a part file nothing names (ignored, and avoided by new
    // downloads), not a map naming a missing part file, which would fail every later resume.
    QFile::remove(ResumeStore::statePath(m_stateDir, m_manifest.contentId()));
    ResumeStore::forgetPending(m_stateDir, m_manifest.contentId());
    QFile::remove(partPath());
}

} // namespace ringshare::transfer
