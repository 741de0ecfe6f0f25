#include "transfer/peerconnection.h"

#include "base/logging.h"
#include "net/endpoint.h"

namespace ringshare::transfer {

namespace {

constexpr qint64 kReadSlice = 256 * 1024;
// Bytes the socket may hold unread while the download limit makes us wait; beyond that TCP's own flow
// control slows the sender.
constexpr qint64 kReadBuffer = 1024 * 1024;

} // namespace

PeerConnection::PeerConnection(const crypto::Identity& self, QTcpSocket* socket, Direction direction,
                               std::optional<NodeId> expectedPeer, quint16 ownListenPort,
                               RateLimiter& downloadLimit, Clock& clock, Millis handshakeTimeout,
                               QObject* parent)
    : QObject(parent), m_socket(socket),
      m_channel(self,
                direction == Direction::Outbound ? crypto::SecureChannel::Role::Initiator
                                                 : crypto::SecureChannel::Role::Responder,
                expectedPeer, TransferMessage::kMaxEncodedSize),
      m_direction(direction), m_ownListenPort(ownListenPort), m_downloadLimit(downloadLimit) {
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadBuffer);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_address = net::plainAddress(m_socket->peerAddress());
    m_deadline = clock.createTimer([this] {
        close(m_ready ? QStringLiteral("the peer went silent") : QStringLiteral("the handshake timed out"));
    });
    m_deadline->start(handshakeTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &PeerConnection::readMore);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (!m_closed && m_ready && !isBusy())
            Q_EMIT writable();
    });
    connect(m_socket, &QTcpSocket::disconnected, this,
            [this] { close(QStringLiteral("the peer closed the connection")); });
    connect(m_socket, &QTcpSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError) { close(m_socket->errorString()); });
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        onConnected();
    else
        connect(m_socket, &QTcpSocket::connected, this, &PeerConnection::onConnected);
}

PeerConnection::~PeerConnection() {
    *m_alive = false;
}

void PeerConnection::onConnected() {
    m_address = net::plainAddress(m_socket->peerAddress());
    write(m_channel.start());
    readMore();
}

bool PeerConnection::isBusy() const {
    return m_socket->bytesToWrite() > kWriteHighWater;
}

void PeerConnection::send(const TransferMessage& message) {
    if (m_closed || !m_channel.isEstablished())
        return;
    write(m_channel.seal(message.encode()));
}

void PeerConnection::write(const QByteArray& bytes) {
    if (bytes.isEmpty() || m_closed || m_overflowed)
        return;
    // Uploads wait for writable() once past kWriteHighWater, so only answers can pile up here: a peer that
    // keeps asking (for a manifest, say, which may be megabytes) and never reads would otherwise make us
    // hold every answer in memory. It is closed instead, from the event loop, since the caller may be
    // iterating over the connections of a swarm right now.
    if (m_socket->bytesToWrite() + bytes.size() > kMaxUnsentBytes) {
        m_overflowed = true;
        QMetaObject::invokeMethod(
            this, [this] { close(QStringLiteral("the peer does not read what it asks for")); },
            Qt::QueuedConnection);
        return;
    }
    m_socket->write(bytes);
}

void PeerConnection::close(const QString& reason) {
    if (m_closed)
        return;
    m_closed = true;
    m_deadline->stop();
    qCDebug(lcTransfer) << "closing connection to" << m_address << ":" << reason;
    m_socket->abort();
    Q_EMIT closed(reason);
    deleteLater();
}

void PeerConnection::readMore() {
    if (m_closed || m_waitingForTokens)
        return;
    const auto alive = m_alive;
    while (*alive && !m_closed && m_socket->bytesAvailable() > 0) {
        const qint64 wanted = qMin(m_socket->bytesAvailable(), kReadSlice);
        const qint64 granted = m_downloadLimit.grant(wanted);
        if (granted == 0) {
            m_waitingForTokens = true;
            m_downloadLimit.whenReady([this, alive] {
                if (!*alive)
                    return;
                m_waitingForTokens = false;
                readMore();
            });
            return;
        }
        const QByteArray bytes = m_socket->read(granted);
        // Only a ready connection earns more time by sending. The handshake's deadline is fixed when the
        // connection opens: restarted on every byte, a peer trickling one byte at a time would hold the
        // connection (and one of the manager's slots) open for ever without ever proving who it is.
        if (m_ready)
            m_deadline->start(kIdleTimeout);
        QByteArray toWrite;
        QList<QByteArray> plaintexts;
        const bool wasEstablished = m_channel.isEstablished();
        const bool ok = m_channel.feed(bytes, toWrite, plaintexts);
        write(toWrite);
        if (!wasEstablished && m_channel.isEstablished()) {
            TransferMessage hello;
            hello.type = MessageType::Hello;
            hello.listenPort = m_ownListenPort;
            send(hello);
        }
        for (const QByteArray& plaintext : std::as_const(plaintexts)) {
            auto decoded = TransferMessage::decode(plaintext);
            if (!decoded.ok()) {
                close(decoded.error());
                return;
            }
            if (!m_ready) {
                if (decoded->type != MessageType::Hello) {
                    close(QStringLiteral("the peer did not say hello"));
                    return;
                }
                m_ready = true;
                m_peerListenPort = decoded->listenPort;
                m_deadline->start(kIdleTimeout);
                Q_EMIT ready();
            } else if (decoded->type == MessageType::Hello) {
                close(QStringLiteral("the peer said hello twice"));
                return;
            } else {
                Q_EMIT message(decoded.value());
            }
            if (!*alive || m_closed)
                return;
        }
        if (!ok) {
            close(m_channel.errorString());
            return;
        }
    }
}

} // namespace ringshare::transfer
