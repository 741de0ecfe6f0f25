// The desktop app in German: sentences that come from core (the session's warnings, sharing and download
// failures, link errors) reach the window translated, through real sessions, real files and real peers.
#include "base/systemclock.h"
#include "base/systemerror.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "session/demonetwork.h"
#include "session/session.h"
#include "ui/mainwindow.h"
#include "ui/reachabilitytext.h"
#include "ui/searchpage.h"
#include "ui/sharedmodel.h"
#include "ui/sharedpage.h"
#include "ui/transfersmodel.h"
#include "ui/transferspage.h"
#include "ui/translations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <algorithm>
#include <cerrno>
#include <cstring>

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
    QDir().mkpath(options.dataDir);
    QDir().mkpath(options.downloadDir);
    options.bind = QHostAddress(QHostAddress::LocalHost);
    options.lan = false;
    options.chord = quickChord();
    options.housekeepingInterval = 1000ms;
    return options;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The English text of every message of core in the catalogue, cut at its placeholders into pieces long
// enough to be unmistakable: none of them may show in the German window.
QStringList englishCorePieces() {
    QFile file(QStringLiteral(RINGSHARE_SOURCE_DIR "/translations/ringshare_de.ts"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the German catalogue");
    const QRegularExpression core(
        QStringLiteral("^ringshare::(base|crypto|dht|net|session|share|transfer)::"));
    const QRegularExpression placeholder(QStringLiteral("%\\d+|%n"));
    QXmlStreamReader xml(&file);
    QString context;
    QStringList pieces;
    while (xml.readNextStartElement() || !xml.atEnd()) {
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("source") && core.match(context).hasMatch())
            for (const QString& piece : xml.readElementText().split(placeholder))
                if (piece.trimmed().size() >= 10)
                    pieces << piece.trimmed();
    }
    return pieces;
}

// The first English piece of core found in `text`, or an empty string.
QString englishIn(const QString& text, const QStringList& pieces) {
    const auto it =
        std::find_if(pieces.begin(), pieces.end(), [&](const QString& p) { return text.contains(p); });
    return it == pieces.end() ? QString() : *it;
}

} // namespace

class TestGermanCore final : public QObject {
    Q_OBJECT

    QStringList m_english;
    SystemClock m_clock;
    crypto::SecureRandom m_random;

    // Asserts `text` is what the window shows in German: it holds `german` and no English sentence of core.
    [[nodiscard]] bool isGerman(const QString& text, const QString& german) const {
        const QString english = englishIn(text, m_english);
        if (!english.isEmpty())
            qWarning().noquote() << "English in the German window:" << english << "in" << text;
        if (!text.contains(german))
            qWarning().noquote() << "expected" << german << "in" << text;
        return english.isEmpty() && text.contains(german);
    }

private Q_SLOTS:
    void initTestCase() {
        crypto::requireInitialized();
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RingshareTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_germancore"));
        QSettings().clear();
        QVERIFY(installTranslators(QLocale(QLocale::German, QLocale::Germany)));
        m_english = englishCorePieces();
        QVERIFY(m_english.size() > 50);
        // The check itself finds English: a core sentence as core says it without a translation.
        QVERIFY(!englishIn(QStringLiteral("/x/y does not exist."), m_english).isEmpty());
        QVERIFY(
            !englishIn(QStringLiteral("Ignoring the list of shared files in /x: y."), m_english).isEmpty());
    }

    // State files a newer version wrote: the session says it ignores them, at start and on joining.
    void sessionWarningsAreGerman() {
        QTemporaryDir dir;
        const session::SessionOptions options = quickOptions(dir.path());
        QVERIFY(writeFile(options.dataDir + QStringLiteral("/library.json"), R"({"format": 999})"));
        QVERIFY(
            writeFile(options.dataDir + QStringLiteral("/peers.json"), R"({"format": 999, "peers": []})"));
        session::Session me(options, m_clock, m_random);
        QVERIFY(me.start());
        MainWindow window(me, AppSettings{});
        window.show();
        QStringList shown;
        connect(&me, &session::Session::warning, &window, [&] { shown << window.messageText(); });
        me.join();
        QTRY_COMPARE(shown.size(), 2);
        const QString dataDir = QDir::toNativeSeparators(options.dataDir);
        QVERIFY(
            isGerman(shown.join(QLatin1Char('\n')),
                     QStringLiteral("Die Liste der freigegebenen Dateien in %1 wird ignoriert: von einer "
                                    "Version geschrieben, die diese nicht versteht.")
                         .arg(QDir::toNativeSeparators(options.dataDir + QStringLiteral("/library.json")))));
        QVERIFY(
            isGerman(shown.join(QLatin1Char('\n')),
                     QStringLiteral("Die bekannten Peers in %1 werden ignoriert: keine Peer-Liste, die diese "
                                    "Version versteht.")
                         .arg(QDir(dataDir).filePath(QStringLiteral("peers.json")))));
        me.stop([](bool) {});
    }

    // A path that is gone, a file too large to share, a link that names no content.
    void sharingAndLinkProblemsAreGerman() {
        QTemporaryDir dir;
        session::Session me(quickOptions(dir.path()), m_clock, m_random);
        QVERIFY(me.start());
        me.join();
        MainWindow window(me, AppSettings{});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const QString gone = QDir::toNativeSeparators(dir.filePath(QStringLiteral("gone.txt")));
        window.share({gone});
        QVERIFY(isGerman(window.messageText(), QStringLiteral("%1 existiert nicht.").arg(gone)));

        // Sparse: 257 GiB to the file system's size, nothing on the disk.
        const QString huge = dir.filePath(QStringLiteral("huge.img"));
        {
            QFile file(huge);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(257LL << 30));
        }
        window.share({huge});
        SharedModel& shared = window.sharedPage()->model();
        const auto rowOf = [&](const QString& path) {
            for (int row = 0; row < shared.rowCount(); ++row)
                if (shared.index(row, 0).data(SharedModel::PathRole).toString() == path)
                    return row;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(huge) >= 0 && shared.index(rowOf(huge), SharedModel::State)
                                                         .data()
                                                         .toString()
                                                         .startsWith(QStringLiteral("Fehlgeschlagen")),
                                 10'000);
        const QString tooLarge =
            QStringLiteral("%1 ist größer als die 256 GiB, die Ringshare freigeben kann").arg(huge);
        QVERIFY(isGerman(shared.index(rowOf(huge), SharedModel::State).data().toString(), tooLarge));
        QVERIFY(isGerman(shared.index(rowOf(huge), SharedModel::Name).data(Qt::ToolTipRole).toString(),
                         tooLarge));

        window.setView(MainWindow::View::Search);
        QLineEdit* field = window.searchPage()->searchField();
        field->setText(QStringLiteral("ringshare:?xt=1234&dn=x"));
        QTest::keyClick(field, Qt::Key_Return);
        auto* status = window.searchPage()->findChild<QLabel*>(QStringLiteral("searchStatus"));
        QVERIFY(status);
        QVERIFY(isGerman(
            status->text(),
            QStringLiteral("xt ist keine Inhalts-ID: \"1234\" besteht nicht aus 64 Hexadezimalziffern")));
        me.stop([](bool) {});
    }

    // The words after "Cannot read x:" that the C library gives: German for the common ones, the library's
    // own for the rest.
    void systemErrorsAreGerman() {
        QCOMPARE(systemErrorText(ENOENT), QStringLiteral("Datei oder Ordner nicht gefunden"));
        QCOMPARE(systemErrorText(ENOSPC), QStringLiteral("Kein Platz mehr auf dem Datenträger"));
        QCOMPARE(systemErrorText(ENOTSOCK), QString::fromLocal8Bit(std::strerror(ENOTSOCK)));
    }

    void reachabilityAndPortMappingAreGerman() {
        session::ReachabilityReport report;
        report.state = dht::Reachability::Reachable;
        report.endpoint = net::Endpoint{QHostAddress(QStringLiteral("203.0.113.21")), 41000};
        report.method = session::ReachMethod::Upnp;
        QCOMPARE(ui::ReachabilityText::summary(report),
                 QStringLiteral("Erreichbar: UPnP-Weiterleitung 203.0.113.21:41000"));
        report.state = dht::Reachability::Unreachable;
        QVERIFY(ui::ReachabilityText::explanation(report, 41000)
                    .contains(QStringLiteral("UDP- und TCP-Port 41000")));
        net::PortMappingState mapping;
        mapping.phase = net::PortMappingState::Phase::Trying;
        QCOMPARE(mapping.describe(), QStringLiteral("der Router wird gebeten, die Ports weiterzuleiten"));
    }

    // A download whose folder cannot be made (a file stands in its place) fails, and says why in German.
    void failedDownloadIsGerman() {
        QTemporaryDir dir;
        session::SessionOptions options = quickOptions(dir.filePath(QStringLiteral("me")));
        options.downloadDir = dir.filePath(QStringLiteral("blocked/downloads"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("blocked")), "a file, not a folder"));
        session::Session me(options, m_clock, m_random);
        QVERIFY(me.start());
        me.join();
        session::DemoOptions demoOptions;
        demoOptions.peers = 1;
        demoOptions.baseDir = dir.filePath(QStringLiteral("demo"));
        demoOptions.bootstrap = me.localEndpoint();
        demoOptions.joinInterval = 50ms;
        demoOptions.churnInterval = 0ms;
        demoOptions.filesPerPeer = 1;
        demoOptions.maxFileSize = 256 * 1024;
        demoOptions.chord = quickChord();
        session::DemoNetwork demo(demoOptions, m_clock, m_random);
        demo.start();
        MainWindow window(me, AppSettings{});
        window.setView(MainWindow::View::Transfers);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(demo.peer(0) && demo.peer(0)->isJoined() && demo.peer(0)->isHashingDone() &&
                                     !demo.sampleFiles(0).isEmpty(),
                                 20'000);
        const QString sample = demo.sampleFiles(0).first();
        const auto rows = demo.peer(0)->sharedFiles();
        const auto file = std::find_if(rows.begin(), rows.end(),
                                       [&](const session::SharedFileRow& f) { return f.path == sample; });
        QVERIFY(file != rows.end());
        window.startDownload(share::Link{file->contentId, QFileInfo(sample).fileName(), file->size});

        TransfersModel& transfers = window.transfersPage()->model();
        QTRY_VERIFY_WITH_TIMEOUT(transfers.rowCount() == 1 && transfers.rowAt(0).status.state ==
                                                                  transfer::DownloadStatus::State::Failed,
                                 20'000);
        const QString cannotCreate = QStringLiteral("Der Download-Ordner %1 kann nicht angelegt werden.")
                                         .arg(QDir::toNativeSeparators(options.downloadDir));
        QVERIFY(isGerman(window.messageText(), cannotCreate));
        QVERIFY(isGerman(transfers.index(0, TransfersModel::State).data().toString(), cannotCreate));
        me.stop([](bool) {});
    }
};

QTEST_MAIN(TestGermanCore)
#include "tst_germancore.moc"
