// A transfer connection: the secure channel over a stream, Hello, limits and timeouts; see peerconnection.h.
#include "transfer/peerconnection.h"

#include "base/logging.h"
#include "net/endpoint.h"

#include <QCoreApplication>

namespace ringshare::transfer {

namespace {

constexpr qint64 kReadSlice = 256 * 1024;
// Bytes the socket may hold unread while the download limit makes us wait; beyond that TCP's own flow
// control slows the sender.
constexpr qint64 kReadBuffer = 1024 * 1024;

} // namespace

PeerConnection::PeerConnection(const crypto::Identity& self, std::unique_ptr<net::Stream> stream,
                               Direction direction, std::optional<NodeId> expectedPeer, quint16 ownListenPort,
                               RateLimiter& downloadLimit, Clock& clock, Millis handshakeTimeout,
                               QObject* parent)
    : QObject(parent), m_stream(std::move(stream)),
      m_channel(self,
                direction == Direction::Outbound ? crypto::SecureChannel::Role::Initiator
                                                 : crypto::SecureChannel::Role::Responder,
                expectedPeer, TransferMessage::kMaxEncodedSize),
      m_direction(direction), m_ownListenPort(ownListenPort), m_downloadLimit(downloadLimit) {
    m_stream->setReadBufferSize(kReadBuffer);
    m_address = m_stream->peerEndpoint().address;
    m_deadline = clock.createTimer([this] {
        close(m_ready
                  ? QCoreApplication::translate("ringshare::transfer::PeerConnection", "the peer went silent")
                  : QCoreApplication::translate("ringshare::transfer::PeerConnection",
                                                "the handshake timed out"));
    });
    m_deadline->start(handshakeTimeout);
    connect(m_stream.get(), &net::Stream::readyRead, this, &PeerConnection::readMore);
    connect(m_stream.get(), &net::Stream::bytesWritten, this, [this] {
        if (!m_closed && m_ready && !isBusy())
            Q_EMIT writable();
    });
    connect(m_stream.get(), &net::Stream::closed, this, [this](const QString& reason) { close(reason); });
    if (m_stream->phase() == net::Stream::Phase::Open)
        onConnected();
    else
        connect(m_stream.get(), &net::Stream::connected, this, &PeerConnection::onConnected);
}

PeerConnection::~PeerConnection() {
    *m_alive = false;
}

void PeerConnection::onConnected() {
    m_address = m_stream->peerEndpoint().address;
    write(m_channel.start());
    readMore();
}

bool PeerConnection::isBusy() const {
    return m_stream->bytesToWrite() > kWriteHighWater;
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
    if (m_stream->bytesToWrite() + bytes.size() > kMaxUnsentBytes) {
        m_overflowed = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                close(QCoreApplication::translate("ringshare::transfer::PeerConnection",
                                                  "the peer does not read what it asks for"));
            },
            Qt::QueuedConnection);
        return;
    }
    m_stream->write(bytes);
}

void PeerConnection::close(const QString& reason) {
    if (m_closed)
        return;
    m_closed = true;
    m_deadline->stop();
    qCDebug(lcTransfer) << "closing connection to" << m_address << ":" << reason;
    m_stream->abort();
    Q_EMIT closed(reason);
    deleteLater();
}

void PeerConnection::readMore() {
    if (m_closed || m_waitingForTokens)
        return;
    const auto alive = m_alive;
    while (*alive && !m_closed && m_stream->bytesAvailable() > 0) {
        const qint64 wanted = qMin(m_stream->bytesAvailable(), kReadSlice);
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
        const QByteArray bytes = m_stream->read(granted);
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
                    close(QCoreApplication::translate("ringshare::transfer::PeerConnection",
                                                      "the peer did not say hello"));
                    return;
                }
                m_ready = true;
                m_peerListenPort = decoded->listenPort;
                m_deadline->start(kIdleTimeout);
                Q_EMIT ready();
            } else if (decoded->type == MessageType::Hello) {
                close(QCoreApplication::translate("ringshare::transfer::PeerConnection",
                                                  "the peer said hello twice"));
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
