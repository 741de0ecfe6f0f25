// AwaitedPeers: reverse connections being waited for; see awaitedpeers.h.
#include "transfer/awaitedpeers.h"

namespace ringshare::transfer {

bool AwaitedPeers::await(const NodeId& peer, const share::ContentId& id) {
    const Millis now = m_clock.now();
    const bool known = m_peers.contains(peer);
    Peer& awaited = m_peers[peer];
    if (!awaited.ids.contains(id))
        awaited.ids.append(id);
    if (known && now - awaited.askedAt < kAskInterval)
        return false; // asked a moment ago; its connection may be on its way
    awaited.askedAt = now;
    return true;
}

void AwaitedPeers::forgetStale() {
    const Millis now = m_clock.now();
    for (auto it = m_peers.begin(); it != m_peers.end();)
        it = now - it->askedAt >= kWait ? m_peers.erase(it) : std::next(it);
}

} // namespace ringshare::transfer
