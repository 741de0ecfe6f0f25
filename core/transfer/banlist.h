// The peers one swarm will not deal with again. Identities cost nothing to make, so the list is bounded:
// when full, an arbitrary earlier ban is forgotten, which lets that peer waste one more connection.
#pragma once

#include "crypto/nodeid.h"

#include <QSet>

namespace ringshare::transfer {

class BanList final {
public:
    static constexpr qsizetype kMaxBanned = 1024;

    [[nodiscard]] bool contains(const NodeId& peer) const { return m_banned.contains(peer); }
    void add(const NodeId& peer) {
        if (m_banned.size() >= kMaxBanned && !m_banned.contains(peer))
            m_banned.erase(m_banned.begin());
        m_banned.insert(peer);
    }

private:
    QSet<NodeId> m_banned;
};

} // namespace ringshare::transfer
