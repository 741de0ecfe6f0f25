// One secure transfer connection to a peer: handshake, framing, read pacing and liveness, over a stream.
#pragma once

#include "base/clock.h"
#include "crypto/identity.h"
#include "crypto/securechannel.h"
#include "net/stream.h"
#include "transfer/ratelimiter.h"
#include "transfer/transfermessage.h"

#include <QObject>
#include <memory>
#include <optional>

namespace ringshare::transfer {

// One transfer connection to a peer: it owns the stream (TCP, or the simulator's) and the secure channel,
// reads only as fast as the download limit allows, and turns bytes into TransferMessages. A peer that fails
// the handshake, sends anything malformed or stays silent too long is dropped. It knows no swarm; the manager
// routes messages.
class PeerConnection final : public QObject {
    Q_OBJECT

public:
    enum class Direction { Outbound, Inbound };
    // How long a new connection has to finish the handshake and say hello, counted from when it opens.
    static constexpr Millis kHandshakeTimeout{10'000};
    static constexpr Millis kIdleTimeout{300'000};
    // Above this many unsent bytes the connection reports itself busy; writers wait for writable().
    static constexpr qint64 kWriteHighWater = 512 * 1024;
    // Above this many unsent bytes the peer is not reading what it asked for, and is closed (see write()).
    static constexpr qint64 kMaxUnsentBytes = 16 * 1024 * 1024;

    // Takes the stream, which is open (inbound) or connecting (outbound).
    PeerConnection(const crypto::Identity& self, std::unique_ptr<net::Stream> stream, Direction direction,
                   std::optional<NodeId> expectedPeer, quint16 ownListenPort, RateLimiter& downloadLimit,
                   Clock& clock, Millis handshakeTimeout = kHandshakeTimeout, QObject* parent = nullptr);
    ~PeerConnection() override;

    // Queues a message; does nothing once closed or before the handshake is done.
    void send(const TransferMessage& message);
    // Drops the connection; closed() follows once.
    void close(const QString& reason);

    [[nodiscard]] Direction direction() const { return m_direction; }
    [[nodiscard]] bool isReady() const { return m_ready; }
    [[nodiscard]] bool isClosed() const { return m_closed; }
    [[nodiscard]] NodeId peerId() const { return m_channel.peerKey().nodeId(); }
    [[nodiscard]] QHostAddress peerAddress() const { return m_address; }
    // Where the peer accepts connections (from its Hello); 0 when it does not.
    [[nodiscard]] quint16 peerListenPort() const { return m_peerListenPort; }
    [[nodiscard]] bool isBusy() const;

Q_SIGNALS:
    // The handshake and the Hello exchange are done: messages can flow.
    void ready();
    void message(const ringshare::transfer::TransferMessage& message);
    void writable();
    void closed(const QString& reason);

private:
    void onConnected();
    void readMore();
    void write(const QByteArray& bytes);

    std::unique_ptr<net::Stream> m_stream;
    crypto::SecureChannel m_channel;
    Direction m_direction;
    quint16 m_ownListenPort;
    RateLimiter& m_downloadLimit;
    QHostAddress m_address;
    quint16 m_peerListenPort = 0;
    bool m_ready = false;
    bool m_closed = false;
    bool m_waitingForTokens = false;
    bool m_overflowed = false; // over kMaxUnsentBytes: nothing more is written, and close() follows
    std::unique_ptr<Timer> m_deadline;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace ringshare::transfer
