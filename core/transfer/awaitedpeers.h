// AwaitedPeers: the peers behind NAT this node asked, through their rendezvous, to connect to it, and the
// contents waiting for each. Plain: time comes from the clock, nothing is sent from here.
#pragma once

#include "base/clock.h"
#include "crypto/nodeid.h"
#include "share/contentid.h"

#include <QHash>
#include <QList>

namespace ringshare::transfer {

class AwaitedPeers final {
public:
    // A peer is asked again at most this often while its connection has not come,
    static constexpr Millis kAskInterval{10'000};
    // and forgotten this long after it was last asked.
    static constexpr Millis kWait{30'000};

    explicit AwaitedPeers(Clock& clock) : m_clock(clock) {}

    // `id` waits for `peer`; true when the peer should be asked (now) to connect.
    bool await(const NodeId& peer, const share::ContentId& id);
    // The peer connected: the contents that waited for it (none when it was not awaited).
    [[nodiscard]] QList<share::ContentId> arrived(const NodeId& peer) { return m_peers.take(peer).ids; }
    void forgetStale();
    [[nodiscard]] int count() const { return int(m_peers.size()); }

private:
    struct Peer {
        QList<share::ContentId> ids;
        Millis askedAt{0};
    };
    Clock& m_clock;
    QHash<NodeId, Peer> m_peers;
};

} // namespace ringshare::transfer
