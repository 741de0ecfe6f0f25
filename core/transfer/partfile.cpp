#include "transfer/partfile.h"

#include "base/fileio.h"
#include "share/filenames.h"
#include "transfer/bitfield.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ringshare::transfer {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxStateSize = 8 * 1024 * 1024;

QString systemError() {
    return QString::fromLocal8Bit(std::strerror(errno));
}

constexpr qint64 kMaxPendingSize = 64 * 1024;

QList<share::ContentId> idsIn(const QString& stateDir, const QString& suffix) {
    QList<share::ContentId> ids;
    const QDir dir(QDir(stateDir).filePath(QStringLiteral("downloads")));
    for (const QString& file : dir.entryList({u'*' + suffix}, QDir::Files, QDir::Name))
        if (const auto id = share::ContentId::fromHex(QStringView(file).chopped(suffix.size())))
            ids.append(*id);
    return ids;
}

// Replaces the file at `path` with `object` atomically (QSaveFile syncs it before the rename). `what` names
// the file in the error.
Result<void> writeJson(const QString& path, const QJsonObject& object, const QString& what) {
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path);
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return Error{QStringLiteral("Cannot save %1 %2: %3.")
                         .arg(what, QDir::toNativeSeparators(path), file.errorString())};
    return {};
}

// A file this class wrote, read back: at most `maxSize` bytes of JSON in the format this version writes.
Result<QJsonObject> readJson(const QString& path, qint64 maxSize) {
    QFile file(path);
    if (file.size() > maxSize || !file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("unreadable")};
    QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.value(QStringLiteral("format")).toInt() != kFormat)
        return Error{QStringLiteral("not a file this version understands")};
    return object;
}

Error cannotResumeFrom(const QString& path, const QString& why) {
    return Error{QStringLiteral("Cannot resume from %1: %2.").arg(QDir::toNativeSeparators(path), why)};
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

QString PartFile::statePath(const QString& stateDir, const share::ContentId& id) {
    return QDir(stateDir).filePath(QStringLiteral("downloads/%1.json").arg(id.toHex()));
}

QString PartFile::partPath() const {
    return QDir(m_downloadDir).filePath(m_partName);
}

Result<std::unique_ptr<PartFile>> PartFile::create(const QString& downloadDir, const QString& stateDir,
                                                   const share::Manifest& manifest, const QString& name) {
    if (!QDir().mkpath(downloadDir))
        return Error{QStringLiteral("Cannot create the download folder %1.")
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
            return Error{QStringLiteral("Cannot create %1: %2.")
                             .arg(QDir::toNativeSeparators(part->partPath()), systemError())};
    }
    if (part->m_fd < 0)
        return Error{
            QStringLiteral("Cannot find a free name for %1 in the download folder.").arg(part->m_name)};
    if (::ftruncate(part->m_fd, off_t(manifest.size)) != 0) {
        const QString error = systemError();
        part->discard();
        return Error{QStringLiteral("Cannot make room for %1: %2.").arg(part->m_name, error)};
    }
    if (auto saved = part->saveState(); !saved.ok()) {
        part->discard();
        return Error{saved.error()};
    }
    return part;
}

Result<PartFile::Map> PartFile::readMap(const QString& stateDir, const share::ContentId& id) {
    const QString path = statePath(stateDir, id);
    const auto damaged = [&](const QString& why) { return cannotResumeFrom(path, why); };
    auto read = readJson(path, kMaxStateSize);
    if (!read.ok())
        return damaged(read.error());
    const QJsonObject state = std::move(read).value();
    auto manifest = share::Manifest::decode(
        QByteArray::fromBase64(state.value(QStringLiteral("manifest")).toString().toLatin1()), &id);
    if (!manifest.ok())
        return damaged(manifest.error());

    Map map;
    map.manifest = std::move(manifest).value();
    map.name = share::sanitizeFileName(state.value(QStringLiteral("name")).toString());
    // The part name is ours, but the map is on disk: hold it to the same rules as a name from the network.
    map.partName = state.value(QStringLiteral("part")).toString();
    const QString stem = map.partName.chopped(qMin<qsizetype>(map.partName.size(), 5));
    if (!map.partName.endsWith(QStringLiteral(".part")) || stem != share::sanitizeFileName(stem))
        return damaged(QStringLiteral("it names an unsafe part file"));
    map.listed =
        bitfieldBits(QByteArray::fromBase64(state.value(QStringLiteral("have")).toString().toLatin1()),
                     map.manifest.chunkCount());
    // The folder the download started in, so a change of download folder does not lose it.
    const QString dir = state.value(QStringLiteral("dir")).toString();
    map.dir = QDir::isAbsolutePath(dir) ? QDir::cleanPath(dir) : QString();
    // Maps written before downloads could be paused have no such key: they were running.
    map.paused = state.value(QStringLiteral("paused")).toBool(false);
    return map;
}

QList<share::ContentId> PartFile::mapsIn(const QString& stateDir) {
    return idsIn(stateDir, QStringLiteral(".json"));
}

QString PartFile::pendingPath(const QString& stateDir, const share::ContentId& id) {
    return QDir(stateDir).filePath(QStringLiteral("downloads/%1.link").arg(id.toHex()));
}

Result<void> PartFile::savePending(const QString& stateDir, const share::Link& link, bool paused) {
    const QJsonObject state{{QStringLiteral("format"), kFormat},
                            {QStringLiteral("link"), link.toString()},
                            {QStringLiteral("paused"), paused}};
    return writeJson(pendingPath(stateDir, link.id), state, QStringLiteral("the download"));
}

Result<PartFile::Pending> PartFile::readPending(const QString& stateDir, const share::ContentId& id) {
    const QString path = pendingPath(stateDir, id);
    const auto damaged = [&](const QString& why) { return cannotResumeFrom(path, why); };
    auto read = readJson(path, kMaxPendingSize);
    if (!read.ok())
        return damaged(read.error());
    const QJsonObject state = std::move(read).value();
    auto link = share::Link::parse(state.value(QStringLiteral("link")).toString());
    if (!link.ok())
        return damaged(link.error());
    if (link->id != id)
        return damaged(QStringLiteral("it names another content"));
    return Pending{std::move(link).value(), state.value(QStringLiteral("paused")).toBool(false)};
}

QList<share::ContentId> PartFile::pendingIn(const QString& stateDir) {
    return idsIn(stateDir, QStringLiteral(".link"));
}

void PartFile::forgetPending(const QString& stateDir, const share::ContentId& id) {
    QFile::remove(pendingPath(stateDir, id));
}

Result<std::unique_ptr<PartFile>> PartFile::resume(const QString& downloadDir, const QString& stateDir,
                                                   const share::ContentId& id) {
    if (!QFile::exists(statePath(stateDir, id)))
        return std::unique_ptr<PartFile>();
    auto read = readMap(stateDir, id);
    if (!read.ok())
        return Error{read.error()};
    Map map = std::move(read).value();

    std::unique_ptr<PartFile> part(new PartFile);
    part->m_downloadDir = map.dir.isEmpty() ? QFileInfo(downloadDir).absoluteFilePath() : map.dir;
    part->m_stateDir = stateDir;
    part->m_manifest = std::move(map.manifest);
    part->m_name = map.name;
    part->m_partName = map.partName;
    part->m_paused = map.paused;
    const auto damaged = [&](const QString& why) { return cannotResumeFrom(statePath(stateDir, id), why); };
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
        return Error{QStringLiteral("Chunk %1 does not fit %2.").arg(index).arg(m_name)};
    if (!fileio::writeFully(m_fd, data.data(), data.size(), m_manifest.chunkOffset(index)))
        return Error{
            QStringLiteral("Cannot write %1: %2.").arg(QDir::toNativeSeparators(partPath()), systemError())};
    // Start writing the chunk out now, without waiting: the next saveState() then finds it on its way or
    // done, instead of flushing everything written since the last one while the download waits.
    ::sync_file_range(m_fd, off_t(m_manifest.chunkOffset(index)), off_t(data.size()), SYNC_FILE_RANGE_WRITE);
    return {};
}

Result<void> PartFile::saveState(const QBitArray& have, bool paused) const {
    // The chunks must be on disk before the map says they are.
    if (::fdatasync(m_fd) != 0)
        return Error{
            QStringLiteral("Cannot write %1: %2.").arg(QDir::toNativeSeparators(partPath()), systemError())};
    const QJsonObject state{{QStringLiteral("format"), kFormat},
                            {QStringLiteral("name"), m_name},
                            {QStringLiteral("part"), m_partName},
                            {QStringLiteral("dir"), m_downloadDir},
                            {QStringLiteral("manifest"), QString::fromLatin1(m_manifest.encode().toBase64())},
                            {QStringLiteral("have"), QString::fromLatin1(bitfieldBytes(have).toBase64())},
                            {QStringLiteral("paused"), paused}};
    return writeJson(statePath(m_stateDir, m_manifest.contentId()), state, QStringLiteral("the resume map"));
}

Result<QString> PartFile::finish() const {
    if (!m_finishedAs.isEmpty()) {
        // Moved into place by an earlier run that stopped before it removed the map.
        QFile::remove(statePath(m_stateDir, m_manifest.contentId()));
        return m_finishedAs;
    }
    if (::fsync(m_fd) != 0)
        return Error{
            QStringLiteral("Cannot write %1: %2.").arg(QDir::toNativeSeparators(partPath()), systemError())};
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
            QFile::remove(statePath(m_stateDir, m_manifest.contentId()));
            return target;
        }
        if (errno != EEXIST)
            return Error{
                QStringLiteral("Cannot move the finished download into place: %1.").arg(systemError())};
    }
    return Error{QStringLiteral("Cannot find a free name for %1 in the download folder.").arg(m_name)};
}

void PartFile::discardUnopened(const QString& downloadDir, const QString& stateDir,
                               const share::ContentId& id) {
    auto map = readMap(stateDir, id);
    // The map goes first, as in discard().
    QFile::remove(statePath(stateDir, id));
    forgetPending(stateDir, id);
    if (map.ok())
        QFile::remove(QDir(map->dir.isEmpty() ? downloadDir : map->dir).filePath(map->partName));
}

void PartFile::discard() const {
    // The map first: a crash in between leaves a part file nothing names (ignored, and avoided by new
    // downloads), not a map naming a missing part file, which would fail every later resume.
    QFile::remove(statePath(m_stateDir, m_manifest.contentId()));
    forgetPending(m_stateDir, m_manifest.contentId());
    QFile::remove(partPath());
}

} // namespace ringshare::transfer
