// RunStatus: the running node's lock and reachability file in its data directory; see runstatus.h.
#include "app/node/runstatus.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace ringshare::node {

namespace {

QString lockPath(const QString& dataDir) {
    return QDir(dataDir).filePath(QStringLiteral("run.lock"));
}

QString reportPath(const QString& dataDir) {
    return QDir(dataDir).filePath(QStringLiteral("reachability.json"));
}

constexpr qint64 kMaxReportBytes = 4096;

} // namespace

RunStatus::RunStatus(const QString& dataDir) : m_dataDir(dataDir), m_lock(lockPath(dataDir)) {
    // A live node holds it for as long as it runs: never stale by age, only when its process is gone.
    m_lock.setStaleLockTime(0);
}

RunStatus::~RunStatus() {
    if (m_claimed) {
        QFile::remove(reportPath(m_dataDir));
        m_lock.unlock();
    }
}

Result<void> RunStatus::claim() {
    if (!QDir().mkpath(m_dataDir))
        return Error{
            QStringLiteral("cannot create the data directory %1").arg(QDir::toNativeSeparators(m_dataDir))};
    m_claimed = m_lock.tryLock(0);
    if (m_claimed)
        return {};
    if (m_lock.error() == QLockFile::LockFailedError)
        return Error{QStringLiteral("another node is running on %1; stop it first or give another --data-dir")
                         .arg(QDir::toNativeSeparators(m_dataDir))};
    return Error{QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(m_lock.fileName()))};
}

std::optional<QString> RunStatus::write(const session::ReachabilityReport& report) {
    if (!m_claimed)
        return std::nullopt;
    QSaveFile file(reportPath(m_dataDir));
    const QByteArray text = QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) + '\n';
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return QStringLiteral("cannot write %1: %2")
            .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
    return std::nullopt;
}

std::optional<session::ReachabilityReport> RunStatus::readRunning(const QString& dataDir) {
    QLockFile lock(lockPath(dataDir));
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) {
        // Nobody holds it, so no node runs here; what a crashed one wrote is not true any more.
        lock.unlock();
        return std::nullopt;
    }
    if (lock.error() != QLockFile::LockFailedError)
        return std::nullopt;
    QFile file(reportPath(dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(kMaxReportBytes));
    if (!document.isObject())
        return std::nullopt;
    return session::ReachabilityReport::fromJson(document.object());
}

} // namespace ringshare::node
