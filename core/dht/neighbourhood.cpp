// Neighbourhood: key ownership and FindNode answers from a node's ring position.
#include "dht/neighbourhood.h"

#include "dht/ring.h"
#include "dht/routing.h"

namespace ringshare::dht {

bool Neighbourhood::owns(const NodeId& key) const {
    if (successors.isEmpty() && !predecessor)
        return true;
    return predecessor && (key == self || inHalfOpenInterval(key, predecessor->id, self));
}

int Neighbourhood::successorOwning(const NodeId& key) const {
    // The successor list is a run of consecutive ring members, so it answers for every key up to its
    // last entry, not only up to the first: fewer hops, and a route around a first successor that lies.
    NodeId from = self;
    for (int i = 0; i < successors.size(); ++i) {
        if (inHalfOpenInterval(key, from, successors[i].id))
            return i;
        from = successors[i].id;
    }
    return -1;
}

net::FindNodeReply Neighbourhood::findNodeReply(const NodeId& target, const net::Endpoint& reachedAt,
                                                const QList<NodeRef>& candidates) const {
    net::FindNodeReply reply;
    if (target == self || (successors.isEmpty() && owns(target))) {
        reply.ownerFound = true;
        reply.nodes.append(NodeRef{self, reachedAt});
        reply.nodes.append(successors.mid(0, net::kMaxNodeRefs - 1));
        return reply;
    }
    if (successors.isEmpty()) {
        // A ring of two that stabilization has not closed yet: the predecessor owns what we do not.
        reply.ownerFound = true;
        reply.nodes.append(*predecessor);
        return reply;
    }
    if (const int i = successorOwning(target); i >= 0) {
        reply.ownerFound = true;
        reply.nodes = successors.mid(i, net::kMaxNodeRefs);
        return reply;
    }
    reply.nodes = closestPreceding(self, target, candidates, 8);
    return reply;
}

} // namespace ringshare::dht
