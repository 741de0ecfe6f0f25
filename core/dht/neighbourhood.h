// Neighbourhood: a view of where a node stands on the ring (its ID, predecessor and successors) and what
// follows from that alone: which keys it owns, which successor owns a key, what it answers to FindNode.
#pragma once

#include "crypto/nodeid.h"
#include "net/message.h"

#include <QList>
#include <optional>

namespace ringshare::dht {

using net::NodeRef;

// Borrows the node's state for the length of one decision; never kept.
struct Neighbourhood {
    const NodeId& self;
    const std::optional<NodeRef>& predecessor;
    const QList<NodeRef>& successors; // nearest first

    // Alone, a node owns every key; once a predecessor has announced itself (even before stabilization
    // has made it our successor too), the keys between it and us are ours and the rest are its.
    [[nodiscard]] bool owns(const NodeId& key) const;
    // The index of the successor that owns `key`, or -1 when the key lies beyond the successor list.
    [[nodiscard]] int successorOwning(const NodeId& key) const;
    // The answer to FindNode(target) for a request that reached this node at `reachedAt`, routing through
    // `candidates` (successors and fingers) when the owner is not among the successors.
    [[nodiscard]] net::FindNodeReply findNodeReply(const NodeId& target, const net::Endpoint& reachedAt,
                                                   const QList<NodeRef>& candidates) const;
};

} // namespace ringshare::dht
