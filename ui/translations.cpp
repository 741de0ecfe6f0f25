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
    if (!ownTranslator->load(locale, QStringLiteral("ringshare"), QStringLiteral("_"),
                             QStringLiteral(":/i18n"))) {
        delete ownTranslator;
        return false;
    }
    QCoreApplication::installTranslator(ownTranslator);
    return true;
}

} // namespace ringshare::ui
