// DATA/port: reading, writing and drawing the port kept across restarts; see keptport.h.
#include "session/keptport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace ringshare::session::keptport {

QString path(const QString& dataDir) {
    return QDir(dataDir).filePath(QStringLiteral("port"));
}

std::optional<quint16> load(const QString& dataDir) {
    QFile file(path(dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    bool ok = false;
    const uint port = file.read(16).trimmed().toUInt(&ok);
    if (!ok || port < 1024 || port > 65535)
        return std::nullopt;
    return quint16(port);
}

Result<void> save(const QString& dataDir, quint16 port) {
    QSaveFile file(path(dataDir));
    const QByteArray text = QByteArray::number(port) + '\n';
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return Error{
            QCoreApplication::translate("ringshare::session::Session", "Cannot keep the port in %1: %2.")
                .arg(QDir::toNativeSeparators(file.fileName()), file.errorString())};
    return {};
}

quint16 draw(Random& random) {
    return quint16(kFirst + random.next64() % (kLast - kFirst + 1));
}

} // namespace ringshare::session::keptport
