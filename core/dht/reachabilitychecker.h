// ReachabilityChecker: the asker's side of the reachability check (dial-back). It asks members to have
// this node dialled at its claimed public endpoint from sockets it never talked to, and calls the node
// reachable only when probes carrying its nonces arrive from at least two distinct members' requests.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "net/endpoint.h"
#include "net/message.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

namespace ringshare::dht {

using net::NodeRef;

enum class Reachability {
    Unknown,     // not checked yet: no endpoint agreed on or claimed, not enough members to ask
    Checking,    // probes asked for, waiting for them
    Reachable,   // probes arrived at the claimed endpoint through every NAT and firewall on the way
    Unreachable, // members agreed to dial it and too few probes came through; or a symmetric NAT
};

[[nodiscard]] const char* toString(Reachability reachability);

// One value: the phase, the endpoint it is about and when it began.
struct ReachabilityStatus {
    Reachability state = Reachability::Unknown;
    // Reachable: the endpoint confirmed. Checking, Unreachable: the one claimed (none behind a symmetric
    // NAT without a port mapping).
    std::optional<net::Endpoint> endpoint;
    Millis since{0};       // when this phase began (Reachable: when the check confirmed it)
    int confirmations = 0; // distinct members whose probes came through in the last check
    friend bool operator==(const ReachabilityStatus&, const ReachabilityStatus&) = default;
};

struct ReachabilityOptions {
    // Probes from this many distinct members' requests make the node reachable: one liar cannot.
    int quorum = 2;
    // Members asked per check (from distinct /24s or /64s where the ring has them).
    int membersAsked = 3;
    // How long to wait for the probes after asking.
    Millis probeTimeout{5000};
    // After a Reachable verdict, checked again this often.
    Millis recheckInterval{30 * 60'000};
    // After Unreachable, or a check that could not be made (too few members, they refused), the next one
    // comes after this, doubling each time up to maxBackoff.
    Millis retryInterval{60'000};
    Millis inconclusiveRetry{10'000};
    // Too few members known to ask anyone: looked at again after this (a local look, nothing sent).
    Millis fewMembersRetry{2000};
    Millis maxBackoff{30 * 60'000};
    // Members must differ in address, not just in port. Off only where all nodes share one address
    // (loopback tests); the probe must then still come from another port than the member's.
    bool distinctAddresses = true;
};

class ReachabilityChecker final {
public:
    // What the checker needs from its node.
    class Host {
    public:
        virtual ~Host() = default;
        // Proven members of the ring this node could ask.
        [[nodiscard]] virtual QList<NodeRef> dialCandidates() const = 0;
        // Sends `dial` to `member`; `done` gets its answer, nullopt when none came.
        virtual void askDialBack(const NodeRef& member, const net::DialBack& dial,
                                 std::function<void(std::optional<net::DialStatus>)> done) = 0;
        // status() changed.
        virtual void onReachabilityChanged() = 0;
    };

    ReachabilityChecker(Host& host, Clock& clock, Random& random, ReachabilityOptions options = {});
    ~ReachabilityChecker();
    ReachabilityChecker(const ReachabilityChecker&) = delete;
    ReachabilityChecker& operator=(const ReachabilityChecker&) = delete;

    // What peers agree they see this node at (nullopt: no agreement, or a symmetric NAT). Used unless a
    // port mapping claims an endpoint; a change starts a new check. True when it started one. `symmetric`:
    // peers saw a port of their own each (a NAT mapping every destination apart), so without a port
    // mapping the node is Unreachable without asking anyone.
    bool setObservedEndpoint(const std::optional<net::Endpoint>& endpoint, bool symmetric = false);
    // The endpoint a port mapping (UPnP, NAT-PMP) made; it takes precedence over the observed one.
    // nullopt when the mapping is gone. A change starts a new check. True when it started one.
    bool setClaimedEndpoint(const std::optional<net::Endpoint>& endpoint);
    // Checks again now, with the backoff reset (the network changed, say).
    void recheck();
    // No more checks until recheck() or a new endpoint.
    void stop();

    // A DialProbe that reached this node's listening socket from `from`.
    void onProbe(const net::Endpoint& from, const QByteArray& nonce);

    [[nodiscard]] const ReachabilityStatus& status() const { return m_status; }
    [[nodiscard]] std::optional<net::Endpoint> claimedEndpoint() const {
        return m_claimed ? m_claimed : m_observed;
    }

    struct Stats {
        quint64 checks = 0;
        quint64 probesAccepted = 0;
        quint64 probesRejected = 0; // unknown nonce, or from the asked member's own address or socket
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

private:
    struct Asked {
        NodeRef member;
        bool confirmed = false;
    };
    void start();
    void finish();
    void moveTo(const ReachabilityStatus& status);
    void scheduleNext(Millis delay);
    [[nodiscard]] QList<NodeRef> pickMembers() const;
    [[nodiscard]] QHostAddress memberKey(const NodeRef& member) const;
    [[nodiscard]] int confirmedMembers() const;

    Host& m_host;
    Clock& m_clock;
    Random& m_random;
    ReachabilityOptions m_options;
    std::optional<net::Endpoint> m_observed;
    bool m_symmetric = false;
    std::optional<net::Endpoint> m_claimed;
    ReachabilityStatus m_status;
    ReachabilityStatus m_before; // the verdict a check that comes to nothing falls back to
    quint64 m_round = 0;
    QHash<QByteArray, Asked> m_asked; // nonce -> the member it was given to, this round
    int m_accepted = 0;
    Millis m_backoff{0};
    std::unique_ptr<Timer> m_deadline;
    std::unique_ptr<Timer> m_next;
    Stats m_stats;
};

} // namespace ringshare::dht
