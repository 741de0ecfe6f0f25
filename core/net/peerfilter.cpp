// PeerFilter: token buckets, garbage counts and timed ignoring per peer, with eviction that bounds its
// memory.
#include "net/peerfilter.h"

#include "base/logging.h"

#include <algorithm>

namespace ringshare::net {

PeerFilter::PeerFilter(Clock& clock, PeerFilterOptions options) : m_clock(clock), m_options(options) {
    m_options.burst = std::max(m_options.burst, 1.0);
    m_options.maxPeers = std::max(m_options.maxPeers, 16);
}

PeerFilter::Peer& PeerFilter::track(const Endpoint& peer) {
    auto it = m_peers.find(peer);
    if (it != m_peers.end())
        return *it;
    if (m_peers.size() >= m_options.maxPeers)
        evict();
    return *m_peers.insert(peer, Peer{m_options.burst, m_clock.now(), 0, Millis(0), Millis(0)});
}

void PeerFilter::evict() {
    // First the peers that would be re-created exactly as they are: bucket full, no garbage, not ignored.
    const Millis now = m_clock.now();
    const double rate = m_options.datagramsPerSecond / 1000.0;
    const auto idle = [&](const Peer& p) {
        const double tokens = p.tokens + double((now - p.refilled).count()) * rate;
        return tokens >= m_options.burst && p.garbage == 0 && p.ignoredUntil <= now;
    };
    const qsizetype before = m_peers.size();
    m_peers.removeIf([&](const auto& entry) { return idle(entry.value()); });
    // Then, if a flood of fresh addresses keeps the table full, anyone but the ignored; and last of all
    // the ignored too, so that memory stays bounded whatever the senders do.
    const qsizetype target = m_options.maxPeers * 3 / 4;
    for (auto it = m_peers.begin(); it != m_peers.end() && m_peers.size() > target;)
        it = it->ignoredUntil > now ? std::next(it) : m_peers.erase(it);
    for (auto it = m_peers.begin(); it != m_peers.end() && m_peers.size() > target;)
        it = m_peers.erase(it);
    m_stats.evictions += quint64(before - m_peers.size());
}

bool PeerFilter::admit(const Endpoint& peer) {
    Peer& p = track(peer);
    const Millis now = m_clock.now();
    if (p.ignoredUntil > now) {
        ++m_stats.ignoredDatagrams;
        return false;
    }
    const double rate = m_options.datagramsPerSecond / 1000.0;
    p.tokens = std::min(m_options.burst, p.tokens + double((now - p.refilled).count()) * rate);
    p.refilled = now;
    if (p.tokens < 1.0) {
        ++m_stats.rateLimited;
        return false;
    }
    p.tokens -= 1.0;
    return true;
}

void PeerFilter::reportGarbage(const Endpoint& peer) {
    Peer& p = track(peer);
    const Millis now = m_clock.now();
    if (p.garbage == 0 || now - p.garbageSince > m_options.garbageWindow) {
        p.garbage = 0;
        p.garbageSince = now;
    }
    if (++p.garbage >= m_options.garbageLimit) {
        qCDebug(lcNet) << "ignoring" << peer.toString() << "for a while: it keeps sending garbage";
        ignore(peer);
    }
}

void PeerFilter::ignore(const Endpoint& peer) {
    Peer& p = track(peer);
    if (p.ignoredUntil <= m_clock.now())
        ++m_stats.peersIgnored;
    p.ignoredUntil = m_clock.now() + m_options.ignoreFor;
    p.garbage = 0;
}

bool PeerFilter::isIgnored(const Endpoint& peer) const {
    const auto it = m_peers.constFind(peer);
    return it != m_peers.constEnd() && it->ignoredUntil > m_clock.now();
}

} // namespace ringshare::net
