// walkRing: a walk round the ring by successor pointers, shared by ChordNode and RingClient.
#pragma once

#include "net/message.h"
#include "net/rpc.h"

#include <QList>
#include <functional>

namespace ringshare::dht {

using net::NodeRef;
using WalkDone = std::function<void(const QList<NodeRef>& ring, bool complete)>;

// Walks the ring by successor pointers, asking each node for its neighbours. `path` holds the nodes known
// so far in ring order, the start first; the walk goes on from the last of them and ends when a successor
// is the start again (complete), or at `limit` nodes, a loop that misses the start, or a node that does
// not answer (incomplete, the list then ends there). Each step is one request, bounded by the rpc's
// timeout and attempts. `done` is never called once `rpc` has abandoned its requests.
void walkRing(net::Rpc& rpc, QList<NodeRef> path, int limit, WalkDone done);

} // namespace ringshare::dht
