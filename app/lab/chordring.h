// The lab's Chord settings and buildRing(), which grows a ring of real ChordNodes until it is exact.
#pragma once

#include "dht/simulation.h"

#include <functional>

namespace ringshare::lab {

// The Chord settings the lab runs with: the benchmarks' (one-second maintenance, fast RPC timeouts).
[[nodiscard]] dht::SimulationOptions chordOptions(quint64 seed);

// Grows a ring of `n` real ChordNodes on the simulation, in waves through random members, and waits until
// it is exact and the fingers have filled. `progress` hears how many nodes have been added.
bool buildRing(dht::Simulation& sim, int n, const std::function<void(int)>& progress = {});

} // namespace ringshare::lab
