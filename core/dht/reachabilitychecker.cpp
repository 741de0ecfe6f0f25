// ReachabilityChecker: picking members, counting probes, the verdict and when to check again; see
// reachabilitychecker.h.
#include "dht/reachabilitychecker.h"

#include "base/logging.h"

#include <algorithm>

namespace ringshare::dht {

namespace {

// A member's network, for telling members apart: an IPv4 /24 or an IPv6 /64.
QHostAddress networkOf(const QHostAddress& address) {
    const QHostAddress plain = net::plainAddress(address);
    if (plain.protocol() == QAbstractSocket::IPv4Protocol)
        return QHostAddress(plain.toIPv4Address() & 0xFFFFFF00u);
    return net::sourceOf(plain);
}

} // namespace

const char* toString(Reachability reachability) {
    switch (reachability) {
    case Reachability::Unknown:
        return "unknown";
    case Reachability::Checking:
        return "checking";
    case Reachability::Reachable:
        return "reachable";
    case Reachability::Unreachable:
        return "unreachable";
    }
    return "?";
}

ReachabilityChecker::ReachabilityChecker(Host& host, Clock& clock, Random& random,
                                         ReachabilityOptions options)
    : m_host(host), m_clock(clock), m_random(random), m_options(options),
      m_deadline(clock.createTimer([this] { finish(); })), m_next(clock.createTimer([this] { start(); })) {
    m_options.quorum = std::max(1, m_options.quorum);
    m_options.membersAsked = std::max(m_options.quorum, m_options.membersAsked);
}

ReachabilityChecker::~ReachabilityChecker() = default;

bool ReachabilityChecker::setObservedEndpoint(const std::optional<net::Endpoint>& endpoint, bool symmetric) {
    symmetric = symmetric && !endpoint;
    if (endpoint == m_observed && symmetric == m_symmetric)
        return false;
    m_observed = endpoint;
    m_symmetric = symmetric;
    if (m_claimed)
        return false;
    recheck();
    return true;
}

bool ReachabilityChecker::setClaimedEndpoint(const std::optional<net::Endpoint>& endpoint) {
    if (endpoint == m_claimed)
        return false;
    m_claimed = endpoint;
    recheck();
    return true;
}

void ReachabilityChecker::recheck() {
    m_backoff = Millis(0);
    start();
}

void ReachabilityChecker::stop() {
    m_deadline->stop();
    m_next->stop();
    m_asked.clear();
    ++m_round;
    if (m_status.state == Reachability::Checking)
        moveTo(m_before);
}

QHostAddress ReachabilityChecker::memberKey(const NodeRef& member) const {
    return net::plainAddress(member.endpoint.address);
}

QList<NodeRef> ReachabilityChecker::pickMembers() const {
    // A member dials the source address of the request at the claimed port: only members reached over the
    // claimed endpoint's family test that endpoint (a dual-stack node's IPv6 view says nothing of IPv4).
    QList<NodeRef> candidates;
    const std::optional<net::Endpoint> claimed = claimedEndpoint();
    for (const NodeRef& member : m_host.dialCandidates())
        if (!claimed || net::plainAddress(member.endpoint.address).protocol() ==
                            net::plainAddress(claimed->address).protocol())
            candidates.append(member);
    // A random order, so that each check asks other members where there are more than enough.
    for (qsizetype i = candidates.size() - 1; i > 0; --i)
        candidates.swapItemsAt(i, qsizetype(m_random.next64() % quint64(i + 1)));
    QList<NodeRef> picked;
    QSet<QHostAddress> networks;
    QSet<QHostAddress> addresses;
    QSet<net::Endpoint> endpoints;
    const auto take = [&](bool byNetwork) {
        for (const NodeRef& member : std::as_const(candidates)) {
            if (picked.size() >= m_options.membersAsked)
                return;
            const QHostAddress address = memberKey(member);
            if (endpoints.contains(member.endpoint) ||
                (m_options.distinctAddresses && addresses.contains(address)) ||
                (byNetwork && networks.contains(networkOf(address))))
                continue;
            picked.append(member);
            endpoints.insert(member.endpoint);
            addresses.insert(address);
            networks.insert(networkOf(address));
        }
    };
    // Other networks first; then, if the ring has too few, other addresses in the same networks.
    if (m_options.distinctAddresses)
        take(true);
    take(false);
    return picked;
}

void ReachabilityChecker::start() {
    m_deadline->stop();
    m_next->stop();
    m_asked.clear();
    ++m_round;
    if (m_status.state != Reachability::Checking)
        m_before = m_status;
    const std::optional<net::Endpoint> claimed = claimedEndpoint();
    if (!claimed && m_symmetric) {
        // No port anyone else could use: each peer sees its own.
        const bool same = m_status.state == Reachability::Unreachable && !m_status.endpoint;
        moveTo({Reachability::Unreachable, std::nullopt, same ? m_status.since : m_clock.now(), 0});
        return;
    }
    if (!claimed) {
        // Nothing to dial: peers do not agree on an endpoint yet.
        const bool same = m_status.state == Reachability::Unknown && !m_status.endpoint;
        moveTo({Reachability::Unknown, std::nullopt, same ? m_status.since : m_clock.now(), 0});
        return;
    }
    const QList<NodeRef> members = pickMembers();
    if (members.size() < m_options.quorum) {
        // Nothing was asked, so looking again soon costs nothing: a young ring gains members by the second.
        if (m_status.state == Reachability::Checking)
            moveTo(m_before);
        scheduleNext(m_options.fewMembersRetry);
        return;
    }
    ++m_stats.checks;
    m_accepted = 0;
    moveTo({Reachability::Checking, claimed, m_clock.now(), 0});
    const quint64 round = m_round;
    for (const NodeRef& member : members) {
        const QByteArray nonce = m_random.bytes(net::kDialNonceSize);
        m_asked.insert(nonce, Asked{member, false});
        m_host.askDialBack(member, net::DialBack{nonce, claimed->port},
                           [this, round](std::optional<net::DialStatus> status) {
                               if (round == m_round && status == net::DialStatus::Accepted)
                                   ++m_accepted;
                           });
    }
    m_deadline->start(m_options.probeTimeout);
}

int ReachabilityChecker::confirmedMembers() const {
    QSet<QHostAddress> addresses;
    QSet<net::Endpoint> endpoints;
    for (const Asked& asked : m_asked) {
        if (!asked.confirmed)
            continue;
        addresses.insert(memberKey(asked.member));
        endpoints.insert(asked.member.endpoint);
    }
    return int(m_options.distinctAddresses ? addresses.size() : endpoints.size());
}

void ReachabilityChecker::onProbe(const net::Endpoint& from, const QByteArray& nonce) {
    const auto it = m_asked.find(nonce);
    if (it == m_asked.end() || it->confirmed || m_status.state != Reachability::Checking) {
        ++m_stats.probesRejected;
        return;
    }
    // The asked member itself may not be the one that got through: an address-restricted NAT lets in
    // anything from an address this node has sent to, and a lying member would answer on the old flow.
    const bool fromMember = m_options.distinctAddresses
                                ? net::plainAddress(from.address) == memberKey(it->member)
                                : from == it->member.endpoint;
    if (fromMember) {
        ++m_stats.probesRejected;
        qCInfo(lcDht) << "ignored a reachability probe from the member asked," << from.toString();
        return;
    }
    it->confirmed = true;
    ++m_stats.probesAccepted;
    const int confirmed = confirmedMembers();
    m_status.confirmations = confirmed;
    if (confirmed >= m_options.quorum)
        finish();
}

void ReachabilityChecker::finish() {
    m_deadline->stop();
    if (m_status.state != Reachability::Checking)
        return;
    const int confirmed = confirmedMembers();
    const Millis now = m_clock.now();
    if (confirmed >= m_options.quorum) {
        m_backoff = Millis(0);
        const bool same = m_before.state == Reachability::Reachable && m_before.endpoint == m_status.endpoint;
        moveTo({Reachability::Reachable, m_status.endpoint, same ? m_before.since : now, confirmed});
        scheduleNext(m_options.recheckInterval);
    } else if (m_accepted >= m_options.quorum) {
        // Enough members said they would dial, and too few probes came: what is in front of this node
        // drops unsolicited packets.
        m_backoff = std::clamp(m_backoff * 2, m_options.retryInterval, m_options.maxBackoff);
        const bool same =
            m_before.state == Reachability::Unreachable && m_before.endpoint == m_status.endpoint;
        moveTo({Reachability::Unreachable, m_status.endpoint, same ? m_before.since : now, confirmed});
        scheduleNext(m_backoff);
    } else {
        // Too few members agreed to dial: no verdict; the last one stands.
        m_backoff = std::clamp(m_backoff * 2, m_options.inconclusiveRetry, m_options.maxBackoff);
        moveTo(m_before);
        scheduleNext(m_backoff);
    }
    qCInfo(lcDht) << "reachability:" << toString(m_status.state)
                  << (m_status.endpoint ? m_status.endpoint->toString() : QString()) << "confirmed by"
                  << confirmed << "of" << m_asked.size() << "members asked," << m_accepted << "accepted";
}

void ReachabilityChecker::moveTo(const ReachabilityStatus& status) {
    if (status == m_status)
        return;
    m_status = status;
    m_host.onReachabilityChanged();
}

void ReachabilityChecker::scheduleNext(Millis delay) {
    m_next->start(delay);
}

} // namespace ringshare::dht
