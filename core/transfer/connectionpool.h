// Every transfer connection of this node: the listener and who it lets in, dialing (one connection per
// peer, whoever dialled), and the bookkeeping when connections close. It knows no content; the manager
// routes what arrives.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "crypto/identity.h"
#include "net/stream.h"
#include "transfer/peerconnection.h"
#include "transfer/peerhandle.h"
#include "transfer/transferoptions.h"
#include "transfer/transferstatus.h"

#include <QHash>
#include <QObject>

namespace ringshare::transfer {

struct PeerAddress;

class PoolEvents {
public:
    // The handshake is done and this is the one connection to that peer.
    virtual void onPeerReady(PeerHandle peer) = 0;
    // Both sides dialled at once: `lost` closes right after this, and `kept` (ready, or about to be) takes
    // over what `lost` was for.
    virtual void onPeerMerged(PeerHandle lost, PeerHandle kept) = 0;
    virtual void onPeerClosed(PeerHandle peer, const QString& reason) = 0;
    virtual void onPeerMessage(PeerHandle peer, const TransferMessage& message) = 0;
    // The connection has room for more bytes again.
    virtual void onPeerWritable(PeerHandle peer) = 0;

protected:
    ~PoolEvents() = default;
};

class ConnectionPool final : public QObject, private net::StreamAcceptor {
    Q_OBJECT

public:
    // Dials and accepts through `streams` (real TCP, or the simulator's), which it does not own.
    ConnectionPool(const crypto::Identity& identity, net::StreamTransport& streams, PoolEvents& events,
                   RateLimiter& downloadLimit, Clock& clock, const TransferOptions& options,
                   TransferStats& stats, QObject* parent = nullptr);
    ~ConnectionPool() override;

    Result<void> listen(const QHostAddress& address, quint16 port);
    [[nodiscard]] quint16 listenPort() const { return m_streams.listenPort(); }

    // The connection to `peer`: the one there is (ready or still dialling), or a new one; kNoPeer for this
    // node itself or when every slot is taken.
    PeerHandle dial(const PeerAddress& peer);

    void send(PeerHandle peer, const TransferMessage& message);
    // Closes the connection; onPeerClosed() follows at once.
    void close(PeerHandle peer, const QString& reason);

    [[nodiscard]] bool contains(PeerHandle peer) const { return m_connections.contains(peer); }
    // The ready connection to this node, whoever dialled; kNoPeer when there is none.
    [[nodiscard]] PeerHandle readyConnectionTo(const NodeId& id) const { return m_byNode.value(id, kNoPeer); }
    [[nodiscard]] bool isReady(PeerHandle peer) const;
    [[nodiscard]] bool isClosed(PeerHandle peer) const;
    [[nodiscard]] bool isBusy(PeerHandle peer) const;
    [[nodiscard]] NodeId peerId(PeerHandle peer) const;
    [[nodiscard]] QHostAddress peerAddress(PeerHandle peer) const;
    // Where the peer accepts connections, from its Hello; 0 when it does not.
    [[nodiscard]] quint16 peerListenPort(PeerHandle peer) const;
    [[nodiscard]] int count() const { return int(m_connections.size()); }

private:
    struct Entry {
        PeerConnection* connection = nullptr;
        Millis openedAt{0};
    };

    void onStream(std::unique_ptr<net::Stream> stream) override;
    [[nodiscard]] QHash<QHostAddress, int> inboundHandshakes() const;
    void evictOldestHandshake(int fromSourcesHolding);
    PeerHandle adopt(PeerConnection* connection);
    void onReady(PeerHandle handle);
    void onClosed(PeerHandle handle, const QString& reason);
    [[nodiscard]] PeerConnection* connection(PeerHandle peer) const;

    const crypto::Identity& m_identity;
    NodeId m_id;
    PoolEvents& m_events;
    RateLimiter& m_downloadLimit;
    Clock& m_clock;
    const TransferOptions& m_options;
    TransferStats& m_stats;
    net::StreamTransport& m_streams;
    PeerHandle m_nextHandle = kNoPeer;
    QHash<PeerHandle, Entry> m_connections;
    QHash<NodeId, PeerHandle> m_byNode;     // ready connections
    QHash<NodeId, PeerHandle> m_connecting; // outbound, handshake not done
};

} // namespace ringshare::transfer
