// The port a node keeps across restarts when none is set: drawn once at random and kept in DATA/port, so
// a router's mapping, a friend's note or a firewall rule made for it still holds after a restart.
#pragma once

#include "base/random.h"
#include "base/result.h"

#include <QString>
#include <optional>

namespace ringshare::session::keptport {

// Drawn from here: above the ports services register, below the range Linux hands out for outgoing
// connections (32768-60999), so no connection of this machine holds it by chance.
inline constexpr quint16 kFirst = 20000;
inline constexpr quint16 kLast = 32767;

[[nodiscard]] QString path(const QString& dataDir);
// The port kept, if the file holds one from 1024 up (drawn, or the system's pick when every draw was
// taken); anything else counts as none, and is replaced.
[[nodiscard]] std::optional<quint16> load(const QString& dataDir);
// Written atomically.
[[nodiscard]] Result<void> save(const QString& dataDir, quint16 port);
[[nodiscard]] quint16 draw(Random& random);

} // namespace ringshare::session::keptport
