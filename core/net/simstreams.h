// The stream half of SimNetwork: dials, listeners and connections with latency, bandwidth, loss as delay
// and flow control, on the virtual clock. Kept apart from the datagram half, which it routes through.
#pragma once

#include "base/manualclock.h"
#include "base/random.h"
#include "net/stream.h"

#include <QHash>
#include <memory>
#include <optional>

namespace ringshare::net {

class SimNetwork;
class SimStream;
class SimStreamTransport;
struct SimConnection;

class SimStreams final {
public:
    SimStreams(SimNetwork& network, ManualClock& clock, quint64 seed);
    ~SimStreams();
    SimStreams(const SimStreams&) = delete;
    SimStreams& operator=(const SimStreams&) = delete;

    // Streams for the host whose datagram endpoint is `host`, on its address.
    [[nodiscard]] std::unique_ptr<StreamTransport> createTransport(const Endpoint& host);
    // The datagram endpoint of the host that holds `address` for streams.
    [[nodiscard]] std::optional<Endpoint> hostAt(const QHostAddress& address) const;

    struct Stats {
        quint64 dials = 0;
        quint64 accepted = 0;
        quint64 refused = 0;
        quint64 segments = 0;    // data segments put on the wire
        quint64 bytes = 0;       // data bytes delivered
        quint64 retransmits = 0; // segments that arrived a retransmission timeout late, or later
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

private:
    friend class SimStream;
    friend class SimStreamTransport;
    using Connection = std::shared_ptr<SimConnection>;
    enum class SegmentKind { Data, Ack, Fin };

    [[nodiscard]] std::unique_ptr<Stream> dial(SimStreamTransport& from, const Endpoint& to);
    void sendSyn(const Connection& connection);
    void onSyn(const Connection& connection);
    void onSynAck(const Connection& connection);
    void pump(const Connection& connection, int side);
    void onSerialised(const Connection& connection, int side, const QByteArray& bytes);
    void putOnWire(const Connection& connection, int side, SegmentKind kind, QByteArray bytes = {});
    void deliver(const Connection& connection, int side);
    void accept(const Connection& connection);
    void onRead(const Connection& connection, int side);
    void onAbort(const Connection& connection, int side);
    // Sends a reset from the listening end back to the dialler, which ends with `end`.
    void reset(const Connection& connection, StreamEnd end, const QString& reason);
    [[nodiscard]] bool pathOpen(const SimConnection& connection, int side) const;
    [[nodiscard]] Millis latency(const SimConnection& connection) const;
    [[nodiscard]] Millis retransmitTimeout(const SimConnection& connection) const;

    SimNetwork& m_network;
    ManualClock& m_clock;
    // Its own sequence, so that datagram runs replay the same with or without streams beside them.
    SeededRandom m_random;
    QHash<QHostAddress, SimStreamTransport*> m_transports;
    QHash<Endpoint, SimStreamTransport*> m_listeners;
    // When each direction of each link (sending host, receiving host) is next free, in nanoseconds.
    QHash<std::pair<Endpoint, Endpoint>, qint64> m_linkFreeAt;
    Stats m_stats;
    // Shared with connections and the events in flight, which may outlive this.
    std::shared_ptr<SimStreams*> m_alive;
};

} // namespace ringshare::net
