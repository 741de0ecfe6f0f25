// Tests for TransferManager over real loopback TCP and the threaded disk worker: one source and a chain of
// them, many downloaders behind one address, cancels racing the worker, restarts from the resume state,
// hostile names. The cases that only needed time to pass are in tst_transfertime, on the simulator.
#include "base/manualclock.h"
#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "share/library.h"
#include "share/link.h"
#include "testfiles.h"
#include "transfer/partfile.h"
#include "transfer/resumestore.h"
#include "transfer/transfermanager.h"
#include "transferpeer.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ringshare;
using namespace ringshare::transfer;

namespace {

using Peer = TransferPeer;

// A new transfer manager for `peer`, as after a restart: same identity and library, downloads going to
// `downloadDir` with their maps in `stateDir`.
bool restartManager(Peer& peer, const QString& downloadDir, const QString& stateDir) {
    peer.manager.reset();
    TransferOptions options;
    options.downloadDir = downloadDir;
    options.stateDir = stateDir;
    peer.manager = std::make_unique<TransferManager>(peer.identity->clone(), *peer.library, peer.clock,
                                                     peer.random, options);
    return peer.manager->listen(QHostAddress::LocalHost, 0).ok();
}

qint64 doneOf(const Peer& peer, const share::ContentId& id) {
    const auto status = peer.manager->downloadStatus(id);
    return status ? status->done : -1;
}

// Starts downloading `link` from `source` and waits until at least `bytes` of it are verified.
bool downloadPart(Peer& peer, const share::Link& link, const Peer& source, qint64 bytes) {
    if (!peer.manager->download(link).ok())
        return false;
    peer.manager->addSource(link.id, source.address());
    return QTest::qWaitFor([&] { return doneOf(peer, link.id) >= bytes; }, 20'000);
}

QString waitForDownload(Peer& peer, const share::ContentId& id, int timeoutMs = 30'000) {
    QString path;
    QObject context;
    QObject::connect(peer.manager.get(), &TransferManager::downloadFinished, &context,
                     [&](const share::ContentId& finished, const QString& where) {
                         if (finished == id)
                             path = where;
                     });
    (void)QTest::qWaitFor([&] { return !path.isEmpty() || !peer.manager->isDownloading(id); }, timeoutMs);
    if (path.isEmpty())
        if (const auto status = peer.manager->downloadStatus(id); status && !status->path.isEmpty())
            path = status->path;
    return path;
}

} // namespace

class TestTransfer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    void downloadsFromOneSourceAndBecomesASource() {
        Peer seeder, first, second;
        QVERIFY(seeder.listening && first.listening && second.listening);
        const QByteArray data = patterned(3 * 1024 * 1024 + 12345, 1);
        const share::Link link = seeder.share(QStringLiteral("holiday video.mkv"), data);
        QVERIFY(!link.id.isNull());

        QVERIFY(first.manager->download(link).ok());
        first.manager->addSource(link.id, seeder.address());
        const QString path = waitForDownload(first, link.id);
        QVERIFY2(!path.isEmpty(), "the download did not finish");
        QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("holiday video.mkv"));
        QCOMPARE(QFileInfo(path).path(), QFileInfo(first.downloads.path()).absoluteFilePath());
        QCOMPARE(readFile(path), data);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".part")));
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(first.dataPath, link.id)));
        QVERIFY(first.library->fileFor(link.id).has_value());
        QCOMPARE(first.manager->stats().badChunks, 0);

        // The seeder leaves; the first downloader now serves the second.
        seeder.manager.reset();
        QVERIFY(second.manager->download(link).ok());
        second.manager->addSource(link.id, first.address());
        const QString again = waitForDownload(second, link.id);
        QVERIFY(!again.isEmpty());
        QCOMPARE(readFile(again), data);
        QVERIFY(first.manager->stats().bytesUploaded >= data.size());
    }

    // A source behind NAT has no address to dial: the downloader asks it (here straight, in the app through
    // its rendezvous) to connect, and the connection it opens carries the download.
    void aSourceKnownByItsRendezvousConnectsHereAndServes() {
        Peer seeder, downloader;
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(2 * 1024 * 1024 + 777, 5);
        const share::Link link = seeder.share(QStringLiteral("from home.bin"), data);
        QVERIFY(!link.id.isNull());
        QList<PeerAddress> asked;
        downloader.manager->setReverseConnector([&](const PeerAddress& peer) {
            asked.append(peer);
            seeder.manager->connectTo(downloader.address());
        });
        const net::NodeRef rendezvous{NodeId::fromInteger(99), {QHostAddress::LocalHost, 9}};
        const PeerAddress behindNat{{}, 0, seeder.identity->nodeId(), rendezvous};

        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, behindNat);
        downloader.manager->addSource(link.id, behindNat); // asked once, not again at once
        const QString path = waitForDownload(downloader, link.id);
        QVERIFY2(!path.isEmpty(), "the download did not finish");
        QCOMPARE(readFile(path), data);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first(), behindNat);
        QVERIFY(seeder.manager->stats().bytesUploaded >= data.size());
    }

    void awaitedPeersAreAskedAgainOnlyAfterAWhile() {
        ManualClock clock;
        AwaitedPeers awaited(clock);
        const NodeId peer = NodeId::fromInteger(4);
        const share::ContentId one = share::Manifest::contentIdFor(1, "one");
        const share::ContentId two = share::Manifest::contentIdFor(2, "two");
        QVERIFY(awaited.await(peer, one));
        QVERIFY(!awaited.await(peer, two));
        clock.advance(AwaitedPeers::kAskInterval);
        QVERIFY(awaited.await(peer, one));
        QCOMPARE(awaited.arrived(peer), (QList<share::ContentId>{one, two}));
        QVERIFY(awaited.arrived(peer).isEmpty());
        QVERIFY(awaited.await(peer, one));
        clock.advance(AwaitedPeers::kWait);
        awaited.forgetStale();
        QCOMPARE(awaited.count(), 0);
    }

    void downloadsAgainOnceTheFinishedFileIsNoLongerShared() {
        // Found by bench_soak: a finished download stayed in place after its file was unshared and
        // deleted, so the same content could never be downloaded again (download() said yes and did
        // nothing) and the deleted file stayed open.
        Peer seeder, downloader;
        const QByteArray data = patterned(512 * 1024 + 77, 9);
        const share::Link link = seeder.share(QStringLiteral("again.bin"), data);
        QVERIFY(!link.id.isNull());
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString first = waitForDownload(downloader, link.id);
        QVERIFY(!first.isEmpty());

        const QString shared = QFileInfo(first).canonicalFilePath();
        downloader.library->remove(shared);
        QVERIFY(QFile::remove(shared));
        QVERIFY(!downloader.manager->downloadStatus(link.id).has_value());

        QVERIFY(downloader.manager->download(link).ok());
        QVERIFY(downloader.manager->isDownloading(link.id));
        downloader.manager->addSource(link.id, seeder.address());
        const QString second = waitForDownload(downloader, link.id);
        QVERIFY2(!second.isEmpty(), "the second download did not finish");
        QCOMPARE(readFile(second), data);
        QVERIFY(downloader.library->fileFor(link.id).has_value());
    }

    // Everyone here dials from 127.0.0.1, like peers behind one NAT address: more of them than the seeder
    // takes unfinished handshakes from one source at once (TransferOptions::maxHandshakesPerSource) dial
    // it in the same instant. Those turned away dial again at the next tick, and every download finishes.
    void manyDownloadersBehindOneAddress() {
        const QByteArray data = patterned(1024 * 1024, 13);
        Peer seeder;
        const share::Link link = seeder.share(QStringLiteral("popular.ogg"), data);
        constexpr int kDownloaders = 12;
        QVERIFY(kDownloaders > TransferOptions().maxHandshakesPerSource);
        std::vector<std::unique_ptr<Peer>> downloaders;
        for (int i = 0; i < kDownloaders; ++i) {
            downloaders.push_back(std::make_unique<Peer>());
            QVERIFY(downloaders.back()->manager->download(link).ok());
        }
        for (const auto& downloader : downloaders)
            downloader->manager->addSource(link.id, seeder.address());
        for (const auto& downloader : downloaders) {
            const QString path = waitForDownload(*downloader, link.id);
            QVERIFY(!path.isEmpty());
            QCOMPARE(readFile(path), data);
        }
        qInfo("%d connections turned away at first", seeder.manager->stats().connectionsRefused);
    }

    void cancelWhileCheckingWhatAnEarlierRunLeft() {
        const QByteArray data = patterned(6 * 1024 * 1024, 10);
        Peer seeder;
        const share::Link link = seeder.share(QStringLiteral("second thoughts.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QTemporaryDir downloaderData, downloadDir;
        Peer downloader({}, downloaderData.path());
        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QVERIFY(downloadPart(downloader, link, seeder, 1024 * 1024));

        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QVERIFY(downloader.manager->download(link).ok());
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::Checking);
        downloader.manager->cancelDownload(link.id);
        QVERIFY(!downloader.manager->isDownloading(link.id));
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
        // The check finishes into nothing, and the files go right after it.
        QTRY_VERIFY(QDir(downloadDir.path()).isEmpty(QDir::Files | QDir::Hidden));
        QTRY_VERIFY(!QFileInfo::exists(ResumeStore::statePath(downloaderData.path(), link.id)));
        QVERIFY(!downloader.manager->downloadStatus(link.id));
    }

    void cancelledDownloadWithoutAManifestIsForgotten() {
        Peer seeder;
        const share::Link link =
            seeder.share(QStringLiteral("changed my mind.bin"), patterned(64 * 1024, 12));
        QTemporaryDir downloaderData, downloadDir;
        Peer downloader({}, downloaderData.path());
        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QVERIFY(downloader.manager->download(link).ok());
        QTRY_VERIFY(QFileInfo::exists(ResumeStore::pendingPath(downloaderData.path(), link.id)));
        downloader.manager->cancelDownload(link.id);
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
        QTRY_VERIFY(!QFileInfo::exists(ResumeStore::pendingPath(downloaderData.path(), link.id)));
        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
    }

    // What a restart reads back is checked like anything else on disk: a damaged or mismatched pending link
    // is skipped, never fatal.
    void damagedPendingLinksAreSkipped() {
        QTemporaryDir stateDir;
        const share::Link good{share::ContentId::fromHex(QString(64, u'a')).value(), QStringLiteral("a.bin"),
                               5};
        const share::Link other{share::ContentId::fromHex(QString(64, u'b')).value(), QStringLiteral("b.bin"),
                                7};
        QVERIFY(ResumeStore::savePending(stateDir.path(), good, true).ok());
        const auto read = ResumeStore::readPending(stateDir.path(), good.id);
        QVERIFY(read.ok());
        QCOMPARE(read->link, good);
        QVERIFY(read->paused);
        // Another content's link under this one's name, and bytes that are no link at all.
        QVERIFY(ResumeStore::savePending(stateDir.path(), other, false).ok());
        QVERIFY(QFile::remove(ResumeStore::pendingPath(stateDir.path(), good.id)));
        QVERIFY(QFile::rename(ResumeStore::pendingPath(stateDir.path(), other.id),
                              ResumeStore::pendingPath(stateDir.path(), good.id)));
        QVERIFY(!ResumeStore::readPending(stateDir.path(), good.id).ok());
        writeFile(ResumeStore::pendingPath(stateDir.path(), other.id),
                  "{\"format\":1,\"link\":\"ringshare:?xt=zz\"}");
        QVERIFY(!ResumeStore::readPending(stateDir.path(), other.id).ok());
        QCOMPARE(ResumeStore::pendingIn(stateDir.path()).size(), 2);

        Peer downloader({}, stateDir.path());
        QVERIFY(restartManager(downloader, stateDir.path(), stateDir.path()));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("aaaa.link: it names another content")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("bbbb.link: xt is not a content id")));
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
    }

    void namesFromTheNetworkStayInTheDownloadFolder() {
        const QByteArray data = patterned(100 * 1024, 5);
        Peer seeder, downloader;
        const share::Link shared = seeder.share(QStringLiteral("innocent.txt"), data);
        // A link can carry any name; it never leads outside the download folder.
        share::Link hostile = shared;
        hostile.name = QStringLiteral("../../.bashrc");
        writeFile(downloader.downloads.filePath(QStringLiteral(".bashrc")), "already here");
        QVERIFY(downloader.manager->download(hostile).ok());
        downloader.manager->addSource(shared.id, seeder.address());
        const QString path = waitForDownload(downloader, shared.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(QFileInfo(path).path(), QFileInfo(downloader.downloads.path()).absoluteFilePath());
        QVERIFY(!QFileInfo(path).fileName().contains(QLatin1Char('/')));
        QCOMPARE(readFile(path), data);
        QCOMPARE(readFile(downloader.downloads.filePath(QStringLiteral(".bashrc"))),
                 QByteArray("already here"));
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
