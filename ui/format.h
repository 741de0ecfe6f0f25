// Sizes, rates and durations in words a person reads, in the user's locale.
#pragma once

#include <QString>
#include <QtGlobal>

namespace ringshare::ui {

// Sizes, rates and durations as a person reads them, in the user's locale ("1.5 MiB", "320 KiB/s",
// "2 min 5 s").
[[nodiscard]] QString formatSize(qint64 bytes);
[[nodiscard]] QString formatRate(qint64 bytesPerSecond);
// "—" for an unknown duration (negative).
[[nodiscard]] QString formatDuration(qint64 seconds);

} // namespace ringshare::ui
