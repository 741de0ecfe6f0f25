// How the transfer rooms name one connection to a peer: a number the connection pool hands out, never
// reused while the pool lives, so a room can hold it past the connection's end without a dangling pointer.
#pragma once

#include <QtGlobal>

namespace ringshare::transfer {

using PeerHandle = quint64;
inline constexpr PeerHandle kNoPeer = 0;

} // namespace ringshare::transfer
