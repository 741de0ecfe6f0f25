// How a room runs its slow work (hashing, disk): on a thread of its own, or on the injected clock so a
// simulation replays exactly.
#pragma once

namespace ringshare {

// Threaded: a worker thread, results handed back through the owner's event loop.
// OnClock: the work runs on the owner's thread from a zero-delay timer of its clock, each result delivered
// at once, with no thread and no event loop: a simulation on a ManualClock replays it exactly.
enum class WorkMode { Threaded, OnClock };

} // namespace ringshare
