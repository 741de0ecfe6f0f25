// The resume maps and pending links in DIR/downloads: JSON written atomically through QSaveFile, read back
// with a size bound and checked like anything else on disk.
#include "transfer/resumestore.h"

#include "base/logging.h"
#include "share/filenames.h"
#include "transfer/bitfield.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ringshare::transfer {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxStateSize = 8 * 1024 * 1024;
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
        return Error{QCoreApplication::translate("ringshare::transfer::ResumeStore", "Cannot save %1 %2: %3.")
                         .arg(what, QDir::toNativeSeparators(path), file.errorString())};
    return {};
}

// A file this class wrote, read back: at most `maxSize` bytes of JSON in the format this version writes.
Result<QJsonObject> readJson(const QString& path, qint64 maxSize) {
    QFile file(path);
    if (file.size() > maxSize || !file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("ringshare::transfer::ResumeStore", "unreadable")};
    QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.value(QStringLiteral("format")).toInt() != kFormat)
        return Error{QCoreApplication::translate("ringshare::transfer::ResumeStore",
                                                 "not a file this version understands")};
    return object;
}

} // namespace

Error ResumeStore::cannotResumeFrom(const QString& path, const QString& why) {
    return Error{QCoreApplication::translate("ringshare::transfer::ResumeStore", "Cannot resume from %1: %2.")
                     .arg(QDir::toNativeSeparators(path), why)};
}

QString ResumeStore::statePath(const QString& stateDir, const share::ContentId& id) {
    return QDir(stateDir).filePath(QStringLiteral("downloads/%1.json").arg(id.toHex()));
}

Result<ResumeStore::Map> ResumeStore::readMap(const QString& stateDir, const share::ContentId& id) {
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
        return damaged(
            QCoreApplication::translate("ringshare::transfer::ResumeStore", "it names an unsafe part file"));
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

Result<void> ResumeStore::writeMap(const QString& stateDir, const Map& map) {
    const QJsonObject state{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("name"), map.name},
        {QStringLiteral("part"), map.partName},
        {QStringLiteral("dir"), map.dir},
        {QStringLiteral("manifest"), QString::fromLatin1(map.manifest.encode().toBase64())},
        {QStringLiteral("have"), QString::fromLatin1(bitfieldBytes(map.listed).toBase64())},
        {QStringLiteral("paused"), map.paused}};
    return writeJson(statePath(stateDir, map.manifest.contentId()), state,
                     QCoreApplication::translate("ringshare::transfer::ResumeStore", "the resume map"));
}

QList<share::ContentId> ResumeStore::mapsIn(const QString& stateDir) {
    return idsIn(stateDir, QStringLiteral(".json"));
}

QString ResumeStore::pendingPath(const QString& stateDir, const share::ContentId& id) {
    return QDir(stateDir).filePath(QStringLiteral("downloads/%1.link").arg(id.toHex()));
}

Result<void> ResumeStore::savePending(const QString& stateDir, const share::Link& link, bool paused) {
    const QJsonObject state{{QStringLiteral("format"), kFormat},
                            {QStringLiteral("link"), link.toString()},
                            {QStringLiteral("paused"), paused}};
    return writeJson(pendingPath(stateDir, link.id), state,
                     QCoreApplication::translate("ringshare::transfer::ResumeStore", "the download"));
}

Result<ResumeStore::Pending> ResumeStore::readPending(const QString& stateDir, const share::ContentId& id) {
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
        return damaged(
            QCoreApplication::translate("ringshare::transfer::ResumeStore", "it names another content"));
    return Pending{std::move(link).value(), state.value(QStringLiteral("paused")).toBool(false)};
}

QList<share::ContentId> ResumeStore::pendingIn(const QString& stateDir) {
    return idsIn(stateDir, QStringLiteral(".link"));
}

void ResumeStore::forgetPending(const QString& stateDir, const share::ContentId& id) {
    QFile::remove(pendingPath(stateDir, id));
}

void ResumeStore::discardUnopened(const QString& downloadDir, const QString& stateDir,
                                  const share::ContentId& id) {
    auto map = readMap(stateDir, id);
    // The map goes first, as in PartFile::discard().
    QFile::remove(statePath(stateDir, id));
    forgetPending(stateDir, id);
    if (map.ok())
        QFile::remove(QDir(map->dir.isEmpty() ? downloadDir : map->dir).filePath(map->partName));
}

QList<share::Link> ResumeStore::unfinished(const QString& stateDir, const QSet<share::ContentId>& skip) {
    QList<share::Link> links;
    for (const share::ContentId& id : mapsIn(stateDir)) {
        if (skip.contains(id))
            continue;
        auto map = readMap(stateDir, id);
        if (!map.ok()) {
            qCWarning(lcTransfer) << map.error();
            continue;
        }
        links.append(share::Link{id, map->name, map->manifest.size});
    }
    for (const share::ContentId& id : pendingIn(stateDir)) {
        if (skip.contains(id) || QFile::exists(statePath(stateDir, id)))
            continue; // being deleted, or listed above
        auto pending = readPending(stateDir, id);
        if (!pending.ok()) {
            qCWarning(lcTransfer) << pending.error();
            continue;
        }
        links.append(pending->link);
    }
    return links;
}

} // namespace ringshare::transfer
