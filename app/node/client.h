// ringshare-node's client commands: find the ring through a bootstrap node, ask, and exit.
#pragma once

#include "app/node/options.h"
#include "dht/ringclient.h"

#include <functional>

namespace ringshare::node {

// What a client command does once it has a proven contact on the ring; it calls `finish` with the exit code.
using ClientAction = std::function<void(dht::RingClient& client, const dht::NodeRef& contact,
                                        std::function<void(int)> finish)>;

// The client commands take no place on the ring: they find it through the bootstrap nodes, ask, and exit.
// Runs the event loop until `finish` and returns its code.
int runClient(const Options& options, const ClientAction& action);

} // namespace ringshare::node
