// Transfer connections: admission, dialing, duplicates and closing; see connectionpool.h.
#include "transfer/connectionpool.h"

#include "base/logging.h"
#include "transfer/admission.h"

#include <QCoreApplication>

namespace ringshare::transfer {

namespace {

bool isInboundHandshake(const PeerConnection* connection) {
    return connection->direction() == PeerConnection::Direction::Inbound && !connection->isReady() &&
           !connection->isClosed();
}

} // namespace

ConnectionPool::ConnectionPool(const crypto::Identity& identity, net::StreamTransport& streams,
                               PoolEvents& events, RateLimiter& downloadLimit, Clock& clock,
                               const TransferOptions& options, TransferStats& stats, QObject* parent)
    : QObject(parent), m_identity(identity), m_id(identity.nodeId()), m_events(events),
      m_downloadLimit(downloadLimit), m_clock(clock), m_options(options), m_stats(stats), m_streams(streams) {
    m_streams.setAcceptor(this);
}

ConnectionPool::~ConnectionPool() {
    m_streams.setAcceptor(nullptr);
    // The connections are children and go with this object; nobody is told.
    for (const Entry& entry : std::as_const(m_connections))
        entry.connection->disconnect(this);
}

Result<void> ConnectionPool::listen(const QHostAddress& address, quint16 port) {
    if (auto listening = m_streams.listen(address, port); !listening.ok())
        return Error{QCoreApplication::translate("ringshare::transfer::ConnectionPool",
                                                 "Cannot accept transfers on port %1: %2.")
                         .arg(port)
                         .arg(listening.error())};
    return {};
}

void ConnectionPool::onStream(std::unique_ptr<net::Stream> stream) {
    const QHostAddress source = sourceOf(stream->peerEndpoint().address);
    const Admission admission =
        decide(inboundHandshakes(), source, count(),
               AdmissionLimits{m_options.maxConnections, m_options.maxHandshakesPerSource});
    if (admission.verdict == Admission::Verdict::Refuse) {
        ++m_stats.connectionsRefused;
        return; // the stream goes, and the peer hears it closed
    }
    if (admission.verdict == Admission::Verdict::Evict)
        evictOldestHandshake(admission.evictFromSourcesHolding);
    adopt(new PeerConnection(m_identity, std::move(stream), PeerConnection::Direction::Inbound, std::nullopt,
                             listenPort(), m_downloadLimit, m_clock, m_options.handshakeTimeout, this));
}

QHash<QHostAddress, int> ConnectionPool::inboundHandshakes() const {
    QHash<QHostAddress, int> perSource;
    for (const Entry& entry : m_connections)
        if (isInboundHandshake(entry.connection))
            ++perSource[sourceOf(entry.connection->peerAddress())];
    return perSource;
}

void ConnectionPool::evictOldestHandshake(int fromSourcesHolding) {
    const QHash<QHostAddress, int> perSource = inboundHandshakes();
    PeerConnection* victim = nullptr;
    Millis victimOpenedAt{0};
    for (const Entry& entry : std::as_const(m_connections)) {
        if (!isInboundHandshake(entry.connection) ||
            perSource.value(sourceOf(entry.connection->peerAddress())) != fromSourcesHolding)
            continue;
        if (!victim || entry.openedAt < victimOpenedAt) {
            victim = entry.connection;
            victimOpenedAt = entry.openedAt;
        }
    }
    ++m_stats.connectionsEvicted;
    victim->close(QCoreApplication::translate("ringshare::transfer::ConnectionPool",
                                              "its source holds too many unfinished handshakes"));
}

PeerHandle ConnectionPool::dial(const PeerAddress& peer) {
    if (peer.id == m_id)
        return kNoPeer;
    if (const PeerHandle existing = m_byNode.value(peer.id))
        return existing;
    if (const PeerHandle pending = m_connecting.value(peer.id))
        return pending;
    if (count() >= m_options.maxConnections)
        return kNoPeer;
    const PeerHandle handle =
        adopt(new PeerConnection(m_identity, m_streams.dial(net::Endpoint{peer.address, peer.port}),
                                 PeerConnection::Direction::Outbound, peer.id, listenPort(), m_downloadLimit,
                                 m_clock, m_options.handshakeTimeout, this));
    m_connecting.insert(peer.id, handle);
    return handle;
}

PeerHandle ConnectionPool::adopt(PeerConnection* connection) {
    const PeerHandle handle = ++m_nextHandle;
    m_connections.insert(handle, Entry{connection, m_clock.now()});
    connect(connection, &PeerConnection::ready, this, [this, handle] { onReady(handle); });
    connect(connection, &PeerConnection::closed, this,
            [this, handle](const QString& reason) { onClosed(handle, reason); });
    connect(connection, &PeerConnection::message, this,
            [this, handle](const TransferMessage& message) { m_events.onPeerMessage(handle, message); });
    connect(connection, &PeerConnection::writable, this, [this, handle] { m_events.onPeerWritable(handle); });
    return handle;
}

void ConnectionPool::onReady(PeerHandle handle) {
    PeerConnection* ready = connection(handle);
    const NodeId peer = ready->peerId();
    if (m_connecting.value(peer) == handle)
        m_connecting.remove(peer);
    if (peer == m_id) {
        ready->close(
            QCoreApplication::translate("ringshare::transfer::ConnectionPool", "connected to ourselves"));
        return;
    }
    if (const PeerHandle other = m_byNode.value(peer); other != kNoPeer && other != handle) {
        // Both sides dialled at once. Both keep the connection dialled by the smaller node ID, so they agree.
        const auto dialler = [this](PeerConnection* c) {
            return c->direction() == PeerConnection::Direction::Outbound ? m_id : c->peerId();
        };
        const PeerHandle keep = dialler(ready) < dialler(connection(other)) ? handle : other;
        const PeerHandle lose = keep == handle ? other : handle;
        m_events.onPeerMerged(lose, keep);
        connection(lose)->close(QCoreApplication::translate("ringshare::transfer::ConnectionPool",
                                                            "a second connection to the same peer"));
        if (keep != handle)
            return;
    }
    m_byNode.insert(peer, handle);
    m_events.onPeerReady(handle);
}

void ConnectionPool::onClosed(PeerHandle handle, const QString& reason) {
    const auto it = m_connections.find(handle);
    if (it == m_connections.end())
        return;
    PeerConnection* closed = it->connection;
    m_connections.erase(it);
    if (m_byNode.value(closed->peerId()) == handle)
        m_byNode.remove(closed->peerId());
    for (auto c = m_connecting.begin(); c != m_connecting.end();)
        c = c.value() == handle ? m_connecting.erase(c) : std::next(c);
    qCDebug(lcTransfer) << "connection closed:" << reason;
    m_events.onPeerClosed(handle, reason);
}

PeerConnection* ConnectionPool::connection(PeerHandle peer) const {
    const auto it = m_connections.constFind(peer);
    return it == m_connections.constEnd() ? nullptr : it->connection;
}

void ConnectionPool::send(PeerHandle peer, const TransferMessage& message) {
    if (PeerConnection* c = connection(peer))
        c->send(message);
}

void ConnectionPool::close(PeerHandle peer, const QString& reason) {
    if (PeerConnection* c = connection(peer))
        c->close(reason);
}

bool ConnectionPool::isReady(PeerHandle peer) const {
    const PeerConnection* c = connection(peer);
    return c && c->isReady();
}

bool ConnectionPool::isClosed(PeerHandle peer) const {
    const PeerConnection* c = connection(peer);
    return !c || c->isClosed();
}

bool ConnectionPool::isBusy(PeerHandle peer) const {
    const PeerConnection* c = connection(peer);
    return c && c->isBusy();
}

NodeId ConnectionPool::peerId(PeerHandle peer) const {
    const PeerConnection* c = connection(peer);
    return c ? c->peerId() : NodeId();
}

QHostAddress ConnectionPool::peerAddress(PeerHandle peer) const {
    const PeerConnection* c = connection(peer);
    return c ? c->peerAddress() : QHostAddress();
}

quint16 ConnectionPool::peerListenPort(PeerHandle peer) const {
    const PeerConnection* c = connection(peer);
    return c ? c->peerListenPort() : 0;
}

} // namespace ringshare::transfer
