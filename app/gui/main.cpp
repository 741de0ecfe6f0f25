// ringshare: the desktop application. Composition root: builds core objects and hands them to the UI.

#include "base/version.h"
#include "crypto/identity.h"
#include "ui/appicon.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>

using namespace ringshare;

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ringshare"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QApplication::setDesktopFileName(QStringLiteral("ringshare"));
    QApplication::setWindowIcon(ui::appIcon());
    ui::installTranslators(QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Peer-to-peer file sharing."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), QApplication::translate("main", "Keep identity and state in <dir>."),
        QStringLiteral("dir"));
    parser.addOption(dataDirOption);
    parser.process(app);

    const QString dataDir = parser.isSet(dataDirOption)
                                ? parser.value(dataDirOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    auto identity = crypto::Identity::loadOrCreate(dataDir);
    if (!identity) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Ringshare cannot start"),
                              identity.error());
        return 1;
    }

    ui::MainWindow window(identity->nodeId().toHex());
    window.show();
    return QApplication::exec();
}
