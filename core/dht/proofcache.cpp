// ProofCache: the bounded map of proven peers and the waiters on proofs under way.
#include "dht/proofcache.h"

#include <iterator>

namespace ringshare::dht {

bool ProofCache::isProven(const NodeRef& node) const {
    const auto it = m_proven.constFind(node.id);
    return it != m_proven.constEnd() && *it == node.endpoint;
}

std::optional<net::Endpoint> ProofCache::endpointOf(const NodeId& id) const {
    const auto it = m_proven.constFind(id);
    return it == m_proven.constEnd() ? std::nullopt : std::optional(*it);
}

void ProofCache::remember(const NodeRef& node) {
    if (m_proven.size() >= m_capacity && !m_proven.contains(node.id))
        m_proven.erase(m_proven.begin());
    m_proven.insert(node.id, node.endpoint);
}

void ProofCache::forget(const NodeId& id) {
    m_proven.remove(id);
}

QList<NodeRef> ProofCache::provenOnly(const QList<NodeRef>& nodes) const {
    QList<NodeRef> out;
    for (const NodeRef& node : nodes) {
        if (isProven(node))
            out.append(node);
    }
    return out;
}

NodeRef ProofCache::at(int index) const {
    auto it = m_proven.constBegin();
    std::advance(it, qsizetype(index));
    return {it.key(), it.value()};
}

QList<NodeRef> ProofCache::some(int limit) const {
    QList<NodeRef> out;
    for (auto it = m_proven.constBegin(); it != m_proven.constEnd() && out.size() < limit; ++it)
        out.append({it.key(), it.value()});
    return out;
}

bool ProofCache::await(const NodeId& id, Waiter waiter) {
    auto& waiting = m_proving[id];
    waiting.push_back(std::move(waiter));
    return waiting.size() == 1;
}

std::vector<ProofCache::Waiter> ProofCache::settle(const NodeRef& node, bool proven) {
    if (proven)
        remember(node);
    return m_proving.take(node.id);
}

} // namespace ringshare::dht
