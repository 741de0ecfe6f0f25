// Test-only access to a Session's parts, for the benchmarks and tests that inspect a node's routing state or
// record store directly. It lives under tests/, so nothing in ui/ or app/ can include it.
#pragma once

#include "dht/chordnode.h"
#include "session/session.h"

namespace ringshare::session {

struct SessionInternals {
    [[nodiscard]] static dht::ChordNode& node(Session& session) { return *session.m_node; }
};

} // namespace ringshare::session
