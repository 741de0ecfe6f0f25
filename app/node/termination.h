// Turning SIGINT and SIGTERM into a call on the event loop.
#pragma once

#include <functional>

namespace ringshare::node {

// Calls `handler` on the event loop when SIGINT or SIGTERM arrives (through a pipe, the one thing a signal
// handler may safely do). Once per process; returns false when the pipe cannot be made.
bool onTermination(std::function<void()> handler);

} // namespace ringshare::node
