// The app's icon, painted in code at the usual sizes.
#pragma once

#include <QIcon>

namespace ringshare::ui {

// The Ringshare mark (a ring of peers with shortcut chords), painted at the usual icon sizes so the app
// needs no image plugin. It matches resources/icons/ringshare.svg.
[[nodiscard]] QIcon appIcon();

} // namespace ringshare::ui
