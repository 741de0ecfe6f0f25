// The session settings ringshare-node's commands derive from the command line, shared by `run` and `get`.
#pragma once

#include "app/node/options.h"
#include "session/sessionoptions.h"

namespace ringshare::node {

// Folders, address, port, bootstrap, LAN discovery, limits, and --stabilize-ms scaled onto every period.
[[nodiscard]] session::SessionOptions sessionOptionsFor(const Options& options);

} // namespace ringshare::node
