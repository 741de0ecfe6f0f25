// Reading, checking and writing the desktop app's settings, and clearing a dead writer's lock.
#include "ui/appsettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

namespace ringshare::ui {

AppSettings AppSettings::load(QSettings& settings) {
    AppSettings loaded;
    const AppSettings defaults;
    bool ok = false;
    const uint port = settings.value(QStringLiteral("network/port"), 0).toUInt(&ok);
    loaded.port = ok && port <= 65535 ? quint16(port) : defaults.port;
    loaded.bootstrap = settings.value(QStringLiteral("network/bootstrap")).toStringList();
    loaded.lan = settings.value(QStringLiteral("network/lan"), defaults.lan).toBool();
    loaded.portMapping = settings.value(QStringLiteral("network/portMapping"), defaults.portMapping).toBool();
    loaded.downloadDir = settings.value(QStringLiteral("transfers/downloadDir")).toString();
    const auto limit = [&](const QString& key) {
        const qint64 value = settings.value(key, 0).toLongLong(&ok);
        return ok && value >= 0 && value <= kMaxLimitKiB ? value : 0;
    };
    loaded.uploadLimitKiB = limit(QStringLiteral("transfers/uploadLimitKiB"));
    loaded.downloadLimitKiB = limit(QStringLiteral("transfers/downloadLimitKiB"));
    loaded.language = settings.value(QStringLiteral("ui/language")).toString();
    if (!languages().contains(loaded.language))
        loaded.language.clear();
    loaded.closeToTray = settings.value(QStringLiteral("ui/closeToTray"), defaults.closeToTray).toBool();
    // A bad bootstrap line is dropped on its own; the rest stays.
    QStringList good;
    for (const QString& line : std::as_const(loaded.bootstrap))
        if (net::HostPort::parse(line.trimmed()))
            good << line.trimmed();
    loaded.bootstrap = good;
    return loaded;
}

void AppSettings::removeAbandonedLock(const QSettings& settings) {
    // A live writer fills the file right after creating it: one that might be doing so now gets a moment.
    constexpr qint64 kAbandonedAfterMs = 1000;
    constexpr int kPollMs = 50;
    const QString path = settings.fileName() + QStringLiteral(".lock");
    for (;;) {
        const QFileInfo lock(path);
        if (!lock.isFile() || lock.size() > 0)
            return;
        const qint64 age = lock.lastModified().msecsTo(QDateTime::currentDateTime());
        if (age > kAbandonedAfterMs || age < -kAbandonedAfterMs) { // or from a clock set back since
            QFile::remove(path);
            return;
        }
        QThread::msleep(kPollMs);
    }
}

void AppSettings::save(QSettings& settings) const {
    removeAbandonedLock(settings);
    settings.setValue(QStringLiteral("network/port"), uint(port));
    settings.setValue(QStringLiteral("network/bootstrap"), bootstrap);
    settings.setValue(QStringLiteral("network/lan"), lan);
    settings.setValue(QStringLiteral("network/portMapping"), portMapping);
    settings.setValue(QStringLiteral("transfers/downloadDir"), downloadDir);
    settings.setValue(QStringLiteral("transfers/uploadLimitKiB"), uploadLimitKiB);
    settings.setValue(QStringLiteral("transfers/downloadLimitKiB"), downloadLimitKiB);
    settings.setValue(QStringLiteral("ui/language"), language);
    settings.setValue(QStringLiteral("ui/closeToTray"), closeToTray);
    settings.sync();
}

QStringList AppSettings::problems() const {
    QStringList found;
    if (port != 0 && port < 1024)
        found << tr("Port %1 is reserved for system services; choose one from 1024 to 65535, or 0 for any "
                    "free port.")
                     .arg(port);
    for (const QString& line : bootstrap)
        if (const auto node = net::HostPort::parse(line.trimmed()); !node)
            found << tr("\"%1\" is not a node address: %2. Write a host name or an IP address and a port, "
                        "like seed.example.org:4000, 192.0.2.7:4000 or [2001:db8::7]:4000.")
                         .arg(line, node.error());
    if (!downloadDir.isEmpty()) {
        const QFileInfo info(downloadDir);
        if (!QDir::isAbsolutePath(downloadDir))
            found << tr("The download folder must be a full path.");
        else if (info.exists() && !info.isDir())
            found << tr("The download folder %1 is a file, not a folder.").arg(downloadDir);
        else if (info.exists() && !info.isWritable())
            found << tr("You cannot write to the download folder %1.").arg(downloadDir);
    }
    if (uploadLimitKiB < 0 || uploadLimitKiB > kMaxLimitKiB || downloadLimitKiB < 0 ||
        downloadLimitKiB > kMaxLimitKiB)
        found << tr("Rate limits go from 0 (none) to %1 KiB/s.").arg(kMaxLimitKiB);
    if (!language.isEmpty() && !languages().contains(language))
        found << tr("Ringshare is not translated into \"%1\".").arg(language);
    return found;
}

QList<net::HostPort> AppSettings::bootstrapNodes() const {
    QList<net::HostPort> nodes;
    for (const QString& line : bootstrap)
        if (auto node = net::HostPort::parse(line.trimmed()))
            nodes << node.value();
    return nodes;
}

QString AppSettings::effectiveDownloadDir() const {
    if (!downloadDir.isEmpty())
        return downloadDir;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return downloads.isEmpty() ? QDir::homePath() : downloads;
}

} // namespace ringshare::ui
