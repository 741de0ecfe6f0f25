// The peer cache (peers.json): the peers a node knew at its last run, for rejoining after a restart.
#pragma once

#include "base/result.h"
#include "net/message.h"

#include <QList>
#include <QString>

namespace ringshare::net {

// The peers a node knew when it last ran, kept in its data directory (peers.json) so that it can rejoin
// through them after a restart, even when its bootstrap nodes are gone.
namespace peercache {

inline constexpr int kMaxPeers = 64;

[[nodiscard]] QString path(const QString& dataDir);
// Written atomically: a crash leaves the old file or the new one, never half of either.
[[nodiscard]] Result<void> save(const QString& dataDir, const QList<NodeRef>& peers);
// A missing file is an empty list. A file that is too large, not ours or damaged is an error in words;
// entries that are individually malformed are skipped. At most kMaxPeers come back.
[[nodiscard]] Result<QList<Endpoint>> load(const QString& dataDir);

} // namespace peercache

} // namespace ringshare::net
