// Loading the translation catalogues into the running application.
#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace ringshare::ui {

bool installTranslators(const QLocale& locale) {
    auto* app = QCoreApplication::instance();
    auto* qtTranslator = new QTranslator(app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto* ownTranslator = new QTranslator(app);
    const bool available = ownTranslator->load(locale, QStringLiteral("ringshare"), QStringLiteral("_"),
                                               QStringLiteral(":/i18n"));
    // A language we have no translation for gets the English text, with English plural forms.
    if (available || ownTranslator->load(QStringLiteral(":/i18n/ringshare_en.qm")))
        QCoreApplication::installTranslator(ownTranslator);
    else
        delete ownTranslator;
    return available;
}

} // namespace ringshare::ui
