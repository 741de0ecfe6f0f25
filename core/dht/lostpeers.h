// LostPeers: the peers that stopped answering, oldest first, remembered for a while so that one that
// answers again can lead back to a ring that formed apart during a network split.
#pragma once

#include "base/clock.h"
#include "net/message.h"

#include <QList>
#include <optional>

namespace ringshare::dht {

class LostPeers final {
public:
    struct Lost {
        net::NodeRef node;
        Millis lostAt;
    };
    static constexpr int kCapacity = 16;
    static constexpr Millis kMemory{60 * 60'000};

    // `node` stopped answering at `at`: it goes to the back (an older entry for it is dropped; past the
    // capacity the oldest one is forgotten).
    void lost(const net::NodeRef& node, Millis at);
    // The oldest peer to try again, taken out; nullopt when there is none or it was lost too long ago
    // (then it is forgotten).
    [[nodiscard]] std::optional<Lost> takeOldest(Millis now);
    // A peer taken out is still gone: it waits its turn after the others', room permitting.
    void stillGone(const Lost& peer);

    [[nodiscard]] bool isEmpty() const { return m_peers.isEmpty(); }
    [[nodiscard]] int size() const { return int(m_peers.size()); }

private:
    [[nodiscard]] bool contains(const NodeId& id) const;
    QList<Lost> m_peers;
};

} // namespace ringshare::dht
