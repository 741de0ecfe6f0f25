// SimStreams: TCP's behaviour as seen from above (handshake, ordered bytes, flow control, close), with the
// network's latency, bandwidth and loss, and nothing of its wire format.
#include "net/simstreams.h"

#include "base/logging.h"
#include "net/simnetwork.h"

#include <QPointer>
#include <algorithm>
#include <array>
#include <deque>

namespace ringshare::net {

namespace {

// Small enough that links shared by several connections interleave them, large enough that a big
// transfer costs few events.
constexpr qint64 kSegmentSize = 64 * 1024;
constexpr quint16 kFirstEphemeralPort = 49152;
// Linux's SYN schedule (tcp_syn_retries = 6): tries at 0, 1, 3, 7, 15, 31 and 63 s, given up at 127 s.
constexpr int kSynRetries = 6;
constexpr Millis kFirstSynTimeout{1000};
constexpr qint64 kNanosPerMilli = 1'000'000;
constexpr qint64 kNanosPerSecond = 1'000'000'000;

qint64 ceilDiv(qint64 a, qint64 b) {
    return (a + b - 1) / b;
}

// Bytes in order, taken from the front in pieces without moving what stays (a QByteArray would copy the
// whole rest on every take).
class ByteQueue {
public:
    [[nodiscard]] qint64 size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    void append(const QByteArray& bytes) {
        if (bytes.isEmpty())
            return;
        m_chunks.push_back(bytes);
        m_size += bytes.size();
    }
    [[nodiscard]] QByteArray take(qint64 count) {
        count = std::clamp<qint64>(count, 0, m_size);
        QByteArray bytes;
        bytes.reserve(count);
        while (bytes.size() < count) {
            const QByteArray& front = m_chunks.front();
            const qint64 piece = std::min<qint64>(count - bytes.size(), front.size() - m_offset);
            bytes.append(front.constData() + m_offset, piece);
            m_offset += piece;
            if (m_offset == front.size()) {
                m_chunks.pop_front();
                m_offset = 0;
            }
        }
        m_size -= count;
        return bytes;
    }
    void clear() {
        m_chunks.clear();
        m_offset = 0;
        m_size = 0;
    }

private:
    std::deque<QByteArray> m_chunks;
    qint64 m_offset = 0; // into the first chunk
    qint64 m_size = 0;
};

} // namespace

struct SimConnection {
    struct Segment {
        int kind = 0; // SimStreams::SegmentKind
        QByteArray bytes;
        Millis arrivesAt{0};
    };

    // One direction, from ends[i] to ends[1 - i].
    struct Pipe {
        ByteQueue unsent;
        qint64 onLink = 0;   // being serialised now
        qint64 inFlight = 0; // data bytes on the wire, not yet delivered
        std::deque<Segment> wire;
        bool deliveryScheduled = false;
        bool windowShut = false; // the receiver's buffer is full: the sender waits for it to read
        bool finPending = false; // the sender aborted: a FIN follows the segment on the link
        Millis lastArrival{0};
        qint64 freeAt = 0; // when this pipe's last segment left, in nanoseconds, for back-to-back segments
    };

    struct End {
        Endpoint local;
        Endpoint peer; // the other end as this end addresses it
        Endpoint host; // the datagram endpoint of this end's host
        SimStream* stream = nullptr;
        ByteQueue received;
        qint64 readCap = 0;
    };

    std::shared_ptr<SimStreams*> alive;
    std::array<End, 2> ends; // 0 dialled, 1 accepted
    std::array<Pipe, 2> pipes;
    int synsSent = 0;
    bool synAnswered = false;
};

// One end of a simulated connection. It owns nothing the network needs: destroyed, it is an abort.
class SimStream final : public Stream {
public:
    SimStream(std::shared_ptr<SimConnection> connection, int side, Phase phase)
        : Stream(phase), m_connection(std::move(connection)), m_side(side) {
        end().stream = this;
    }
    ~SimStream() override {
        abort();
        end().stream = nullptr;
    }
    SimStream(const SimStream&) = delete;
    SimStream& operator=(const SimStream&) = delete;

    [[nodiscard]] Endpoint peerEndpoint() const override { return end().peer; }
    [[nodiscard]] Endpoint localEndpoint() const override { return end().local; }
    [[nodiscard]] qint64 bytesAvailable() const override { return end().received.size(); }

    [[nodiscard]] QByteArray read(qint64 maxBytes) override {
        QByteArray bytes = end().received.take(maxBytes);
        if (SimStreams* streams = *m_connection->alive; streams && !bytes.isEmpty())
            streams->onRead(m_connection, m_side);
        return bytes;
    }

    void setReadBufferSize(qint64 bytes) override {
        end().readCap = std::max<qint64>(bytes, 0);
        if (SimStreams* streams = *m_connection->alive)
            streams->onRead(m_connection, m_side);
    }

    void write(const QByteArray& bytes) override {
        if (phase() == Phase::Closed || bytes.isEmpty())
            return;
        m_connection->pipes[m_side].unsent.append(bytes);
        if (SimStreams* streams = *m_connection->alive; streams && phase() == Phase::Open)
            streams->pump(m_connection, m_side);
    }

    [[nodiscard]] qint64 bytesToWrite() const override {
        const SimConnection::Pipe& pipe = m_connection->pipes[m_side];
        return pipe.unsent.size() + pipe.onLink;
    }

    void abort() override {
        const bool wasOpen = phase() == Phase::Open;
        if (!moveTo(Phase::Closed, StreamEnd::Aborted))
            return;
        m_connection->pipes[m_side].unsent.clear();
        end().received.clear();
        if (SimStreams* streams = *m_connection->alive; streams && wasOpen)
            streams->onAbort(m_connection, m_side);
    }

    // For SimStreams, from the clock.
    void open() {
        if (moveTo(Phase::Open))
            Q_EMIT connected();
    }
    void finish(StreamEnd why, const QString& reason) {
        if (!moveTo(Phase::Closed, why))
            return;
        // Nobody is left to send to.
        m_connection->pipes[m_side].unsent.clear();
        Q_EMIT closed(reason);
    }

private:
    [[nodiscard]] SimConnection::End& end() const { return m_connection->ends[m_side]; }

    std::shared_ptr<SimConnection> m_connection;
    int m_side;
};

// One host's streams: its listener and its dials, on the address of its datagram endpoint.
class SimStreamTransport final : public StreamTransport {
public:
    SimStreamTransport(std::shared_ptr<SimStreams*> alive, const Endpoint& host)
        : m_alive(std::move(alive)), m_host(host) {}
    ~SimStreamTransport() override {
        if (SimStreams* streams = *m_alive) {
            stopListening(*streams);
            if (streams->m_transports.value(m_host.address) == this)
                streams->m_transports.remove(m_host.address);
        }
    }
    SimStreamTransport(const SimStreamTransport&) = delete;
    SimStreamTransport& operator=(const SimStreamTransport&) = delete;

    [[nodiscard]] Result<void> listen(const QHostAddress& address, quint16 port) override {
        SimStreams* streams = *m_alive;
        if (!streams)
            return Error{QStringLiteral("The network is gone")};
        if (address != m_host.address && address != QHostAddress(QHostAddress::Any) &&
            address != QHostAddress(QHostAddress::AnyIPv4) && address != QHostAddress(QHostAddress::AnyIPv6))
            return Error{QStringLiteral("The address is not available")};
        if (port == 0) {
            port = kFirstEphemeralPort;
            while (streams->m_listeners.contains({m_host.address, port}) && port < 65535)
                ++port;
        }
        const Endpoint endpoint{m_host.address, port};
        if (SimStreamTransport* other = streams->m_listeners.value(endpoint); other && other != this)
            return Error{QStringLiteral("The bound address is already in use")};
        stopListening(*streams);
        streams->m_listeners.insert(endpoint, this);
        m_listenPort = port;
        return {};
    }

    [[nodiscard]] quint16 listenPort() const override { return m_listenPort; }
    void setAcceptor(StreamAcceptor* acceptor) override { m_acceptor = acceptor; }

    [[nodiscard]] std::unique_ptr<Stream> dial(const Endpoint& to) override {
        if (SimStreams* streams = *m_alive)
            return streams->dial(*this, to);
        // No network: a stream that never connects, as a dial into nowhere would be.
        auto connection = std::make_shared<SimConnection>();
        connection->alive = m_alive;
        connection->ends[0].local = {m_host.address, 0};
        connection->ends[0].peer = to;
        return std::make_unique<SimStream>(connection, 0, Stream::Phase::Connecting);
    }

    [[nodiscard]] const Endpoint& host() const { return m_host; }
    [[nodiscard]] StreamAcceptor* acceptor() const { return m_acceptor; }
    [[nodiscard]] quint16 nextPort() {
        const quint16 port = m_nextPort;
        m_nextPort = m_nextPort == 65535 ? kFirstEphemeralPort : quint16(m_nextPort + 1);
        return port;
    }

private:
    void stopListening(SimStreams& streams) {
        if (m_listenPort != 0 && streams.m_listeners.value({m_host.address, m_listenPort}) == this)
            streams.m_listeners.remove({m_host.address, m_listenPort});
        m_listenPort = 0;
    }

    std::shared_ptr<SimStreams*> m_alive;
    Endpoint m_host;
    StreamAcceptor* m_acceptor = nullptr;
    quint16 m_listenPort = 0;
    quint16 m_nextPort = kFirstEphemeralPort;
};

SimStreams::SimStreams(SimNetwork& network, ManualClock& clock, quint64 seed)
    : m_network(network), m_clock(clock), m_random(seed ^ 0x5EA3C0FFEE5EA3ULL),
      m_alive(std::make_shared<SimStreams*>(this)) {}

SimStreams::~SimStreams() {
    *m_alive = nullptr;
}

std::unique_ptr<StreamTransport> SimStreams::createTransport(const Endpoint& host) {
    auto transport = std::make_unique<SimStreamTransport>(m_alive, host);
    if (m_transports.contains(host.address))
        qCWarning(lcNet) << "SimNetwork: a second stream transport on" << host.toString()
                         << "is not reachable by address";
    else
        m_transports.insert(host.address, transport.get());
    return transport;
}

std::optional<Endpoint> SimStreams::hostAt(const QHostAddress& address) const {
    if (const SimStreamTransport* transport = m_transports.value(address))
        return transport->host();
    return std::nullopt;
}

Millis SimStreams::latency(const SimConnection& connection) const {
    return m_network.latency(connection.ends[0].host, connection.ends[1].host);
}

Millis SimStreams::retransmitTimeout(const SimConnection& connection) const {
    return m_network.profile().minRetransmitTimeout + 2 * latency(connection);
}

bool SimStreams::pathOpen(const SimConnection& connection, int side) const {
    const SimConnection::End& from = connection.ends[side];
    return m_network.route(SimNetwork::Protocol::Stream, from.host, from.local, from.peer).has_value();
}

// ---- the handshake ---------------------------------------------------------------------------------

std::unique_ptr<Stream> SimStreams::dial(SimStreamTransport& from, const Endpoint& to) {
    ++m_stats.dials;
    auto connection = std::make_shared<SimConnection>();
    connection->alive = m_alive;
    connection->ends[0] = {{from.host().address, from.nextPort()}, to, from.host()};
    auto stream = std::make_unique<SimStream>(connection, 0, Stream::Phase::Connecting);
    sendSyn(connection);
    return stream;
}

void SimStreams::sendSyn(const Connection& connection) {
    SimStream* dialler = connection->ends[0].stream;
    if (!dialler || dialler->phase() != Stream::Phase::Connecting)
        return;
    const int attempt = connection->synsSent++;
    const SimConnection::End& from = connection->ends[0];
    if (const auto path = m_network.route(SimNetwork::Protocol::Stream, from.host, from.local, from.peer)) {
        // The listening end is known from here on: the link's latency is the path's.
        connection->ends[1].host = path->targetHost;
        connection->ends[1].local = path->to;
        connection->ends[1].peer = path->from;
        m_clock.post(latency(*connection), [alive = m_alive, connection] {
            if (SimStreams* streams = *alive)
                streams->onSyn(connection);
        });
    }
    if (attempt < kSynRetries) {
        m_clock.post(kFirstSynTimeout * (1 << attempt), [alive = m_alive, connection] {
            if (SimStreams* streams = *alive)
                streams->sendSyn(connection);
        });
    } else {
        m_clock.post(kFirstSynTimeout * (1 << attempt), [connection] {
            if (SimStream* stream = connection->ends[0].stream;
                stream && stream->phase() == Stream::Phase::Connecting)
                stream->finish(StreamEnd::TimedOut, QStringLiteral("the connection timed out"));
        });
    }
}

void SimStreams::onSyn(const Connection& connection) {
    // Checked on arrival, as the datagrams are: the way may have closed meanwhile.
    const SimConnection::End& from = connection->ends[0];
    const auto path = m_network.route(SimNetwork::Protocol::Stream, from.host, from.local, from.peer);
    if (!path || m_network.isSilent(path->targetHost) || connection->synAnswered)
        return;
    if (!m_listeners.contains(path->to)) {
        ++m_stats.refused;
        reset(connection, StreamEnd::Refused, QStringLiteral("the connection was refused"));
        return;
    }
    connection->synAnswered = true;
    m_clock.post(latency(*connection), [alive = m_alive, connection] {
        if (SimStreams* streams = *alive)
            streams->onSynAck(connection);
    });
}

void SimStreams::onSynAck(const Connection& connection) {
    SimStream* dialler = connection->ends[0].stream;
    if (!dialler || dialler->phase() != Stream::Phase::Connecting)
        return;
    if (!pathOpen(*connection, 1)) {
        connection->synAnswered = false; // lost: the next SYN gets a fresh answer
        return;
    }
    // The ACK goes first on the dialler's pipe, so that whatever it writes arrives after the accept.
    putOnWire(connection, 0, SegmentKind::Ack);
    pump(connection, 0);
    dialler->open();
}

void SimStreams::accept(const Connection& connection) {
    SimStreamTransport* listener = m_listeners.value(connection->ends[1].local);
    if (!listener) {
        reset(connection, StreamEnd::Lost, QStringLiteral("the connection was reset by the peer"));
        return;
    }
    ++m_stats.accepted;
    auto stream = std::make_unique<SimStream>(connection, 1, Stream::Phase::Open);
    if (StreamAcceptor* acceptor = listener->acceptor())
        acceptor->onStream(std::move(stream));
}

void SimStreams::reset(const Connection& connection, StreamEnd end, const QString& reason) {
    if (!pathOpen(*connection, 1))
        return;
    m_clock.post(latency(*connection), [connection, end, reason] {
        if (SimStream* stream = connection->ends[0].stream)
            stream->finish(end, reason);
    });
}

// ---- bytes -------------------------------------------------------------------------------------------

void SimStreams::pump(const Connection& connection, int side) {
    SimConnection::Pipe& pipe = connection->pipes[side];
    if (pipe.onLink > 0 || pipe.unsent.isEmpty())
        return;
    qint64 size = std::min<qint64>(pipe.unsent.size(), kSegmentSize);
    const SimConnection::End& receiver = connection->ends[1 - side];
    if (receiver.readCap > 0) {
        const qint64 room = receiver.readCap - receiver.received.size() - pipe.inFlight;
        if (room <= 0) {
            pipe.windowShut = true;
            return;
        }
        size = std::min(size, room);
    }
    const QByteArray bytes = pipe.unsent.take(size);
    pipe.onLink = size;

    const Endpoint& source = connection->ends[side].host;
    const Endpoint& target = receiver.host;
    // Nanoseconds: fine enough that rounding each segment up loses nothing a test could see.
    const qint64 now = m_clock.now().count() * kNanosPerMilli;
    // A segment that follows its predecessor in the same millisecond leaves when that one did, not at
    // the millisecond's end: on a busy link the bytes go back to back, and the timing stays exact.
    const qint64 earliest = ceilDiv(pipe.freeAt, kNanosPerMilli) * kNanosPerMilli == now ? pipe.freeAt : now;
    qint64& linkFreeAt = m_linkFreeAt[{source, target}];
    const qint64 start = std::max(earliest, linkFreeAt);
    const qint64 finish = start + ceilDiv(size * kNanosPerSecond, m_network.bandwidth(source, target));
    linkFreeAt = finish;
    pipe.freeAt = finish;
    m_clock.post(Millis(ceilDiv(finish, kNanosPerMilli)) - m_clock.now(),
                 [alive = m_alive, connection, side, bytes] {
                     if (SimStreams* streams = *alive)
                         streams->onSerialised(connection, side, bytes);
                 });
}

void SimStreams::onSerialised(const Connection& connection, int side, const QByteArray& bytes) {
    SimConnection::Pipe& pipe = connection->pipes[side];
    pipe.onLink = 0;
    ++m_stats.segments;
    putOnWire(connection, side, SegmentKind::Data, bytes);
    if (pipe.finPending) {
        pipe.finPending = false;
        putOnWire(connection, side, SegmentKind::Fin);
        return;
    }
    pump(connection, side);
    // Last: the writer may write more, or drop the stream, from its slot.
    if (SimStream* sender = connection->ends[side].stream; sender && sender->phase() == Stream::Phase::Open)
        Q_EMIT sender->bytesWritten(bytes.size());
}

void SimStreams::putOnWire(const Connection& connection, int side, SegmentKind kind, QByteArray bytes) {
    SimConnection::Pipe& pipe = connection->pipes[side];
    Millis arrival = m_clock.now() + latency(*connection);
    // Loss is delay: TCP sends the segment again a retransmission timeout later, and what follows waits
    // for it (delivery is in order).
    const double lossRate = m_network.profile().lossRate;
    if (lossRate > 0.0 && m_random.uniform() < lossRate) {
        arrival += retransmitTimeout(*connection);
        ++m_stats.retransmits;
    }
    arrival = std::max(arrival, pipe.lastArrival);
    pipe.lastArrival = arrival;
    if (kind == SegmentKind::Data)
        pipe.inFlight += bytes.size();
    pipe.wire.push_back({int(kind), std::move(bytes), arrival});
    if (!pipe.deliveryScheduled) {
        pipe.deliveryScheduled = true;
        m_clock.post(arrival - m_clock.now(), [alive = m_alive, connection, side] {
            if (SimStreams* streams = *alive)
                streams->deliver(connection, side);
        });
    }
}

void SimStreams::deliver(const Connection& connection, int side) {
    SimConnection::Pipe& pipe = connection->pipes[side];
    SimConnection::End& receiver = connection->ends[1 - side];
    pipe.deliveryScheduled = false;
    bool accepted = false;
    bool data = false;
    bool fin = false;
    const Millis now = m_clock.now();
    while (!pipe.wire.empty() && pipe.wire.front().arrivesAt <= now) {
        if (!pathOpen(*connection, side)) {
            // A host down or cut off: nothing flows, and the sender tries again a timeout later.
            const Millis retry = now + retransmitTimeout(*connection);
            for (SimConnection::Segment& segment : pipe.wire)
                segment.arrivesAt = std::max(segment.arrivesAt, retry);
            pipe.lastArrival = std::max(pipe.lastArrival, retry);
            ++m_stats.retransmits;
            break;
        }
        SimConnection::Segment segment = std::move(pipe.wire.front());
        pipe.wire.pop_front();
        switch (SegmentKind(segment.kind)) {
        case SegmentKind::Ack:
            accepted = true;
            break;
        case SegmentKind::Data:
            pipe.inFlight -= segment.bytes.size();
            // An end that is closed, or not accepted yet, drops what reaches it.
            if ((receiver.stream && receiver.stream->phase() == Stream::Phase::Open) || accepted) {
                receiver.received.append(segment.bytes);
                m_stats.bytes += quint64(segment.bytes.size());
                data = true;
            }
            break;
        case SegmentKind::Fin:
            fin = true;
            break;
        }
    }
    if (!pipe.wire.empty()) {
        pipe.deliveryScheduled = true;
        m_clock.post(pipe.wire.front().arrivesAt - now, [alive = m_alive, connection, side] {
            if (SimStreams* streams = *alive)
                streams->deliver(connection, side);
        });
    }
    // Signals last, each after checking the stream is still there: any slot may drop it.
    // The accepted stream holds whatever came with the ACK; readyRead() follows unless it was dropped.
    if (accepted)
        accept(connection);
    QPointer<SimStream> stream = receiver.stream;
    if (data && stream)
        Q_EMIT stream->readyRead();
    if (fin && stream)
        stream->finish(StreamEnd::PeerClosed, QStringLiteral("the peer closed the connection"));
}

void SimStreams::onRead(const Connection& connection, int side) {
    // The window update travels back to the sender, which then goes on.
    SimConnection::Pipe& incoming = connection->pipes[1 - side];
    if (!incoming.windowShut)
        return;
    incoming.windowShut = false;
    m_clock.post(latency(*connection), [alive = m_alive, connection, side] {
        if (SimStreams* streams = *alive)
            streams->pump(connection, 1 - side);
    });
}

void SimStreams::onAbort(const Connection& connection, int side) {
    SimConnection::Pipe& pipe = connection->pipes[side];
    if (pipe.onLink > 0)
        pipe.finPending = true;
    else
        putOnWire(connection, side, SegmentKind::Fin);
}

} // namespace ringshare::net
