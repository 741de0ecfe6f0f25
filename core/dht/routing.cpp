// SuccessorList, FingerTable and closestPreceding(): rebuilding and ordering routing entries.
#include "dht/routing.h"

#include "dht/ring.h"

#include <QSet>
#include <algorithm>

namespace ringshare::dht {

SuccessorList::SuccessorList(const NodeId& self, int capacity)
    : m_self(self), m_capacity(std::max(capacity, 1)) {}

bool SuccessorList::contains(const NodeId& id) const {
    return std::any_of(m_entries.begin(), m_entries.end(), [&](const NodeRef& n) { return n.id == id; });
}

bool SuccessorList::rebuild(const NodeRef& successor, const QList<NodeRef>& theirs) {
    QList<NodeRef> next;
    if (successor.id != m_self)
        next.append(successor);
    for (const NodeRef& node : theirs) {
        if (next.size() >= m_capacity)
            break;
        if (node.id == m_self)
            break; // the list has come round the whole ring
        const NodeId previous = next.isEmpty() ? m_self : next.last().id;
        if (!inOpenInterval(node.id, previous, m_self))
            continue; // not further along than the entry before it
        next.append(node);
    }
    if (next == m_entries)
        return false;
    m_entries = std::move(next);
    return true;
}

bool SuccessorList::adoptCloser(const NodeRef& closer) {
    if (closer.id == m_self ||
        (!m_entries.isEmpty() && !inOpenInterval(closer.id, m_self, m_entries.first().id)))
        return false;
    m_entries.prepend(closer);
    if (m_entries.size() > m_capacity)
        m_entries.removeLast();
    return true;
}

bool SuccessorList::remove(const NodeId& id) {
    return m_entries.removeIf([&](const NodeRef& n) { return n.id == id; }) > 0;
}

void FingerTable::set(int index, const NodeRef& node) {
    auto& finger = m_fingers[size_t(index)];
    if (finger && *finger == node)
        return;
    finger = node;
    m_distinctValid = false;
}

bool FingerTable::removeNode(const NodeId& id) {
    bool found = false;
    for (auto& finger : m_fingers) {
        if (finger && finger->id == id) {
            finger.reset();
            found = true;
        }
    }
    m_distinctValid = m_distinctValid && !found;
    return found;
}

void FingerTable::clear() {
    for (auto& finger : m_fingers)
        finger.reset();
    m_distinctValid = false;
}

const QList<NodeRef>& FingerTable::distinct() const {
    if (m_distinctValid)
        return m_distinct;
    m_distinct.clear();
    for (const auto& finger : m_fingers) {
        if (finger && std::none_of(m_distinct.begin(), m_distinct.end(),
                                   [&](const NodeRef& n) { return n.id == finger->id; }))
            m_distinct.append(*finger);
    }
    m_distinctValid = true;
    return m_distinct;
}

int FingerTable::firstIndexBeyond(int from, const NodeId& node) const {
    int index = from;
    // Finger j can be `node` too when its start lies in (self, node].
    while (index < kSize && inHalfOpenInterval(start(index), m_self, node))
        ++index;
    return index;
}

QList<NodeRef> closestPreceding(const NodeId& self, const NodeId& key, const QList<NodeRef>& candidates,
                                int count) {
    QList<std::pair<NodeId, NodeRef>> byDistance;
    QSet<NodeId> seen;
    for (const NodeRef& node : candidates) {
        if (!inOpenInterval(node.id, self, key) || seen.contains(node.id))
            continue;
        seen.insert(node.id);
        byDistance.append({clockwiseDistance(node.id, key), node});
    }
    std::sort(byDistance.begin(), byDistance.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<NodeRef> out;
    for (int i = 0; i < byDistance.size() && i < count; ++i)
        out.append(byDistance[i].second);
    return out;
}

} // namespace ringshare::dht
