// ringshare-node's file commands: share, search and get LINK.
#pragma once

#include "app/node/options.h"

#include <QStringList>

namespace ringshare::node {

// `share PATH...`: hashes files (folders: every file inside) and prints the link of each. No network.
int shareCommand(const Options& options, const QStringList& paths);
// `search WORDS...`: asks the ring for files whose names hold every word and prints them, best first.
int searchCommand(const Options& options, const QStringList& words);
// `get LINK`: downloads what the link names from every peer that has it; exit 0 only once it is verified.
int getLinkCommand(const Options& options, const QString& linkText);

} // namespace ringshare::node
