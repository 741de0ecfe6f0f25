// Reading and writing peers.json, bounded in size and count, written atomically.
#include "net/peercache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ringshare::net::peercache {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxFileSize = 64 * 1024;

} // namespace

QString path(const QString& dataDir) {
    return QDir(dataDir).filePath(QStringLiteral("peers.json"));
}

Result<void> save(const QString& dataDir, const QList<NodeRef>& peers) {
    QJsonArray list;
    for (const NodeRef& peer : peers.mid(0, kMaxPeers))
        list.append(QJsonObject{{QStringLiteral("node_id"), peer.id.toHex()},
                                {QStringLiteral("address"), peer.endpoint.toString()}});
    const QByteArray json =
        QJsonDocument(QJsonObject{{QStringLiteral("format"), kFormat}, {QStringLiteral("peers"), list}})
            .toJson(QJsonDocument::Indented);
    QSaveFile file(path(dataDir));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return Error{
            QCoreApplication::translate("ringshare::net::PeerCache", "Cannot save the known peers to %1: %2.")
                .arg(QDir::toNativeSeparators(file.fileName()), file.errorString())};
    return {};
}

Result<QList<Endpoint>> load(const QString& dataDir) {
    const QString name = path(dataDir);
    const QFileInfo info(name);
    if (!info.exists())
        return QList<Endpoint>{};
    const auto damaged = [&](const QString& why) {
        return Error{
            QCoreApplication::translate("ringshare::net::PeerCache", "Ignoring the known peers in %1: %2.")
                .arg(QDir::toNativeSeparators(name), why)};
    };
    if (!info.isFile() || info.isSymLink())
        return damaged(QCoreApplication::translate("ringshare::net::PeerCache", "not a regular file"));
    if (info.size() > kMaxFileSize)
        return damaged(
            QCoreApplication::translate("ringshare::net::PeerCache", "the file is larger than %1 bytes")
                .arg(kMaxFileSize));
    QFile file(name);
    if (!file.open(QIODevice::ReadOnly))
        return damaged(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(kMaxFileSize), &parseError);
    if (document.isNull())
        return damaged(parseError.errorString());
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toInt(-1) != kFormat ||
        !root.value(QStringLiteral("peers")).isArray())
        return damaged(QCoreApplication::translate("ringshare::net::PeerCache",
                                                   "not a peer list this version understands"));
    QList<Endpoint> endpoints;
    for (const QJsonValue& entry : root.value(QStringLiteral("peers")).toArray()) {
        const std::optional<Endpoint> endpoint =
            Endpoint::parse(entry.toObject().value(QStringLiteral("address")).toString());
        if (endpoint && endpoint->isValid() && !endpoints.contains(*endpoint))
            endpoints.append(*endpoint);
        if (endpoints.size() == kMaxPeers)
            break;
    }
    return endpoints;
}

} // namespace ringshare::net::peercache
