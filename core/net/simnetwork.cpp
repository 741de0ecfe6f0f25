// SimNetwork: hosts, links, partitions and the datagram half; streams are in SimStreams.
#include "net/simnetwork.h"

#include "base/logging.h"
#include "net/simstreams.h"

#include <algorithm>
#include <utility>

namespace ringshare::net {

namespace {

// 198.18.0.1 up to 198.19.255.254: the benchmarking block 198.18.0.0/15 without its first and last address.
constexpr quint32 kFirstAddress = 0xC6120001;
constexpr quint32 kAddressCount = (quint32(1) << 17) - 2;
constexpr quint16 kPort = 4000;
// Behind NAT box n: 10.0.0.0/8 with n in the middle two bytes, host numbers 1 to 254 in the last.
constexpr quint32 kPrivateBase = 0x0A000000;
constexpr int kMaxNats = 1 << 16;
constexpr int kHostsPerNat = 254;

// The box whose LAN holds `address`, or -1 for a public address.
int lanOf(const QHostAddress& address) {
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    if (!isIPv4 || (ipv4 & 0xFF000000) != kPrivateBase)
        return -1;
    return int((ipv4 >> 8) & 0xFFFF);
}
// Loopback is not free on a real machine either, but it is far quicker than any link.
constexpr Millis kSelfLatency{1};

// The splitmix64 finaliser: every input bit reaches every output bit.
constexpr quint64 mix64(quint64 z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// A key for an endpoint that depends on nothing but its address and port, unlike qHash, whose seed and
// algorithm may change between runs and Qt builds.
quint64 endpointKey(const Endpoint& endpoint) {
    bool isIPv4 = false;
    const quint32 ipv4 = endpoint.address.toIPv4Address(&isIPv4);
    if (isIPv4)
        return (quint64(ipv4) << 16) | endpoint.port;
    const Q_IPV6ADDR ipv6 = endpoint.address.toIPv6Address();
    quint64 high = 0;
    quint64 low = 0;
    for (int i = 0; i < 8; ++i) {
        high = (high << 8) | ipv6[i];
        low = (low << 8) | ipv6[i + 8];
    }
    return mix64(mix64(high) ^ low) ^ endpoint.port;
}

QDebug operator<<(QDebug debug, const Endpoint& endpoint) {
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << endpoint.address.toString() << ':' << endpoint.port;
    return debug;
}

} // namespace

struct SimNetwork::Host {
    Endpoint endpoint;
    SimNetwork* network = nullptr; // null once the network is gone before the transport
    DatagramReceiver* receiver = nullptr;
    int group = 0;
    bool down = false;
    bool silent = false;
    int nat = -1; // the box it sits behind, if any
};

// One host on the network; it holds the host record itself, so a host costs one allocation.
class SimTransport final : public Transport {
public:
    SimTransport(SimNetwork* network, const Endpoint& endpoint) : m_host{endpoint, network} {}
    ~SimTransport() override {
        if (m_host.network)
            m_host.network->detach(m_host.endpoint);
    }
    SimTransport(const SimTransport&) = delete;
    SimTransport& operator=(const SimTransport&) = delete;

    void setReceiver(DatagramReceiver* receiver) override { m_host.receiver = receiver; }

    void send(const Endpoint& to, const QByteArray& datagram) override {
        if (m_host.network)
            m_host.network->send(m_host.endpoint, to, datagram);
    }

    [[nodiscard]] Endpoint localEndpoint() const override { return m_host.endpoint; }

    SimNetwork::Host m_host;
};

SimNetwork::SimNetwork(ManualClock& clock, quint64 seed, SimLinkProfile profile)
    : m_clock(clock), m_seed(seed), m_random(seed), m_alive(std::make_shared<SimNetwork*>(this)),
      m_streams(std::make_unique<SimStreams>(*this, clock, seed)) {
    setProfile(profile);
}

SimNetwork::~SimNetwork() {
    *m_alive = nullptr;
    m_streams.reset();
    for (Host* host : std::as_const(m_hosts))
        host->network = nullptr;
}

std::unique_ptr<Transport> SimNetwork::createTransport() {
    // Addresses are never reused. Past the last one the port moves on, so the supply never ends.
    const quint32 index = m_nextAddress++;
    const Endpoint endpoint{QHostAddress(kFirstAddress + index % kAddressCount),
                            quint16(kPort + index / kAddressCount)};
    auto transport = std::make_unique<SimTransport>(this, endpoint);
    m_hosts.insert(endpoint, &transport->m_host);
    return transport;
}

int SimNetwork::addNat(NatBehaviour behaviour) {
    const int index = int(m_nats.size());
    Q_ASSERT(index < kMaxNats);
    const QHostAddress address(kFirstAddress + m_nextAddress++ % kAddressCount);
    m_nats.push_back(std::make_unique<SimNat>(address, behaviour, m_seed ^ mix64(quint64(index) + 1)));
    m_natAt.insert(address, index);
    m_natHosts.push_back(0);
    return index;
}

void SimNetwork::forwardPort(int nat, SimProtocol protocol, quint16 publicPort, const Endpoint& inside) {
    Q_ASSERT(nat >= 0 && nat < int(m_nats.size()));
    m_nats[std::size_t(nat)]->forward(protocol, publicPort, inside);
}

void SimNetwork::removeForward(int nat, SimProtocol protocol, quint16 publicPort) {
    Q_ASSERT(nat >= 0 && nat < int(m_nats.size()));
    m_nats[std::size_t(nat)]->unforward(protocol, publicPort);
}

std::unique_ptr<Transport> SimNetwork::createTransportBeside(const Endpoint& host) {
    const Host* found = m_hosts.value(host);
    Q_ASSERT(found);
    Endpoint endpoint = host;
    do {
        endpoint.port = quint16(endpoint.port == 65535 ? 1024 : endpoint.port + 1);
    } while (m_hosts.contains(endpoint));
    auto transport = std::make_unique<SimTransport>(this, endpoint);
    transport->m_host.nat = found->nat;
    transport->m_host.group = found->group;
    m_hosts.insert(endpoint, &transport->m_host);
    return transport;
}

namespace {

class SimSockets final : public SocketFactory {
public:
    SimSockets(SimNetwork& network, const Endpoint& host) : m_network(network), m_host(host) {}
    std::unique_ptr<Transport> openFresh() override { return m_network.createTransportBeside(m_host); }

private:
    SimNetwork& m_network;
    Endpoint m_host;
};

} // namespace

std::unique_ptr<SocketFactory> SimNetwork::socketsBeside(const Endpoint& host) {
    return std::make_unique<SimSockets>(*this, host);
}

std::unique_ptr<Transport> SimNetwork::createTransportBehind(int nat) {
    Q_ASSERT(nat >= 0 && nat < int(m_nats.size()) && m_natHosts[std::size_t(nat)] < kHostsPerNat);
    const int number = ++m_natHosts[std::size_t(nat)];
    const Endpoint endpoint{QHostAddress(kPrivateBase | (quint32(nat) << 8) | quint32(number)), kPort};
    auto transport = std::make_unique<SimTransport>(this, endpoint);
    transport->m_host.nat = nat;
    m_hosts.insert(endpoint, &transport->m_host);
    return transport;
}

std::unique_ptr<StreamTransport> SimNetwork::createStreamTransport(const Endpoint& host) {
    if (!m_hosts.contains(host))
        qCWarning(lcNet) << "SimNetwork::createStreamTransport: no host" << host;
    return m_streams->createTransport(host);
}

void SimNetwork::setDown(const Endpoint& host, bool down) {
    if (Host* found = m_hosts.value(host))
        found->down = down;
    else
        qCWarning(lcNet) << "SimNetwork::setDown: no host" << host;
}

// A host that is not on the network is not down, just unreachable.
bool SimNetwork::isDown(const Endpoint& host) const {
    const Host* found = m_hosts.value(host);
    return found && found->down;
}

void SimNetwork::setGroup(const Endpoint& host, int group) {
    if (Host* found = m_hosts.value(host))
        found->group = group;
    else
        qCWarning(lcNet) << "SimNetwork::setGroup: no host" << host;
}

void SimNetwork::healPartitions() {
    for (Host* host : std::as_const(m_hosts))
        host->group = 0;
}

void SimNetwork::setSilent(const Endpoint& host, bool silent) {
    if (Host* found = m_hosts.value(host))
        found->silent = silent;
    else
        qCWarning(lcNet) << "SimNetwork::setSilent: no host" << host;
}

bool SimNetwork::isSilent(const Endpoint& host) const {
    const Host* found = m_hosts.value(host);
    return found && found->silent;
}

void SimNetwork::setBandwidth(const Endpoint& a, const Endpoint& b, qint64 bytesPerSecond) {
    Q_ASSERT(bytesPerSecond > 0);
    const bool ordered = endpointKey(a) <= endpointKey(b);
    m_bandwidths.insert(ordered ? std::pair{a, b} : std::pair{b, a}, bytesPerSecond);
}

qint64 SimNetwork::bandwidth(const Endpoint& from, const Endpoint& to) const {
    const bool ordered = endpointKey(from) <= endpointKey(to);
    return m_bandwidths.value(ordered ? std::pair{from, to} : std::pair{to, from}, m_profile.bandwidth);
}

void SimNetwork::setProfile(const SimLinkProfile& profile) {
    Q_ASSERT(profile.minLatency >= Millis(0) && profile.minLatency <= profile.maxLatency);
    Q_ASSERT(profile.lossRate >= 0.0 && profile.lossRate <= 1.0);
    Q_ASSERT(profile.bandwidth > 0 && profile.minRetransmitTimeout >= Millis(0));
    m_profile = profile;
}

Millis SimNetwork::latency(const Endpoint& from, const Endpoint& to) const {
    if (from == to)
        return kSelfLatency;
    // Ordered by key, so both directions of a link get the same latency.
    const quint64 fromKey = endpointKey(from);
    const quint64 toKey = endpointKey(to);
    const quint64 low = std::min(fromKey, toKey);
    const quint64 high = std::max(fromKey, toKey);
    const quint64 hash = mix64(mix64(m_seed ^ low) ^ high);
    const qint64 minimum = std::max<qint64>(m_profile.minLatency.count(), 0);
    const qint64 span = std::max<qint64>(m_profile.maxLatency.count() - minimum, 0);
    return Millis(minimum + qint64(hash % quint64(span + 1)));
}

quint64 SimNetwork::deliveredTo(const Endpoint& host) const {
    return m_deliveredTo.value(host, 0);
}

void SimNetwork::resetStats() {
    m_stats = {};
    m_deliveredTo.clear();
}

std::optional<SimNetwork::Path> SimNetwork::route(Protocol protocol, const Endpoint& sourceHost,
                                                  const Endpoint& from, const Endpoint& to) {
    const Host* source = m_hosts.value(sourceHost);
    if (!source || source->down)
        return std::nullopt;
    const Millis now = m_clock.now();
    const auto boxIn = m_natAt.constFind(to.address);
    const int box = boxIn == m_natAt.cend() ? -1 : *boxIn;

    // The way out: leaving its LAN, a host behind a box goes out at the box's address.
    Endpoint seenFrom = from;
    if (source->nat >= 0 && lanOf(to.address) != source->nat) {
        if (box == source->nat)
            return std::nullopt; // to its own box's public address: no hairpinning
        seenFrom = m_nats[std::size_t(source->nat)]->mapOut(protocol, from, to, now);
    }
    // The way in: a box's address leads on to the inside host its mapping and filter name.
    Endpoint seenTo = to;
    if (box >= 0) {
        const auto inside = m_nats[std::size_t(box)]->mapIn(protocol, seenFrom, to.port, now);
        if (!inside)
            return std::nullopt;
        seenTo = *inside;
    } else if (const int lan = lanOf(to.address); lan >= 0 && lan != source->nat) {
        return std::nullopt; // a private address from outside its LAN
    }

    // Datagram endpoints name their host; streams find it by address.
    Endpoint targetHost = seenTo;
    if (protocol == Protocol::Stream) {
        const auto host = m_streams->hostAt(seenTo.address);
        if (!host)
            return std::nullopt;
        targetHost = *host;
    }
    const Host* target = m_hosts.value(targetHost);
    if (!target || target->down || target->group != source->group)
        return std::nullopt;
    return Path{sourceHost, targetHost, seenFrom, seenTo, source->group};
}

bool SimNetwork::arrives(const Path& path) const {
    // The link must still be there on arrival: a receiver that crashed, left or moved to another
    // partition meanwhile loses the packet, and so does one whose sender moved away. A sender that
    // crashed or left after sending does not take back what is already on the wire.
    const Host* target = m_hosts.value(path.targetHost);
    const Host* source = m_hosts.value(path.sourceHost);
    return target && !target->down && target->group == path.group && (!source || source->group == path.group);
}

void SimNetwork::send(const Endpoint& from, const Endpoint& to, const QByteArray& datagram) {
    ++m_stats.sent;
    m_stats.bytesSent += quint64(datagram.size());
    const auto path = route(Protocol::Datagram, from, from, to);
    // The loss draw comes last, so that only datagrams that could arrive use up random numbers.
    if (!path || (m_profile.lossRate > 0.0 && m_random.uniform() < m_profile.lossRate)) {
        ++m_stats.dropped;
        return;
    }
    // The closure names hosts by endpoint, never by pointer: either host may be gone by the time it runs,
    // and so may this network.
    m_clock.post(latency(path->sourceHost, path->targetHost), [alive = m_alive, path = *path, datagram] {
        SimNetwork* network = *alive;
        if (!network)
            return;
        if (!network->arrives(path)) {
            ++network->m_stats.dropped;
            return;
        }
        ++network->m_stats.delivered;
        ++network->m_deliveredTo[path.targetHost];
        // Last: the receiver may destroy any transport, this network included, or send more.
        if (DatagramReceiver* receiver = network->m_hosts.value(path.targetHost)->receiver)
            receiver->onDatagram(path.from, path.to, datagram);
    });
}

void SimNetwork::detach(const Endpoint& host) {
    m_hosts.remove(host);
}

} // namespace ringshare::net
