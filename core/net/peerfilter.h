// PeerFilter: the per-peer token bucket and ignore list that a datagram passes before any work is spent.
#pragma once

#include "base/clock.h"
#include "net/endpoint.h"

#include <QHash>

namespace ringshare::net {

struct PeerFilterOptions {
    // Datagrams each peer (address and port) may send: a sustained rate and a burst.
    double datagramsPerSecond = 200;
    double burst = 400;
    // A peer that sends this many undecodable datagrams within garbageWindow is ignored for ignoreFor.
    int garbageLimit = 8;
    Millis garbageWindow{60'000};
    Millis ignoreFor{10 * 60'000};
    // Peers tracked at once; beyond this the idle ones are forgotten first.
    int maxPeers = 8192;
};

// What a node lets in before it spends any work on a datagram: a token bucket per peer, and a list of peers
// it ignores for a while (those that keep sending garbage or claim to be this node). Memory is bounded by
// maxPeers whatever the peers do.
class PeerFilter final {
public:
    PeerFilter(Clock& clock, PeerFilterOptions options = {});

    // True when a datagram from `peer` may be read now; takes one token.
    [[nodiscard]] bool admit(const Endpoint& peer);
    // A datagram from `peer` could not be decoded.
    void reportGarbage(const Endpoint& peer);
    // Drop everything from `peer` for options.ignoreFor.
    void ignore(const Endpoint& peer);
    [[nodiscard]] bool isIgnored(const Endpoint& peer) const;
    [[nodiscard]] int trackedPeers() const { return int(m_peers.size()); }

    struct Stats {
        quint64 rateLimited = 0;
        quint64 ignoredDatagrams = 0;
        quint64 peersIgnored = 0;
        quint64 evictions = 0;
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

private:
    struct Peer {
        double tokens = 0;
        Millis refilled{0};
        int garbage = 0;
        Millis garbageSince{0};
        Millis ignoredUntil{0};
    };
    Peer& track(const Endpoint& peer);
    void evict();

    Clock& m_clock;
    PeerFilterOptions m_options;
    QHash<Endpoint, Peer> m_peers;
    Stats m_stats;
};

} // namespace ringshare::net
