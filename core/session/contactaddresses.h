// contactAddresses(): where others can reach a node, for the contacts a link carries.
#pragma once

#include "net/endpoint.h"

#include <QList>

namespace ringshare::dht {
class ChordNode;
}

namespace ringshare::session {

// What distinct peers agree they saw the node at (each family), else the address it is bound to, else
// (bound to every address) this machine's own, IPv4 first, neither loopback nor link-local. The same order
// of trust as the ring view's address (RingWatcher); at most `limit`, none when nothing usable is known.
[[nodiscard]] QList<net::Endpoint> contactAddresses(const dht::ChordNode& node, qsizetype limit);

} // namespace ringshare::session
