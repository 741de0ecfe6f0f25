// The local socket that hands ringshare: links from a second launch to the running app.
#include "ui/singleinstance.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QTimer>
#include <memory>
#include <utility>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ringshare::ui {

namespace {

constexpr QByteArrayView kAck = "ok\n";
// Launches come one at a time from a person; more at once is a local process misbehaving.
constexpr int kMaxClients = 8;

QByteArray userKey() {
#ifdef Q_OS_UNIX
    return QByteArray::number(qulonglong(::getuid()));
#else
    return qEnvironmentVariable("USERNAME").toUtf8();
#endif
}

} // namespace

// What one connection has sent so far.
struct SingleInstance::Incoming {
    QByteArray buffer;
    QList<share::Link> links;
    int lines = 0;
};

SingleInstance::SingleInstance(QString serverName, QObject* parent)
    : QObject(parent), m_name(std::move(serverName)), m_server(new QLocalServer(this)) {
    // Only this user may hand links to the window: another account on the machine must not start downloads.
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const QString& dataDir) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(userKey());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(QDir::cleanPath(QFileInfo(dataDir).absoluteFilePath()).toUtf8());
    // 16 bytes keep the socket path far below the 108 bytes a Unix socket address can hold.
    return QStringLiteral("ringshare-") + QString::fromLatin1(hash.result().left(16).toHex());
}

bool SingleInstance::sendToRunning(const QString& serverName, const QList<share::Link>& links,
                                   int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    socket.connectToServer(serverName);
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return false;
    QByteArray message;
    for (const share::Link& link : links)
        message += link.toString().toUtf8() + '\n';
    message += '\n';
    socket.write(message);
    while (socket.bytesToWrite() > 0)
        if (!socket.waitForBytesWritten(int(deadline.remainingTime())))
            return false;
    while (socket.bytesAvailable() < kAck.size())
        if (!socket.waitForReadyRead(int(deadline.remainingTime())))
            return false;
    return socket.read(kAck.size()) == kAck;
}

bool SingleInstance::listen() {
    // Two launches at the same moment would both find nobody answering and both listen, the second
    // replacing the first's socket. The lock makes the second wait and then find the first.
    QLockFile lock(QDir::tempPath() + QLatin1Char('/') + m_name + QStringLiteral(".lock"));
    // A launch that holds it longer is stuck; starting without it beats not starting.
    static_cast<void>(lock.tryLock(kTimeoutMs));
    // Qt replaces an existing socket file when it listens, so ask first whether anybody answers on it.
    QLocalSocket probe;
    probe.connectToServer(m_name);
    m_otherIsRunning = probe.waitForConnected(kTimeoutMs / 4);
    if (m_otherIsRunning) {
        probe.abort();
        return false;
    }
    // Nobody does: the file, if any, is what a crashed instance left behind.
    QLocalServer::removeServer(m_name);
    return m_server->listen(m_name);
}

bool SingleInstance::isListening() const {
    return m_server->isListening();
}

QString SingleInstance::errorString() const {
    if (m_server->isListening())
        return {};
    return m_otherIsRunning ? tr("Another Ringshare window uses the same data folder.")
                            : m_server->errorString();
}

void SingleInstance::acceptConnections() {
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        if (m_clients >= kMaxClients) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_clients;
        connect(socket, &QObject::destroyed, this, [this] { --m_clients; });
        // A sender that stalls or never finishes its message must not keep a connection forever.
        QTimer::singleShot(kTimeoutMs, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        auto incoming = std::make_shared<Incoming>();
        connect(socket, &QLocalSocket::readyRead, this,
                [this, socket, incoming] { readFrom(socket, *incoming); });
        if (socket->bytesAvailable() > 0)
            readFrom(socket, *incoming);
    }
}

void SingleInstance::readFrom(QLocalSocket* socket, Incoming& in) {
    const auto drop = [socket] {
        socket->abort();
        socket->deleteLater();
    };
    while (true) {
        // Never more than one line beyond what is buffered, so a flood cannot grow the buffer.
        in.buffer += socket->read(kMaxLineBytes + 1 - in.buffer.size());
        const qsizetype end = in.buffer.indexOf('\n');
        if (end < 0) {
            if (in.buffer.size() > kMaxLineBytes)
                drop();
            return;
        }
        if (end + 1 > kMaxLineBytes)
            return drop();
        const QByteArray line = in.buffer.left(end);
        in.buffer.remove(0, end + 1);
        if (line.isEmpty()) {
            socket->write(kAck.data(), kAck.size());
            socket->flush();
            socket->disconnectFromServer();
            const QList<share::Link> links = std::exchange(in.links, {});
            for (const share::Link& link : links)
                Q_EMIT linkReceived(link);
            Q_EMIT activationRequested();
            return;
        }
        if (++in.lines > kMaxLinks)
            return drop();
        // Garbage lines are skipped rather than fatal: the valid links of the same launch still count.
        if (auto link = share::Link::parse(QString::fromUtf8(line)))
            in.links.append(std::move(link).value());
    }
}

} // namespace ringshare::ui
