// Ring arithmetic: interval membership on the identifier circle and clockwise distance, pure functions
// tested with wrap-around.
#pragma once

#include "crypto/nodeid.h"

namespace ringshare::dht {

// Interval membership on the identifier ring, walking clockwise from `a` to `b`. Written for any totally
// ordered type, so the same code is tested exhaustively on an 8-bit ring and randomly on the 160-bit one.

// x in (a, b). When a == b the interval is the whole ring except a.
template <typename T>
[[nodiscard]] constexpr bool inOpenInterval(const T& x, const T& a, const T& b) {
    return a < b ? (a < x && x < b) : (a < x || x < b);
}

// x in (a, b]. When a == b the interval is the whole ring.
template <typename T>
[[nodiscard]] constexpr bool inHalfOpenInterval(const T& x, const T& a, const T& b) {
    return a < b ? (a < x && !(b < x)) : (a < x || !(b < x));
}

// How far one must walk clockwise from `from` to reach `to`.
[[nodiscard]] inline NodeId clockwiseDistance(const NodeId& from, const NodeId& to) {
    return to - from;
}

} // namespace ringshare::dht
