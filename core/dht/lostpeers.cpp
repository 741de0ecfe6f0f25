// LostPeers: a bounded, time-limited queue of peers found dead.
#include "dht/lostpeers.h"

#include <algorithm>

namespace ringshare::dht {

bool LostPeers::contains(const NodeId& id) const {
    return std::any_of(m_peers.begin(), m_peers.end(), [&](const Lost& p) { return p.node.id == id; });
}

void LostPeers::lost(const net::NodeRef& node, Millis at) {
    m_peers.removeIf([&](const Lost& p) { return p.node.id == node.id; });
    if (m_peers.size() >= kCapacity)
        m_peers.removeFirst();
    m_peers.append({node, at});
}

std::optional<LostPeers::Lost> LostPeers::takeOldest(Millis now) {
    if (m_peers.isEmpty())
        return std::nullopt;
    const Lost oldest = m_peers.takeFirst();
    if (now - oldest.lostAt > kMemory)
        return std::nullopt;
    return oldest;
}

void LostPeers::stillGone(const Lost& peer) {
    if (m_peers.size() < kCapacity && !contains(peer.node.id))
        m_peers.append(peer);
}

} // namespace ringshare::dht
