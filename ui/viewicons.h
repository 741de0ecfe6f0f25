// The sidebar's icons for the four views, painted in the palette's colours.
#pragma once

#include <QIcon>
#include <QPalette>

namespace ringshare::ui {

// Icons for the four views, painted in the palette's text colours so they suit light and dark themes and
// need no icon theme. The desktop's own themed icon is used instead when it has one.
enum class ViewIcon { Shared, Search, Transfers, Ring };
[[nodiscard]] QIcon viewIcon(ViewIcon which, const QPalette& palette);

} // namespace ringshare::ui
