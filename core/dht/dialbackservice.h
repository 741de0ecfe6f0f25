// DialBackService: a member's side of the reachability check. It decides whom to dial for whom and keeps the
// rate limits that stop it from being a way to send packets at strangers; the node does the sending.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "net/message.h"
#include "net/rpc.h"
#include "net/transport.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <memory>

namespace ringshare::dht {

using net::NodeRef;

struct DialBackOptions {
    // Per requester (an IPv4 address or an IPv6 /64, everywhere below): at most this many dials in any
    // window.
    int perSource = 2;
    Millis window{60'000};
    // And for everyone together, so that a crowd of sources cannot make this node send without bound.
    int perWindowTotal = 64;
    // Per probe target (as helper): more than per requester, since several members of one check may
    // pick this helper, and a check after a new mapping follows the first within the window.
    int perTarget = 6;
    // Per member that forwards dials to this node as its helper (by address): at most this many in any
    // window, so one proven member cannot spend the whole allowance.
    int perForwarder = 16;
    // Sources remembered for the limit; past this, the one seen longest ago is forgotten.
    int maxSources = 1024;
    // Requester and helper must differ in address, not merely in port. Off only where every node shares
    // one address (tests on loopback).
    bool distinctAddresses = true;
};

// Counts dials per source over a sliding window. Plain: no timers, time comes from the clock.
class DialLimiter final {
public:
    DialLimiter(Clock& clock, const DialBackOptions& options);
    // Limits other than the dial-back's (calls and connects passed on for reverse connections).
    DialLimiter(Clock& clock, int perSource, int perWindowTotal, Millis window);
    // True (and counted) when one more dial for `address` fits the limits.
    bool admit(const QHostAddress& address);

private:
    void forgetOld(Millis now);
    Clock& m_clock;
    DialBackOptions m_options;
    QHash<QHostAddress, QList<Millis>> m_bySource;
    QList<Millis> m_all;
};

class DialBackService final {
public:
    // What the service needs from its node.
    class Host {
    public:
        virtual ~Host() = default;
        // Whether this node is a member of the ring now (only members dial).
        [[nodiscard]] virtual bool isMember() const = 0;
        // Proven members this node could ask to send a probe for it.
        [[nodiscard]] virtual QList<NodeRef> dialHelpers() const = 0;
        [[nodiscard]] virtual bool isProvenPeer(const NodeRef& node) const = 0;
        // Sends `dial` to `helper` (its answer changes nothing here).
        virtual void askHelper(const NodeRef& helper, const net::DialForMe& dial) = 0;
        // A socket beside the node's own, or null when there is none to open.
        [[nodiscard]] virtual std::unique_ptr<net::Transport> openFresh() = 0;
    };

    DialBackService(Host& host, Clock& clock, Random& random, DialBackOptions options = {});

    // "Dial me back": forwarded to a helper that is neither the requester nor at its address; the target
    // is always the request's own source address (only the port comes from the request).
    net::DialStatus onDialBack(const net::RequestContext& context, const net::DialBack& dial);
    // "Dial for me": sends one probe, from a fresh socket, if the asker is a proven member.
    net::DialStatus onDialForMe(const net::RequestContext& context, const std::optional<NodeId>& sender,
                                const net::DialForMe& dial);

    struct Stats {
        quint64 forwarded = 0;   // DialBacks passed on to a helper
        quint64 probesSent = 0;  // probes this node sent as a helper
        quint64 refused = 0;     // requests answered Refused
        quint64 rateLimited = 0; // requests answered Busy
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

    // Whether a probe may be sent to `address` at all: a unicast address, not unspecified.
    [[nodiscard]] static bool dialable(const QHostAddress& address);
    // How far an address reaches: this host (0), a private network or link (1), the internet (2).
    [[nodiscard]] static int reach(const QHostAddress& address);

private:
    net::DialStatus refuse();
    net::DialStatus busy();

    Host& m_host;
    Random& m_random;
    DialBackOptions m_options;
    DialLimiter m_requesters;
    DialLimiter m_targets;
    DialLimiter m_forwarders;
    Stats m_stats;
};

} // namespace ringshare::dht
