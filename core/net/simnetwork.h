// An in-process network on a virtual clock for datagrams and streams, with the one routing step that
// both pass through (where NAT boxes will plug in).
#pragma once

#include "base/clock.h"
#include "base/manualclock.h"
#include "base/random.h"
#include "net/simnat.h"
#include "net/stream.h"
#include "net/transport.h"

#include <QHash>
#include <memory>
#include <optional>
#include <vector>

namespace ringshare::net {

class SimStreams;

struct SimLinkProfile {
    // Each link (pair of hosts) gets a fixed one-way latency drawn uniformly from [min, max] from the seed.
    Millis minLatency{5};
    Millis maxLatency{60};
    // Each datagram is lost independently with this probability; so is each stream segment, which then
    // arrives a retransmission timeout late (minRetransmitTimeout plus the round trip) instead.
    double lossRate = 0.0;
    // Bytes per second each way on every link, unless setBandwidth() says otherwise: what serialises a
    // stream's segments (datagrams are not slowed). 100 Mbit/s keeps simulated transfers short.
    qint64 bandwidth = 12'500'000;
    Millis minRetransmitTimeout{200};
};

// An in-process network on a virtual clock: deterministic from its seed, cheap enough for thousands of
// nodes. Hosts get addresses in 198.18.0.0/15 (reserved for benchmarking); nothing touches a real socket.
class SimNetwork final {
public:
    SimNetwork(ManualClock& clock, quint64 seed, SimLinkProfile profile = {});
    ~SimNetwork();
    SimNetwork(const SimNetwork&) = delete;
    SimNetwork& operator=(const SimNetwork&) = delete;

    // A new host with a fresh address. Destroying the transport takes the host off the network; datagrams
    // in flight to it are dropped.
    [[nodiscard]] std::unique_ptr<Transport> createTransport();
    // A home router: a NAT box with a fresh public address; returns its number. Hosts made behind it get
    // private addresses (10.x.y.z, one /24 per box) that only hosts behind the same box reach; everyone
    // else sees them at the box's address, as its mappings and filter allow.
    int addNat(NatBehaviour behaviour = {});
    // A new host behind NAT box `nat`.
    [[nodiscard]] std::unique_ptr<Transport> createTransportBehind(int nat);
    [[nodiscard]] const SimNat& nat(int index) const { return *m_nats[std::size_t(index)]; }
    // A static port forward on box `nat`: what arrives at `publicPort` goes to `inside`, from anyone.
    void forwardPort(int nat, SimProtocol protocol, quint16 publicPort, const Endpoint& inside);
    void removeForward(int nat, SimProtocol protocol, quint16 publicPort);
    // Another socket on the host at `host`: same address (and NAT box), the next free port.
    [[nodiscard]] std::unique_ptr<Transport> createTransportBeside(const Endpoint& host);
    // Opens createTransportBeside(host) on demand.
    [[nodiscard]] std::unique_ptr<SocketFactory> socketsBeside(const Endpoint& host);
    // Streams for the host made by createTransport() at `host`, on the same address (one stream
    // transport per address). Its streams stall once the host leaves or this transport goes.
    [[nodiscard]] std::unique_ptr<StreamTransport> createStreamTransport(const Endpoint& host);

    // A host that is down neither sends nor receives (a crash or a cut cable), until brought back up.
    void setDown(const Endpoint& host, bool down);
    [[nodiscard]] bool isDown(const Endpoint& host) const;
    // Partitions: hosts in different groups cannot reach each other. Every host starts in group 0.
    void setGroup(const Endpoint& host, int group);
    void healPartitions();
    // A silent host drops every dial to it unanswered (a firewall that eats SYNs, a full accept queue):
    // the dialler neither connects nor hears a refusal, and gives up after TCP's two minutes. Datagrams
    // and established streams are unaffected.
    void setSilent(const Endpoint& host, bool silent);
    [[nodiscard]] bool isSilent(const Endpoint& host) const;
    // Both directions of the link between two hosts; the profile's bandwidth for links never set.
    void setBandwidth(const Endpoint& a, const Endpoint& b, qint64 bytesPerSecond);
    [[nodiscard]] qint64 bandwidth(const Endpoint& from, const Endpoint& to) const;
    void setProfile(const SimLinkProfile& profile);
    [[nodiscard]] const SimLinkProfile& profile() const { return m_profile; }
    [[nodiscard]] Millis latency(const Endpoint& from, const Endpoint& to) const;

    struct Stats {
        quint64 sent = 0;
        quint64 delivered = 0;
        quint64 dropped = 0; // lost, partitioned, to or from a host that is down or gone
        quint64 bytesSent = 0;
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }
    [[nodiscard]] const SimStreams& streams() const { return *m_streams; }
    // Datagrams delivered to `host` since the last resetStats().
    [[nodiscard]] quint64 deliveredTo(const Endpoint& host) const;
    void resetStats();

    struct Host;

    // What crosses the wire: the two kinds map (and, behind a NAT, are filtered) separately.
    using Protocol = SimProtocol;
    // The way one packet goes, decided when it leaves and checked again when it arrives.
    struct Path {
        Endpoint sourceHost; // the sending host's datagram endpoint (its key here)
        Endpoint targetHost; // the receiving host's
        Endpoint from;       // the source as the receiver sees it
        Endpoint to;         // the destination as the receiving host sees it
        int group = 0;       // the partition it travels in
    };

private:
    friend class SimTransport;
    friend class SimStreams;
    // THE ROUTING STEP: every datagram and every stream packet (dial, answer, segment, close) passes
    // here. Datagrams are routed when sent and checked by arrives() on arrival; stream packets are routed
    // when a dial leaves and again each time a packet reaches the far end. NAT boxes act here and nowhere
    // else: on the way out of its LAN, the sender's NAT rewrites `from` to its public address and port
    // (recording the mapping, which is why this is not const); on the way in, if `to` is a NAT's public
    // address, its mapping and filter decide whether `from` may pass and which host behind it, at which
    // private endpoint, gets the packet. What route() returns as from and to is what the receiver sees.
    // A private address is reached only from its own LAN; a box does not hairpin.
    [[nodiscard]] std::optional<Path> route(Protocol protocol, const Endpoint& sourceHost,
                                            const Endpoint& from, const Endpoint& to);
    [[nodiscard]] bool arrives(const Path& path) const;
    void send(const Endpoint& from, const Endpoint& to, const QByteArray& datagram);
    void detach(const Endpoint& host);

    ManualClock& m_clock;
    quint64 m_seed;
    SeededRandom m_random;
    SimLinkProfile m_profile;
    QHash<Endpoint, Host*> m_hosts;
    QHash<Endpoint, quint64> m_deliveredTo;
    QHash<std::pair<Endpoint, Endpoint>, qint64> m_bandwidths; // keyed by the pair in endpointKey order
    quint32 m_nextAddress = 0;
    std::vector<std::unique_ptr<SimNat>> m_nats;
    QHash<QHostAddress, int> m_natAt; // public address -> box
    std::vector<int> m_natHosts;      // hosts made behind each box so far
    Stats m_stats;
    // Shared with the datagrams in flight, which the clock may still run after this network is gone.
    std::shared_ptr<SimNetwork*> m_alive;
    std::unique_ptr<SimStreams> m_streams;
};

} // namespace ringshare::net
