// RingOnly: the ring set up in place, and queries walked clockwise to the key's owner.
#include "lab/ringonly.h"

#include <algorithm>
#include <numeric>

namespace ringshare::lab {

RingOnly::RingOnly(int peers, quint64 seed)
    : LabNetwork(peers, seed), m_id(peers), m_successor(peers), m_predecessor(peers), m_records(peers) {
    for (int peer = 0; peer < peers; ++peer)
        m_id[peer] = random().next64();
    QList<int> order(peers);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return m_id[a] < m_id[b]; });
    for (int i = 0; i < peers; ++i) {
        m_successor[order[i]] = order[(i + 1) % peers];
        m_predecessor[order[i]] = order[(i + peers - 1) % peers];
    }
    for (int peer = 0; peer < peers; ++peer) {
        const quint64 key = random().next64();
        addContent(peer, key);
        // The owner: the first ID at or after the key, wrapping around.
        const auto at =
            std::lower_bound(order.begin(), order.end(), key, [&](int p, quint64 k) { return m_id[p] < k; });
        m_records[at == order.end() ? order.first() : *at].insert(key, peer);
    }
}

bool RingOnly::owns(int peer, quint64 key) const {
    const quint64 self = m_id[peer];
    const quint64 before = m_id[m_predecessor[peer]];
    if (before == self)
        return true; // alone on the ring
    // key in (before, self], clockwise
    return before < self ? (key > before && key <= self) : (key > before || key <= self);
}

void RingOnly::startQuery(int from, quint64 query, quint64 key) {
    handle(from, LabMessage{
                     .type = LabMessage::Type::Query, .query = query, .key = key, .origin = from, .hops = 0});
}

void RingOnly::handle(int at, const LabMessage& message) {
    if (owns(at, message.key)) {
        send(at, message.origin,
             LabMessage{.type = LabMessage::Type::Answer,
                        .query = message.query,
                        .holder = m_records[at].value(message.key, -1),
                        .hops = message.hops});
        return;
    }
    LabMessage next = message;
    next.hops += 1;
    send(at, m_successor[at], next);
}

void RingOnly::receive(int at, int, const LabMessage& message) {
    if (message.type == LabMessage::Type::Query)
        handle(at, message);
    else if (message.type == LabMessage::Type::Answer)
        answered(message.query, message.holder, message.hops);
}

} // namespace ringshare::lab
