// ringshare: the desktop application. Composition root: builds the session (and in demo mode the demo
// peers) and hands them to the window.

#include "base/systemclock.h"
#include "base/version.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "session/demonetwork.h"
#include "session/session.h"
#include "ui/appicon.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/sessionstart.h"
#include "ui/singleinstance.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cstdio>

using namespace ringshare;

namespace {

// The ring maintenance pace of demo mode: a small ring on loopback, tuned so that changes show within
// a second or two.
dht::ChordConfig demoChord() {
    dht::ChordConfig chord;
    chord.stabilizeInterval = chord.fixFingersInterval = chord.checkPredecessorInterval = Millis(400);
    chord.publishRetryInterval = Millis(1500);
    chord.settleRepublishDelay = Millis(4000);
    return chord;
}

// A command line that cannot work: said on stderr for scripts and terminals, and in a message box for a
// launch from the desktop. Returns the exit code for bad usage.
int refuseArguments(const QString& text) {
    std::fprintf(stderr, "ringshare: %s\n", qUtf8Printable(text));
    // Without a display (offscreen, minimal) nobody could close the box, and the process would never end.
    const QString platform = QGuiApplication::platformName();
    if (platform != QLatin1String("offscreen") && platform != QLatin1String("minimal"))
        QMessageBox::critical(nullptr, QApplication::translate("main", "Ringshare cannot start"), text);
    return 2;
}

// Brings the window forward from the tray, the taskbar or behind other windows.
void activate(QWidget& window) {
    window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
    window.show();
    window.raise();
    window.activateWindow();
}

} // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ringshare"));
    QApplication::setApplicationName(QStringLiteral("ringshare"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QApplication::setDesktopFileName(QStringLiteral("ringshare"));
    QApplication::setWindowIcon(ui::appIcon());

    QSettings store;
    ui::AppSettings::removeAbandonedLock(store); // before anything here writes settings
    ui::AppSettings settings = ui::AppSettings::load(store);
    ui::installTranslators(settings.language.isEmpty() ? QLocale() : QLocale(settings.language));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Peer-to-peer file sharing."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), QApplication::translate("main", "Keep identity and state in <dir>."),
        QStringLiteral("dir"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main", "Start <n> local demo peers in this process, sharing sample files."),
        QStringLiteral("n"));
    parser.addOption(dataDirOption);
    parser.addOption(demoOption);
    parser.addPositionalArgument(
        QStringLiteral("link"),
        QApplication::translate("main",
                                "ringshare: links to download. If Ringshare already runs with the same "
                                "data folder, its window gets them."),
        QStringLiteral("[link...]"));
    parser.process(app);

    int demoPeers = 0;
    if (parser.isSet(demoOption)) {
        bool ok = false;
        demoPeers = parser.value(demoOption).toInt(&ok);
        if (!ok || demoPeers < 1 || demoPeers > 200)
            return refuseArguments(
                QApplication::translate("main", "--demo takes a number of peers from 1 to 200."));
    }

    const QStringList linkTexts = parser.positionalArguments();
    const int maxLinks = ui::SingleInstance::kMaxLinks;
    if (linkTexts.size() > maxLinks)
        return refuseArguments(
            QApplication::translate("main", "Give at most %n link(s) at a time.", nullptr, maxLinks));
    QList<share::Link> links;
    for (const QString& text : linkTexts) {
        auto link = share::Link::parse(text);
        if (!link) {
            const QString shown = text.size() > 80 ? text.left(80) + QChar(0x2026) : text;
            return refuseArguments(
                QApplication::translate("main", "Cannot open \"%1\": %2").arg(shown, link.error()));
        }
        links.append(std::move(link).value());
    }

    // One window per data folder: a second launch hands its links (or just the wish to see the window) to
    // the first and ends. Demo mode lives in a fresh temporary folder, so it is always its own instance.
    const QString dataDir = parser.isSet(dataDirOption)
                                ? parser.value(dataDirOption)
                                // ~/.local/share/ringshare, as before settings gave the app an
                                // organisation name (which AppDataLocation would add to the path).
                                : QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                                      .filePath(QStringLiteral("ringshare"));
    std::unique_ptr<ui::SingleInstance> instance;
    if (demoPeers == 0) {
        const QString name = ui::SingleInstance::serverNameFor(dataDir);
        if (ui::SingleInstance::sendToRunning(name, links))
            return 0;
        instance = std::make_unique<ui::SingleInstance>(name);
        // Another launch may have started listening since: give it the links after all.
        if (!instance->listen() && ui::SingleInstance::sendToRunning(name, links))
            return 0;
    }

    if (!crypto::initialize()) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Ringshare cannot start"),
                              QApplication::translate("main", "The cryptography library failed to start."));
        return 1;
    }

    // Demo mode keeps everything, this node included, in a temporary folder and on loopback, so it
    // touches neither the user's own identity and shares nor the network.
    QTemporaryDir demoDir;
    session::SessionOptions options;
    if (demoPeers > 0) {
        options.dataDir = demoDir.filePath(QStringLiteral("me/state"));
        options.downloadDir = demoDir.filePath(QStringLiteral("me/downloads"));
        options.bind = QHostAddress(QHostAddress::LocalHost);
        options.lan = false;
        options.portMapping = false;
        options.chord = demoChord();
        QDir().mkpath(options.downloadDir);
    } else {
        options.dataDir = dataDir;
        options.downloadDir = settings.effectiveDownloadDir();
        options.port = settings.port;
        options.bootstrap = settings.bootstrapNodes();
        options.lan = settings.lan;
        options.portMapping = settings.portMapping;
        options.uploadLimit = settings.uploadLimitKiB * 1024;
        options.downloadLimit = settings.downloadLimitKiB * 1024;
    }

    SystemClock clock;
    crypto::SecureRandom random;
    auto started = ui::startSession(options, clock, random);
    if (!started) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Ringshare cannot start"),
                              started.error());
        return 1;
    }
    std::unique_ptr<session::Session> session = std::move(started.value().session);
    const QString startNotice = started.value().notice;

    ui::MainWindow window(*session, settings);
    session->join();
    // The downloads asked for on the command line start on the joining node; each keeps looking for
    // sources until the ring answers.
    for (const share::Link& link : links)
        window.startDownload(link);
    if (instance) {
        if (instance->isListening()) {
            QObject::connect(instance.get(), &ui::SingleInstance::linkReceived, &window,
                             &ui::MainWindow::startDownload);
            QObject::connect(instance.get(), &ui::SingleInstance::activationRequested, &window,
                             [&window] { activate(window); });
        } else {
            window.showMessage(QApplication::translate(
                                   "main", "Links opened from other programs cannot reach this window: %1")
                                   .arg(instance->errorString()),
                               true);
        }
    }
    // After the downloads' messages, so that a warning from the start is the one left showing.
    if (!startNotice.isEmpty())
        window.showMessage(startNotice, true);

    std::unique_ptr<session::DemoNetwork> demo;
    if (demoPeers > 0) {
        session::DemoOptions demoOptions;
        demoOptions.peers = demoPeers;
        demoOptions.baseDir = demoDir.path();
        demoOptions.bootstrap = session->localEndpoint();
        demoOptions.chord = demoChord();
        demo = std::make_unique<session::DemoNetwork>(demoOptions, clock, random);
        QObject::connect(demo.get(), &session::DemoNetwork::warning, &window,
                         [&window](const QString& text) { window.showMessage(text, true); });
        demo->start();
        window.showMessage(
            QApplication::translate("main",
                                    "Demo mode: %n local peer(s) are joining, each sharing sample "
                                    "files. Search for \"sample\" to try a download.",
                                    nullptr, demoPeers),
            false);
        window.setView(ui::MainWindow::View::Ring);
    }
    window.show();
    const int code = QApplication::exec();
    demo.reset();
    return code;
}
