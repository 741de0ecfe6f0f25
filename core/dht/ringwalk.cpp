// walkRing: one GetNeighbors request per step until the walk returns to its start or stops.
#include "dht/ringwalk.h"

#include <algorithm>
#include <memory>

namespace ringshare::dht {

namespace {

void walkStep(net::Rpc& rpc, std::shared_ptr<QList<NodeRef>> ring, int limit, WalkDone done) {
    const NodeRef at = ring->last();
    rpc.request(at.endpoint, net::GetNeighbors{}, [&rpc, ring, limit, done](const net::Message* reply) {
        const auto* neighbors = reply ? std::get_if<net::Neighbors>(&reply->body) : nullptr;
        if (!neighbors) {
            done(*ring, false);
            return;
        }
        // A node alone has no successors: the ring is that one node.
        if (neighbors->successors.isEmpty() || neighbors->successors.first().id == ring->first().id) {
            done(*ring, true);
            return;
        }
        const NodeRef next = neighbors->successors.first();
        const bool loops =
            std::any_of(ring->begin(), ring->end(), [&](const NodeRef& n) { return n.id == next.id; });
        if (loops || ring->size() >= limit) {
            done(*ring, false); // a loop that misses the start, or a ring larger than we may walk
            return;
        }
        ring->append(next);
        walkStep(rpc, ring, limit, done);
    });
}

} // namespace

void walkRing(net::Rpc& rpc, QList<NodeRef> path, int limit, WalkDone done) {
    walkStep(rpc, std::make_shared<QList<NodeRef>>(std::move(path)), limit, std::move(done));
}

} // namespace ringshare::dht
