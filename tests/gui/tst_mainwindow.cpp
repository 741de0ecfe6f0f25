// The desktop app as a person uses it: real sessions on loopback, a real window (offscreen), real files.
#include "../support/fakeresolver.h"
#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "session/demonetwork.h"
#include "session/ringwatcher.h"
#include "session/session.h"
#include "share/search.h"
#include "ui/mainwindow.h"
#include "ui/rategraph.h"
#include "ui/reachabilitytext.h"
#include "ui/ringpage.h"
#include "ui/ringview.h"
#include "ui/searchmodel.h"
#include "ui/searchpage.h"
#include "ui/sessionstart.h"
#include "ui/settingsdialog.h"
#include "ui/sharedmodel.h"
#include "ui/sharedpage.h"
#include "ui/transfersmodel.h"
#include "ui/transferspage.h"
#include "ui/translations.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUdpSocket>
#include <algorithm>

using namespace ringshare;
using namespace ringshare::ui;
using namespace std::chrono_literals;

namespace {

dht::ChordConfig quickChord() {
    dht::ChordConfig chord;
    chord.stabilizeInterval = chord.fixFingersInterval = chord.checkPredecessorInterval = 100ms;
    chord.rpc.timeout = 300ms;
    chord.publishRetryInterval = 500ms;
    chord.settleRepublishDelay = 1000ms;
    return chord;
}

session::SessionOptions quickOptions(const QString& dir) {
    session::SessionOptions options;
    options.dataDir = dir + QStringLiteral("/state");
    options.downloadDir = dir + QStringLiteral("/downloads");
    QDir().mkpath(options.downloadDir);
    options.bind = QHostAddress(QHostAddress::LocalHost);
    options.lan = false;
    options.chord = quickChord();
    options.housekeepingInterval = 1000ms;
    return options;
}

session::DemoOptions quickDemo(int peers, const QString& dir, const net::Endpoint& bootstrap) {
    session::DemoOptions options;
    options.peers = peers;
    options.baseDir = dir;
    options.bootstrap = bootstrap;
    options.joinInterval = 150ms;
    options.churnInterval = 0ms;
    options.maxFileSize = 1024 * 1024;
    options.chord = quickChord();
    return options;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The number of distinct colours on a coarse grid over the image: a blank or single-colour rendering has
// one or two.
int colourCount(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

// The push button under `parent` that reads `text`, as a person finds it.
QPushButton* buttonNamed(QWidget* parent, const QString& text) {
    const QList<QPushButton*> buttons = parent->findChildren<QPushButton*>();
    const auto it =
        std::find_if(buttons.begin(), buttons.end(), [&](QPushButton* b) { return b->text() == text; });
    return it == buttons.end() ? nullptr : *it;
}

QString outputDir() {
    const QString dir = qEnvironmentVariable("RINGSHARE_TEST_OUTPUT", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

QList<NodeId> sorted(QList<NodeId> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The window's own session plus demo peers joined to it, all on loopback.
struct Network {
    QTemporaryDir dir;
    SystemClock clock;
    crypto::SecureRandom random;
    std::unique_ptr<session::Session> me;
    std::unique_ptr<session::DemoNetwork> demo;

    explicit Network(int peers) {
        me = std::make_unique<session::Session>(quickOptions(dir.filePath(QStringLiteral("me"))), clock,
                                                random);
        const auto started = me->start();
        if (!started)
            qFatal("session failed to start: %s", qPrintable(started.error()));
        me->join();
        if (peers > 0) {
            demo = std::make_unique<session::DemoNetwork>(
                quickDemo(peers, dir.filePath(QStringLiteral("demo")), me->localEndpoint()), clock, random);
            demo->start();
        }
    }

    [[nodiscard]] QList<NodeId> liveIds() const {
        QList<NodeId> ids{me->id()};
        for (int i = 0; demo && i < demo->peerCount(); ++i)
            if (session::Session* peer = demo->peer(i))
                ids << peer->id();
        return ids;
    }

    [[nodiscard]] bool allJoinedAndHashed() const {
        if (!me->isJoined())
            return false;
        for (int i = 0; demo && i < demo->peerCount(); ++i) {
            session::Session* peer = demo->peer(i);
            if (!peer || !peer->isJoined() || !peer->isHashingDone())
                return false;
        }
        return true;
    }
};

} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        crypto::requireInitialized();
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RingshareTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        // As the app does: the system's language, here English whatever the machine's locale.
        installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void droppedFileIsSharedAndHashed() {
        Network network(0);
        MainWindow window(*network.me, AppSettings{});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Ringshare"));
        QVERIFY(window.nodeIdText().startsWith(QStringLiteral("Node ")));
        auto* empty = window.findChild<QLabel*>(QStringLiteral("sharedEmptyState"));
        QVERIFY(empty);
        window.setView(MainWindow::View::Shared);
        QVERIFY(empty->isVisible());

        const QString path = network.dir.filePath(QStringLiteral("Harbour Timelapse 4K.mp4"));
        QByteArray data(3 * 1024 * 1024 + 5, 'h');
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(data) == data.size());
        file.close();

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        window.setView(MainWindow::View::Search); // a drop anywhere brings the Shared view forward
        const QPoint at = window.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(window.view(), MainWindow::View::Shared);

        SharedModel& model = window.sharedPage()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(0, SharedModel::State), Qt::DisplayRole).toString(),
                                  QStringLiteral("Shared"), 10'000);
        QCOMPARE(model.data(model.index(0, SharedModel::Name), Qt::DisplayRole).toString(),
                 QStringLiteral("Harbour Timelapse 4K.mp4"));
        QVERIFY(!model.data(model.index(0, 0), SharedModel::ContentIdRole).toString().isEmpty());
        // "harbour", "timelapse", "4k" and "mp4" each get a keyword record.
        QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(0, SharedModel::Records), Qt::DisplayRole).toInt(),
                                  4, 5000);
        QVERIFY(!empty->isVisible());
        QVERIFY(window.sharedPage()->view()->isVisible());

        // "Copy link" names this node as the way in (x.pe=), so a friend off the ring can join through it.
        window.sharedPage()->view()->setCurrentIndex(window.sharedPage()->view()->model()->index(0, 0));
        QPushButton* copy = buttonNamed(window.sharedPage(), QStringLiteral("Copy &link"));
        QVERIFY(copy && copy->isEnabled());
        copy->click();
        const auto copied = share::Link::parse(QGuiApplication::clipboard()->text());
        QVERIFY2(copied.ok(), qPrintable(QGuiApplication::clipboard()->text()));
        QCOMPARE(copied->name, QStringLiteral("Harbour Timelapse 4K.mp4"));
        QCOMPARE(copied->contacts, QList<net::HostPort>{network.me->localEndpoint()});

        // A dropped text that is not a link, and a non-file URL, are refused.
        QMimeData junk;
        junk.setText(QStringLiteral("hello"));
        junk.setUrls({QUrl(QStringLiteral("https://example.org/x"))});
        QDragEnterEvent refused(at, Qt::CopyAction, &junk, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &refused);
        QVERIFY(!refused.isAccepted());
        network.me->stop([](bool) {});
    }

    void searchShowsResultsAndDownloadMatches() {
        Network network(3);
        MainWindow window(*network.me, AppSettings{});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(QTest::qWaitFor([&] { return network.allJoinedAndHashed(); }, 20'000));

        // Ctrl+F brings the search field forward with the focus in it.
        window.setView(MainWindow::View::Shared);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(window.view(), MainWindow::View::Search);
        QLineEdit* field = window.searchPage()->searchField();
        QTRY_VERIFY(field->hasFocus());

        // Records take a moment to be stored on the ring; a person would search again, and so do we.
        SearchModel& results = window.searchPage()->model();
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (!window.searchPage()->isSearching() && results.rowCount() == 0) {
                    field->clear();
                    QTest::keyClicks(field, QStringLiteral("aurora"));
                    QTest::keyClick(field, Qt::Key_Return);
                }
                return results.rowCount() > 0;
            },
            20'000));
        QCOMPARE(results.resultAt(0).name, QStringLiteral("Sample Aurora Timelapse.mp4"));
        auto* status = window.findChild<QLabel*>(QStringLiteral("searchStatus"));
        QTRY_VERIFY(status->text().contains(QStringLiteral("match")));

        // Select the result and press Download.
        QTreeView* view = window.searchPage()->view();
        view->setCurrentIndex(view->model()->index(0, 0));
        view->selectionModel()->select(view->model()->index(0, 0),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QPushButton* download = buttonNamed(window.searchPage(), QStringLiteral("&Download"));
        QVERIFY(download && download->isEnabled());
        QTest::mouseClick(download, Qt::LeftButton);

        TransfersModel& transfers = window.transfersPage()->model();
        QTRY_COMPARE_WITH_TIMEOUT(transfers.rowCount() > 0, true, 5000);
        QSignalSpy notified(&window, &MainWindow::notified);
        QTRY_COMPARE_WITH_TIMEOUT(int(transfers.rowAt(0).status.state),
                                  int(transfer::DownloadStatus::State::Finished), 20'000);
        const QString path = transfers.rowAt(0).status.path;
        QVERIFY(path.startsWith(network.dir.filePath(QStringLiteral("me/downloads/"))));
        QCOMPARE(readAll(path), readAll(network.demo->sampleFiles(0).first()));
        QVERIFY(!readAll(path).isEmpty());
        QTRY_COMPARE(notified.size(), 1);
        QVERIFY(notified.first().at(1).toString().contains(QStringLiteral("Sample Aurora Timelapse.mp4")));
        QCOMPARE(transfers.data(transfers.index(0, TransfersModel::State), Qt::DisplayRole).toString(),
                 QStringLiteral("Finished"));
        // The finished download is shared in turn.
        QTRY_VERIFY_WITH_TIMEOUT(network.me->isSharing(transfers.rowAt(0).status.id), 5000);
        network.me->stop([](bool) {});
    }

    void transfersPauseAndResumeFromTheButtons() {
        Network network(2);
        MainWindow window(*network.me, AppSettings{});
        window.setView(MainWindow::View::Transfers);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(QTest::qWaitFor([&] { return network.allJoinedAndHashed(); }, 20'000));
        // A slow source, so there is time to press the buttons.
        for (int i = 0; i < 2; ++i)
            network.demo->peer(i)->setUploadLimit(200 * 1024);
        const QString sample = network.demo->sampleFiles(0).first();
        const auto shared = network.demo->peer(0)->sharedFiles();
        const auto file = std::find_if(shared.begin(), shared.end(),
                                       [&](const session::SharedFileRow& f) { return f.path == sample; });
        QVERIFY(file != shared.end());
        window.startDownload(share::Link{file->contentId, QFileInfo(sample).fileName(), file->size});

        TransfersModel& model = window.transfersPage()->model();
        QTreeView* view = window.transfersPage()->view();
        const auto button = [&](const QString& text) { return buttonNamed(window.transfersPage(), text); };
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 1 && model.rowAt(0).status.done > 0, 15'000);
        view->selectionModel()->select(view->model()->index(0, 0),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QPushButton* pause = button(QStringLiteral("&Pause"));
        QVERIFY(pause && pause->isEnabled());
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE(int(model.rowAt(0).status.state), int(transfer::DownloadStatus::State::Paused));
        QCOMPARE(model.data(model.index(0, TransfersModel::State), Qt::DisplayRole).toString(),
                 QStringLiteral("Paused"));
        QPushButton* resume = button(QStringLiteral("&Resume"));
        QTRY_VERIFY(resume->isEnabled());
        for (int i = 0; i < 2; ++i)
            network.demo->peer(i)->setUploadLimit(0);
        QTest::mouseClick(resume, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(int(model.rowAt(0).status.state),
                                  int(transfer::DownloadStatus::State::Finished), 20'000);
        QCOMPARE(readAll(model.rowAt(0).status.path), readAll(sample));
        network.me->stop([](bool) {});
    }

    void reachabilityIsToldWithWhyAndWhatToDo() {
        session::ReachabilityReport report;
        report.state = dht::Reachability::Reachable;
        report.endpoint = net::Endpoint{QHostAddress(QStringLiteral("203.0.113.21")), 41000};
        report.method = session::ReachMethod::Upnp;
        QCOMPARE(ReachabilityText::summary(report),
                 QStringLiteral("Reachable: UPnP mapping 203.0.113.21:41000"));
        QVERIFY(ReachabilityText::explanation(report, 41000).contains(QStringLiteral("forwards port 41000")));
        report.method = session::ReachMethod::NatPmp;
        QCOMPARE(ReachabilityText::summary(report),
                 QStringLiteral("Reachable: NAT-PMP mapping 203.0.113.21:41000"));
        report.method = session::ReachMethod::Direct;
        QCOMPARE(ReachabilityText::summary(report), QStringLiteral("Reachable at 203.0.113.21:41000"));
        report.state = dht::Reachability::Checking;
        QCOMPARE(ReachabilityText::summary(report), QStringLiteral("Checking whether peers can reach you…"));
        report.state = dht::Reachability::Unreachable;
        report.role = session::RingRole::Client;
        QCOMPARE(ReachabilityText::summary(report),
                 QStringLiteral("Behind NAT: others cannot connect to you"));
        const QString what = ReachabilityText::explanation(report, 41000);
        QVERIFY(what.contains(QStringLiteral("forward UDP and TCP port 41000")));
        QVERIFY(what.contains(QStringLiteral("UPnP or NAT-PMP")));
        report.state = dht::Reachability::Unknown;
        QCOMPARE(ReachabilityText::summary(report), QStringLiteral("Behind NAT: not checked yet"));
    }

    void ringModelFollowsJoinsAndLeaves() {
        Network network(5);
        MainWindow window(*network.me, AppSettings{});
        window.setView(MainWindow::View::Ring);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RingView* ring = window.ringPage()->view();
        ring->setFadeDuration(4000); // long enough to see a leaving node marked as such
        window.ringPage()->observer()->setInterval(200);

        QVERIFY(QTest::qWaitFor([&] { return network.allJoinedAndHashed(); }, 20'000));
        QTRY_COMPARE_WITH_TIMEOUT(sorted(ring->shownNodes()), sorted(network.liveIds()), 15'000);
        QVERIFY(window.ringPage()->observer()->sizeIsExact());
        QTRY_COMPARE_WITH_TIMEOUT(window.connectionText(), QStringLiteral("On a ring of 6 nodes"), 5000);
        // On one loopback address peers never agree on an endpoint to check, and the window says so.
        QCOMPARE(window.reachabilityText(), QStringLiteral("Reachability not checked yet"));
        QVERIFY(window.reachabilityToolTip().contains(QStringLiteral("once it knows a few of them")));
        const auto* details = window.ringPage()->findChild<QLabel*>(QStringLiteral("ringDetails"));
        QVERIFY(details);
        QVERIFY(details->text().contains(QStringLiteral("Reachability not checked yet")));
        QVERIFY(details->text().contains(QStringLiteral("Member: holds keys for the ring")));

        const NodeId leaving = network.demo->peer(2)->id();
        network.demo->stopPeer(2);
        QTRY_VERIFY_WITH_TIMEOUT(ring->leavingNodes().contains(leaving), 10'000);
        QVERIFY(!ring->shownNodes().contains(leaving));
        QTRY_COMPARE_WITH_TIMEOUT(sorted(ring->shownNodes()), sorted(network.liveIds()), 15'000);
        QCOMPARE(network.liveIds().size(), 5);

        network.demo->startPeer(2);
        QTRY_VERIFY_WITH_TIMEOUT(network.demo->peer(2) != nullptr, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(sorted(ring->shownNodes()), sorted(network.liveIds()), 15'000);
        QVERIFY(ring->shownNodes().contains(leaving)); // the same identity came back

        // Hovering a node names it.
        const QPointF at = ring->positionOf(leaving);
        const auto hovered = ring->nodeAt(at);
        QVERIFY(hovered.has_value());
        QCOMPARE(hovered->id, leaving);
        network.me->stop([](bool) {});
    }

    void demoViewsRenderToScreenshots() {
        Network network(10);
        MainWindow window(*network.me, AppSettings{});
        window.resize(1100, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(QTest::qWaitFor([&] { return network.allJoinedAndHashed(); }, 30'000));
        // Something on every view: a shared file, search results, a download, a lookup path.
        QVERIFY(network.me->share(network.demo->sampleFiles(1).first()).ok());
        SearchModel& results = window.searchPage()->model();
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (!window.searchPage()->isSearching() && results.rowCount() < 3)
                    window.searchPage()->submit(QStringLiteral("sample"));
                return results.rowCount() >= 3 && !window.searchPage()->isSearching();
            },
            30'000));
        window.searchPage()->view()->setCurrentIndex(window.searchPage()->view()->model()->index(0, 0));
        window.searchPage()->downloadSelected();
        TransfersModel& transfers = window.transfersPage()->model();
        QTRY_COMPARE_WITH_TIMEOUT(int(transfers.rowAt(0).status.state),
                                  int(transfer::DownloadStatus::State::Finished), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(window.transfersPage()->graph()->sampleCount() >= 3, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(window.ringPage()->observer()->sizeIsExact(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.ringPage()->view()->lookupPath().isEmpty(), 10'000);
        QTest::qWait(1200); // let fades finish for a still picture

        const struct {
            MainWindow::View view;
            const char* file;
        } shots[] = {
            {MainWindow::View::Shared, "view-shared.png"},
            {MainWindow::View::Search, "view-search.png"},
            {MainWindow::View::Transfers, "view-transfers.png"},
            {MainWindow::View::Ring, "view-ring.png"},
        };
        for (const auto& shot : shots) {
            window.setView(shot.view);
            QApplication::processEvents();
            const QImage image = window.grab().toImage();
            const QString path = QDir(outputDir()).filePath(QString::fromLatin1(shot.file));
            QVERIFY(image.save(path));
            // The page itself (not just the window frame around it) has to show something.
            const QImage page = window.centralWidget()->grab().toImage();
            QVERIFY2(colourCount(page) > 12, shot.file);
        }
        network.me->stop([](bool) {});
    }

    void portForwardingIsASetting() {
        // On by default; the dialog's checkbox turns it off, and the choice survives a restart.
        QVERIFY(AppSettings{}.portMapping);
        AppSettings settings;
        settings.portMapping = false;
        SettingsDialog dialog(settings, {});
        QCheckBox* box = nullptr;
        for (QCheckBox* candidate : dialog.findChildren<QCheckBox*>())
            if (candidate->text().remove(QLatin1Char('&')) ==
                QStringLiteral("Ask the router to forward my port (UPnP / NAT-PMP)"))
                box = candidate;
        QVERIFY(box);
        QVERIFY(!box->isChecked());
        QVERIFY(!dialog.settings().portMapping);
        box->setChecked(true);
        QVERIFY(dialog.settings().portMapping);
        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.save(store);
        QVERIFY(!AppSettings::load(store).portMapping);
        dialog.settings().save(store);
        QVERIFY(AppSettings::load(store).portMapping);
    }

    void settingsAreValidatedAndPersisted() {
        AppSettings settings;
        settings.bootstrap = {QStringLiteral("192.0.2.7:4000")};
        const QStringList shares{QStringLiteral("/srv/music"), QStringLiteral("/home/me/film.mkv")};
        SettingsDialog dialog(settings, shares);
        QCOMPARE(dialog.shares(), shares);
        QPushButton* ok = dialog.buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        dialog.bootstrapField()->setPlainText(QStringLiteral("192.0.2.7:4000\nnot-an-address"));
        QVERIFY(!ok->isEnabled());
        QCOMPARE(dialog.problems().size(), 1);
        QVERIFY(dialog.problems().first().contains(QStringLiteral("not-an-address")));
        dialog.bootstrapField()->setPlainText(
            QStringLiteral("Seed.Example.org:4000\nseed_1.example.org:4000"));
        QCOMPARE(dialog.problems().size(), 1); // a host name is fine, one with "_" is not
        QVERIFY(dialog.problems().first().contains(QStringLiteral("seed_1.example.org:4000")));
        dialog.bootstrapField()->setPlainText(QStringLiteral("[2001:db8::7]:4000"));
        dialog.portField()->setValue(80);
        QVERIFY(!ok->isEnabled());
        dialog.portField()->setValue(4242);
        QVERIFY(ok->isEnabled());
        const AppSettings edited = dialog.settings();
        QCOMPARE(edited.port, quint16(4242));
        QCOMPARE(edited.bootstrap, QStringList{QStringLiteral("[2001:db8::7]:4000")});
        AppSettings named;
        named.bootstrap = {QStringLiteral("Seed.Example.org:4000")};
        QCOMPARE(named.bootstrapNodes(),
                 QList<net::HostPort>{net::HostPort::parse(QStringLiteral("seed.example.org:4000")).value()});

        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        edited.save(store);
        QCOMPARE(AppSettings::load(store), edited);
        // A damaged file falls back field by field.
        store.setValue(QStringLiteral("network/port"), QStringLiteral("ninety"));
        store.setValue(QStringLiteral("transfers/uploadLimitKiB"), -5);
        store.setValue(QStringLiteral("network/bootstrap"),
                       QStringList{QStringLiteral("garbage"), QStringLiteral("192.0.2.9:1")});
        const AppSettings repaired = AppSettings::load(store);
        QCOMPARE(repaired.port, quint16(0));
        QCOMPARE(repaired.uploadLimitKiB, 0);
        QCOMPARE(repaired.bootstrap, QStringList{QStringLiteral("192.0.2.9:1")});
        QVERIFY(repaired.problems().isEmpty());
    }

    void windowRemembersGeometryAndView() {
        Network network(0);
        {
            MainWindow window(*network.me, AppSettings{});
            window.show();
            window.resize(900, 600);
            window.setView(MainWindow::View::Ring);
            QVERIFY(QTest::qWaitForWindowExposed(&window));
        }
        MainWindow again(*network.me, AppSettings{});
        QCOMPARE(again.view(), MainWindow::View::Ring);
        QCOMPARE(again.size(), QSize(900, 600));
        network.me->stop([](bool) {});
    }

    void takenPortIsExplainedAndAnotherUsed() {
        QTemporaryDir dir;
        QUdpSocket holder; // another program on the port
        QVERIFY(holder.bind(QHostAddress::LocalHost, 0));
        session::SessionOptions options = quickOptions(dir.path());
        options.port = holder.localPort();
        SystemClock clock;
        crypto::SecureRandom random;
        auto started = startSession(options, clock, random);
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
        session::Session& session = *started.value().session;
        QVERIFY(session.port() != 0 && session.port() != holder.localPort());
        const QString notice = started.value().notice;
        QVERIFY(notice.contains(QString::number(holder.localPort())));
        QVERIFY(notice.contains(QString::number(session.port())));
        QVERIFY(notice.contains(QStringLiteral("Settings")));

        // In the window the notice stays until dismissed.
        MainWindow window(session, AppSettings{});
        window.showMessage(notice, true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.messageText(), notice);
    }

    // A bootstrap name that does not resolve is said in the message bar, naming the node.
    void anUnresolvableBootstrapNameIsShown() {
        QTemporaryDir dir;
        test::FakeResolver resolver;
        session::SessionOptions options = quickOptions(dir.path());
        options.resolver = &resolver;
        options.bootstrap = {net::HostPort::parse(QStringLiteral("seed.invalid:4000")).value()};
        SystemClock clock;
        crypto::SecureRandom random;
        session::Session session(options, clock, random);
        QVERIFY(session.start().ok());
        MainWindow window(session, AppSettings{});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        session.join();
        QTRY_VERIFY_WITH_TIMEOUT(
            window.messageText().startsWith(QStringLiteral("Cannot find the node seed.invalid:4000: ")),
            5000);
        QTest::qWait(500); // and no later message covers it up
        QVERIFY2(window.messageText().contains(QStringLiteral("seed.invalid")),
                 qPrintable(window.messageText()));
    }

    void demoPeersLeaveAndComeBack() {
        QTemporaryDir dir;
        SystemClock clock;
        crypto::SecureRandom random;
        session::Session me(quickOptions(dir.filePath(QStringLiteral("me"))), clock, random);
        QVERIFY(me.start().ok());
        me.join();
        session::DemoOptions options = quickDemo(4, dir.filePath(QStringLiteral("demo")), me.localEndpoint());
        options.churnInterval = 800ms;
        options.rejoinDelay = 400ms;
        session::DemoNetwork demo(options, clock, random);
        QSignalSpy started(&demo, &session::DemoNetwork::peerStarted);
        QSignalSpy stopped(&demo, &session::DemoNetwork::peerStopped);
        demo.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 4, 5000);
        QCOMPARE(demo.sampleFiles(0).size(), 4); // three of its own and the one every other peer shares
        QCOMPARE(demo.sampleFiles(1).size(), 3);
        // Churn: someone leaves, and the same peer comes back.
        QTRY_VERIFY_WITH_TIMEOUT(stopped.size() >= 1, 5000);
        const int leaver = stopped.first().first().toInt();
        QVERIFY(leaver != 0); // the first peer stays, as everyone's first contact
        QTRY_VERIFY_WITH_TIMEOUT(started.size() >= 5, 10'000);
        QCOMPARE(started.at(4).first().toInt(), leaver);
        me.stop([](bool) {});
    }

    // Must run last: it installs the German translation into the application.
    void germanTranslationIsUsed() {
        QVERIFY(!installTranslators(QLocale(QLocale::Japanese, QLocale::Japan)));
        QVERIFY(installTranslators(QLocale(QLocale::German, QLocale::Germany)));
        Network network(0);
        MainWindow window(*network.me, AppSettings{});
        QVERIFY(window.nodeIdText().startsWith(QStringLiteral("Knoten ")));
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
        auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
        QCOMPARE(sidebar->item(1)->text(), QStringLiteral("Suche"));
        auto* empty = window.findChild<QLabel*>(QStringLiteral("sharedEmptyState"));
        QVERIFY(empty->text().startsWith(QStringLiteral("Ziehen Sie")));
        network.me->stop([](bool) {});
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
