// The facade the desktop app and the headless node use, with two real sessions on loopback.
#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "session/session.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace ringshare;
using namespace ringshare::session;
using namespace std::chrono_literals;

namespace {

SessionOptions quickOptions(const QString& dataDir, const QString& downloadDir) {
    SessionOptions options;
    options.dataDir = dataDir;
    options.downloadDir = downloadDir;
    options.bind = QHostAddress(QHostAddress::LocalHost);
    options.lan = false;
    options.chord.stabilizeInterval = options.chord.fixFingersInterval =
        options.chord.checkPredecessorInterval = 100ms;
    options.chord.rpc.timeout = 200ms;
    options.chord.publishRetryInterval = 500ms;
    options.chord.settleRepublishDelay = 1000ms;
    options.housekeepingInterval = 1000ms;
    return options;
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    void sharesSearchesAndDownloadsBetweenTwoSessions() {
        QTemporaryDir dir;
        const QString shared = dir.filePath(QStringLiteral("shared"));
        QDir().mkpath(shared);
        QByteArray data(3 * 1024 * 1024 + 99, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((i * 7919) >> 3);
        QFile file(shared + QStringLiteral("/Northern Lights Timelapse.mp4"));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(data) == data.size());
        file.close();

        SystemClock clock;
        crypto::SecureRandom random;
        Session a(quickOptions(dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("a-dl"))),
                  clock, random);
        const auto startedA = a.start();
        QVERIFY2(startedA.ok(), qPrintable(startedA.error()));
        QVERIFY(a.port() != 0);
        QVERIFY(a.library().add(shared).ok());
        a.join();
        QVERIFY(a.node().isJoined());

        SessionOptions optionsB =
            quickOptions(dir.filePath(QStringLiteral("b")), dir.filePath(QStringLiteral("b-dl")));
        optionsB.bootstrap = {a.localEndpoint()};
        Session b(optionsB, clock, random);
        QVERIFY(b.start().ok());
        b.join();
        QVERIFY(QTest::qWaitFor([&] { return b.node().isJoined() && a.library().isIdle(); }, 10'000));

        // Search from B until A's records are in place, then download by the result's link.
        std::optional<share::SearchResult> found;
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto search = b.search(QStringLiteral("northern timelapse"), 2000ms);
                QSignalSpy finished(search.get(), &share::Search::finished);
                search->start();
                if (!finished.wait(5000) || search->results().isEmpty())
                    return false;
                found = search->results().first();
                return true;
            },
            20'000));
        QCOMPARE(found->name, QStringLiteral("Northern Lights Timelapse.mp4"));
        QCOMPARE(found->size, data.size());
        QCOMPARE(found->sources, 1);
        QCOMPARE(a.publisher().keywordRecordCount(found->id), 4); // northern, lights, timelapse, mp4

        QSignalSpy finishedDownload(&b.transfers(), &transfer::TransferManager::downloadFinished);
        QVERIFY(b.download(share::Link{found->id, found->name, found->size}).ok());
        QVERIFY(finishedDownload.wait(20'000));
        const QString path = finishedDownload.first().at(1).toString();
        QFile got(path);
        QVERIFY(got.open(QIODevice::ReadOnly));
        QCOMPARE(got.readAll(), data);
        QVERIFY(b.library().fileFor(found->id).has_value()); // and B serves it now

        // Both leave gracefully, remembering their peers for next time.
        bool stoppedA = false, stoppedB = false;
        b.stop([&](bool left) { stoppedB = left; });
        a.stop([&](bool left) { stoppedA = left; });
        QVERIFY(QTest::qWaitFor([&] { return stoppedA && stoppedB; }, 10'000));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("b/peers.json"))));
    }

    void unfinishedDownloadsComeBackAfterARestart() {
        QTemporaryDir dir;
        const QString shared = dir.filePath(QStringLiteral("shared/big.bin"));
        QDir().mkpath(QFileInfo(shared).path());
        QByteArray data(6 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((i * 31) >> 5);
        QFile file(shared);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(data) == data.size());
        file.close();

        SystemClock clock;
        crypto::SecureRandom random;
        SessionOptions optionsA =
            quickOptions(dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("a-dl")));
        optionsA.uploadLimit = 2 * 1024 * 1024; // slow enough to pause half way
        Session a(optionsA, clock, random);
        QVERIFY(a.start().ok());
        QVERIFY(a.library().add(shared).ok());
        a.join();
        QVERIFY(QTest::qWaitFor([&] { return a.library().isIdle(); }, 10'000));
        const share::SharedFile sharedFile = a.library().files().first();
        const share::Link link{sharedFile.id(), QStringLiteral("big.bin"), sharedFile.size};

        SessionOptions optionsB =
            quickOptions(dir.filePath(QStringLiteral("b")), dir.filePath(QStringLiteral("b-dl")));
        optionsB.bootstrap = {a.localEndpoint()};
        {
            Session b(optionsB, clock, random);
            QVERIFY(b.start().ok());
            b.join();
            QVERIFY(QTest::qWaitFor([&] { return b.node().isJoined(); }, 10'000));
            QVERIFY(b.download(link).ok());
            QVERIFY(QTest::qWaitFor([&] { return b.transfers().downloadStatus(link.id)->done > 0; }, 20'000));
            b.pauseDownload(link.id);
            QCOMPARE(b.transfers().downloadStatus(link.id)->state, transfer::DownloadStatus::State::Paused);
        }

        // The next run finds the download where it stopped, still paused, and finishes it once resumed.
        Session b(optionsB, clock, random);
        QVERIFY(b.start().ok());
        b.join();
        QVERIFY(b.transfers().downloadStatus(link.id).has_value());
        QVERIFY(b.transfers().isPaused(link.id));
        // Once the chunks on disk are checked (on the worker thread), it shows as paused.
        QTRY_COMPARE(b.transfers().downloadStatus(link.id)->state, transfer::DownloadStatus::State::Paused);
        QVERIFY(QTest::qWaitFor([&] { return b.node().isJoined(); }, 10'000));
        QSignalSpy finished(&b.transfers(), &transfer::TransferManager::downloadFinished);
        b.resumeDownload(link.id);
        QVERIFY(finished.wait(30'000));
        QFile got(finished.first().at(1).toString());
        QVERIFY(got.open(QIODevice::ReadOnly));
        QCOMPARE(got.readAll(), data);
    }

    void aTakenPortIsAClearError() {
        QUdpSocket squatter;
        QVERIFY(squatter.bind(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        SessionOptions options = quickOptions(dir.filePath(QStringLiteral("d")), dir.path());
        options.port = squatter.localPort();
        SystemClock clock;
        crypto::SecureRandom random;
        Session session(options, clock, random);
        const auto started = session.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().contains(QString::number(options.port)), qPrintable(started.error()));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
