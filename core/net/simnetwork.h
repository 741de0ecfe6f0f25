#pragma once

#include "base/clock.h"
#include "base/manualclock.h"
#include "base/random.h"
#include "net/transport.h"

#include <QHash>
#include <memory>

namespace ringshare::net {

struct SimLinkProfile {
    // Each link (pair of hosts) gets a fixed one-way latency drawn uniformly from [min, max] from the seed.
    Millis minLatency{5};
    Millis maxLatency{60};
    // Each datagram is lost independently with this probability.
    double lossRate = 0.0;
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

    // A host that is down neither sends nor receives (a crash or a cut cable), until brought back up.
    void setDown(const Endpoint& host, bool down);
    [[nodiscard]] bool isDown(const Endpoint& host) const;
    // Partitions: hosts in different groups cannot reach each other. Every host starts in group 0.
    void setGroup(const Endpoint& host, int group);
    void healPartitions();
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
    // Datagrams delivered to `host` since the last resetStats().
    [[nodiscard]] quint64 deliveredTo(const Endpoint& host) const;
    void resetStats();

    struct Host;

private:
    friend class SimTransport;
    void send(const Endpoint& from, const Endpoint& to, const QByteArray& datagram);
    void detach(const Endpoint& host);

    ManualClock& m_clock;
    quint64 m_seed;
    SeededRandom m_random;
    SimLinkProfile m_profile;
    QHash<Endpoint, Host*> m_hosts;
    QHash<Endpoint, quint64> m_deliveredTo;
    quint32 m_nextAddress = 0;
    Stats m_stats;
    // Shared with the datagrams in flight, which the clock may still run after this network is gone.
    std::shared_ptr<SimNetwork*> m_alive;
};

} // namespace ringshare::net
