// Installing Qt's and Ringshare's translations for a locale.
#pragma once

#include <QLocale>

namespace ringshare::ui {

// Installs Qt's own and Ringshare's translations for `locale` into the running application.
// Returns true when Ringshare's strings are available in that language; otherwise English is installed.
bool installTranslators(const QLocale& locale);

} // namespace ringshare::ui
