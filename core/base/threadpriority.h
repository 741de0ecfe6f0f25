// Lowers a background thread's priority, so hashing and chunk work leave the event loop responsive.
#pragma once

namespace ringshare {

// Background work (hashing, verifying and writing chunks) runs at a lower priority than the thread that
// drives the event loop, so on a machine with few cores the window and the network stay responsive while
// every core hashes. Lowers the calling thread's priority (Linux: nice +10 for that thread alone); does
// nothing the second time, or where the system does not allow it. Only for threads that share no lock the
// event loop takes often: a lowered thread preempted while holding one would keep the event loop waiting.
void lowerCurrentThreadPriority();

} // namespace ringshare
