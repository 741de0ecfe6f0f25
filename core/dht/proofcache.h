// ProofCache: which peers have proved, by signing a fresh nonce, that they hold their node ID's key, and
// at which address; plus the callers waiting on a proof under way. Plain data: the node sends the nonces.
#pragma once

#include "crypto/nodeid.h"
#include "net/endpoint.h"
#include "net/message.h"

#include <QHash>
#include <QList>
#include <functional>
#include <optional>
#include <vector>

namespace ringshare::dht {

using net::NodeRef;

class ProofCache final {
public:
    using Waiter = std::function<void(bool proven)>;

    // At most `capacity` proofs are kept: past it an arbitrary old one is forgotten (and asked for again
    // if needed), so a flood of peers cannot grow the node's memory.
    explicit ProofCache(int capacity) : m_capacity(capacity) {}

    // `node` proved its ID at exactly this address.
    [[nodiscard]] bool isProven(const NodeRef& node) const;
    [[nodiscard]] std::optional<net::Endpoint> endpointOf(const NodeId& id) const;
    void remember(const NodeRef& node);
    void forget(const NodeId& id);
    // Of `nodes`, the proven ones, in order.
    [[nodiscard]] QList<NodeRef> provenOnly(const QList<NodeRef>& nodes) const;

    [[nodiscard]] int size() const { return int(m_proven.size()); }
    // The index-th proof in the cache's own (arbitrary but stable) order, for picking one at random.
    [[nodiscard]] NodeRef at(int index) const;
    // Up to `limit` proven peers, in the same order.
    [[nodiscard]] QList<NodeRef> some(int limit) const;

    // Queues `waiter` for the outcome of proving `id`. True when no proof of it is under way yet, so the
    // caller must send the challenge; false when one is, and its answer serves this caller too.
    [[nodiscard]] bool await(const NodeId& id, Waiter waiter);
    // Ends the proof of `id` (remembering it at `endpoint` when it passed) and hands back the waiters to
    // call, in the order they came.
    [[nodiscard]] std::vector<Waiter> settle(const NodeRef& node, bool proven);

private:
    int m_capacity;
    QHash<NodeId, net::Endpoint> m_proven;
    QHash<NodeId, std::vector<Waiter>> m_proving;
};

} // namespace ringshare::dht
