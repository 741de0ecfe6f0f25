// The cases of tst_transfer that only needed time to pass (slow uploads, pauses, restarts part-way, rates,
// waits for what must not happen): the real TransferManagers on the simulated network and a ManualClock,
// so a wait costs no wall time and every run replays the same.
#include "crypto/cryptoinit.h"
#include "share/library.h"
#include "share/link.h"
#include "simpeer.h"
#include "transfer/resumestore.h"
#include "transfer/transfermanager.h"

#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <fcntl.h>
#include <sys/stat.h>

using namespace ringshare;
using namespace ringshare::transfer;
using namespace std::chrono_literals;

namespace {

// Starts downloading `link` from `source` and runs until at least `bytes` of it are verified.
bool downloadPart(SimPeer& peer, const share::Link& link, const SimPeer& source, qint64 bytes) {
    if (!peer.manager->download(link).ok())
        return false;
    peer.manager->addSource(link.id, source.address());
    return peer.world.runUntil([&] { return peer.done(link.id) >= bytes; }, 20'000ms);
}

// The paused flag the resume map on disk holds.
bool mapSaysPaused(const QString& stateDir, const share::ContentId& id) {
    return QJsonDocument::fromJson(readFile(ResumeStore::statePath(stateDir, id)))
        .object()
        .value(QStringLiteral("paused"))
        .toBool();
}

// What QTRY_VERIFY gave the real-socket versions: five seconds.
constexpr Millis kTry = 5000ms;

} // namespace

class TestTransferTime : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    void pullsFromSeveralSourcesAtOnce() {
        SimWorld world;
        const QByteArray data = patterned(8 * 1024 * 1024, 2);
        SimPeer a(world, 1), b(world, 2), c(world, 3), downloader(world, 4);
        const share::Link link = a.share(QStringLiteral("big.iso"), data);
        QCOMPARE(b.share(QStringLiteral("copy.iso"), data).id, link.id);
        QCOMPARE(c.share(QStringLiteral("other name.iso"), data).id, link.id);
        // Slow sources, so that no one of them can serve the whole file before the others join in.
        for (SimPeer* source : {&a, &b, &c})
            source->manager->setUploadLimit(2 * 1024 * 1024);

        QVERIFY(downloader.manager->download(link).ok());
        for (SimPeer* source : {&a, &b, &c})
            downloader.manager->addSource(link.id, source->address());
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        for (SimPeer* source : {&a, &b, &c})
            QVERIFY2(source->manager->stats().bytesUploaded >= 256 * 1024, "every source served chunks");
    }

    void bypassesASourceThatServesCorruptChunks() {
        SimWorld world;
        const QByteArray data = patterned(4 * 1024 * 1024, 3);
        SimPeer honest(world, 1), liar(world, 2), downloader(world, 3);
        const share::Link link = honest.share(QStringLiteral("report.pdf"), data);
        QCOMPARE(liar.share(QStringLiteral("report.pdf"), data).id, link.id);
        // The liar's file changes on disk behind its library's back (same size and time): it now serves
        // bytes that do not match the manifest it announced.
        const QString liarPath = liar.shared.filePath(QStringLiteral("report.pdf"));
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(liarPath).constData(), &before), 0);
        QByteArray corrupt = data;
        for (qsizetype i = 0; i < corrupt.size(); i += 4096)
            corrupt[i] = char(corrupt[i] ^ 0x5a);
        writeFile(liarPath, corrupt);
        const struct timespec times[2] = {before.st_atim, before.st_mtim};
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(liarPath).constData(), times, 0), 0);
        // The honest source is slower, so the liar surely gets asked for chunks.
        honest.manager->setUploadLimit(1024 * 1024);

        QSignalSpy dropped(downloader.manager.get(), &TransferManager::peerDropped);
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, liar.address());
        downloader.manager->addSource(link.id, honest.address());
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        QVERIFY(downloader.manager->stats().badChunks >= 1);
        QVERIFY(!dropped.isEmpty());
        QCOMPARE(dropped.first().first().value<NodeId>(), liar.identity->nodeId());
    }

    void resumesAfterTheDownloaderStops() {
        SimWorld world;
        const QByteArray data = patterned(6 * 1024 * 1024, 4);
        SimPeer seeder(world, 1);
        const share::Link link = seeder.share(QStringLiteral("resume me.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QTemporaryDir downloaderData;
        qint64 doneBeforeStop = 0;
        QString downloadDir;
        {
            SimPeer downloader(world, 2, {}, downloaderData.path());
            downloader.downloads.setAutoRemove(false);
            downloadDir = downloader.downloads.path();
            QVERIFY(downloader.manager->download(link).ok());
            downloader.manager->addSource(link.id, seeder.address());
            QVERIFY(world.runUntil([&] { return downloader.done(link.id) >= 2 * 1024 * 1024; }, 20'000ms));
            doneBeforeStop = downloader.done(link.id);
            QVERIFY(doneBeforeStop < data.size());
        } // the downloader stops here, its part file and resume map left behind
        QVERIFY(QFileInfo::exists(ResumeStore::statePath(downloaderData.path(), link.id)));

        SimPeer restarted(world, 2, {}, downloaderData.path());
        // Point the new run at the same download folder.
        QVERIFY(restarted.restart(downloadDir, downloaderData.path()));
        QVERIFY(restarted.manager->download(link).ok());
        // The chunks on disk are checked by the disk worker first.
        QCOMPARE(restarted.manager->downloadStatus(link.id)->state, DownloadStatus::State::Checking);
        QVERIFY(world.runUntil(
            [&] {
                return restarted.manager->downloadStatus(link.id)->state != DownloadStatus::State::Checking;
            },
            kTry));
        const qint64 resumedAt = restarted.done(link.id);
        QVERIFY2(resumedAt >= doneBeforeStop - 1024 * 1024,
                 qPrintable(QStringLiteral("resumed at %1 of %2").arg(resumedAt).arg(doneBeforeStop)));
        restarted.manager->addSource(link.id, seeder.address());
        const QString path = restarted.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        // Only what was missing came over the network the second time.
        QCOMPARE(restarted.manager->stats().bytesDownloaded, data.size() - resumedAt);
        QDir(downloadDir).removeRecursively();
    }

    void pauseStopsProgressAndResumeCompletes() {
        SimWorld world;
        const QByteArray data = patterned(6 * 1024 * 1024, 7);
        SimPeer seeder(world, 1), downloader(world, 2), other(world, 3);
        const share::Link link = seeder.share(QStringLiteral("paused.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QVERIFY(downloadPart(downloader, link, seeder, 1024 * 1024));

        QSignalSpy progress(downloader.manager.get(), &TransferManager::downloadProgress);
        downloader.manager->pauseDownload(link.id);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().value<DownloadStatus>().state, DownloadStatus::State::Paused);
        // The map is saved by the disk worker, after the chunks queued before it.
        QVERIFY(world.runUntil([&] { return mapSaysPaused(downloader.dataPath, link.id); }, kTry));
        // Chunks that were being checked when it paused may still land; after that, nothing.
        world.runFor(500ms);
        const qint64 pausedAt = downloader.done(link.id);
        world.runFor(1000ms);
        QCOMPARE(downloader.done(link.id), pausedAt);
        QVERIFY(pausedAt < data.size());
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::Paused);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->rate, 0);
        QVERIFY(downloader.manager->isDownloading(link.id));

        // Paused, it still serves the chunks it has.
        QVERIFY(downloadPart(other, link, downloader, pausedAt));

        downloader.manager->resumeDownload(link.id);
        QVERIFY(world.runUntil([&] { return !mapSaysPaused(downloader.dataPath, link.id); }, kTry));
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
    }

    void cancelRemovesThePartFileAndTheMap() {
        SimWorld world;
        const QByteArray data = patterned(6 * 1024 * 1024, 8);
        SimPeer seeder(world, 1), downloader(world, 2);
        const share::Link link = seeder.share(QStringLiteral("unwanted.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QVERIFY(downloadPart(downloader, link, seeder, 1024 * 1024));
        const QStringList parts = QDir(downloader.downloads.path()).entryList({QStringLiteral("*.part")});
        QCOMPARE(parts.size(), 1);
        QVERIFY(QFileInfo::exists(ResumeStore::statePath(downloader.dataPath, link.id)));

        QSignalSpy cancelled(downloader.manager.get(), &TransferManager::downloadCancelled);
        downloader.manager->cancelDownload(link.id);
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(cancelled.first().first().value<share::ContentId>(), link.id);
        QVERIFY(!downloader.manager->downloadStatus(link.id));
        QVERIFY(!downloader.manager->isDownloading(link.id));
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
        // Chunks that were being checked by the disk worker come back to nothing and write nothing.
        world.runFor(500ms);
        QVERIFY(QDir(downloader.downloads.path()).isEmpty(QDir::Files | QDir::Hidden));
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(downloader.dataPath, link.id)));
        // The connection was only for this download.
        QVERIFY(world.runUntil([&] { return downloader.manager->connectionCount() == 0; }, kTry));
        QCOMPARE(downloader.manager->connectionCount(), 0);

        // Asked again, it starts afresh.
        seeder.manager->setUploadLimit(0);
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
    }

    void pausedDownloadStaysPausedAfterARestart() {
        SimWorld world;
        const QByteArray data = patterned(6 * 1024 * 1024, 9);
        SimPeer seeder(world, 1);
        const share::Link link = seeder.share(QStringLiteral("later.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QTemporaryDir downloaderData, downloadDir;
        SimPeer downloader(world, 2, {}, downloaderData.path());
        QVERIFY(downloader.restart(downloadDir.path(), downloaderData.path()));
        QVERIFY(downloadPart(downloader, link, seeder, 1024 * 1024));
        downloader.manager->pauseDownload(link.id);
        world.runFor(500ms);
        const qint64 pausedAt = downloader.done(link.id);

        QVERIFY(downloader.restart(downloadDir.path(), downloaderData.path()));
        const QList<share::Link> unfinished = downloader.manager->unfinishedDownloads();
        QCOMPARE(unfinished.size(), 1);
        QCOMPARE(unfinished.first().id, link.id);
        QCOMPARE(unfinished.first().size, data.size());
        QVERIFY(downloader.manager->download(unfinished.first()).ok());
        QVERIFY(world.runUntil(
            [&] {
                return downloader.manager->downloadStatus(link.id)->state == DownloadStatus::State::Paused;
            },
            kTry));
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::Paused);
        QCOMPARE(downloader.done(link.id), pausedAt);
        // A source it hears of is remembered, not asked, until the download is resumed.
        downloader.manager->addSource(link.id, seeder.address());
        world.runFor(500ms);
        QCOMPARE(downloader.done(link.id), pausedAt);

        downloader.manager->resumeDownload(link.id);
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        QCOMPARE(downloader.manager->stats().bytesDownloaded, data.size() - pausedAt);
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
    }

    // A download asked for before any source answered has no manifest and so no map; its link is kept, so a
    // restart picks it up (paused, as it was left), and it goes on once a source turns up.
    void downloadWithoutAManifestSurvivesARestart() {
        SimWorld world;
        const QByteArray data = patterned(3 * 1024 * 1024, 11);
        SimPeer seeder(world, 1);
        const share::Link link = seeder.share(QStringLiteral("nobody has it yet.bin"), data);
        QTemporaryDir downloaderData, downloadDir;
        SimPeer downloader(world, 2, {}, downloaderData.path());
        QVERIFY(downloader.restart(downloadDir.path(), downloaderData.path()));
        QVERIFY(downloader.manager->download(link).ok());
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::FindingSources);
        downloader.manager->pauseDownload(link.id);

        QVERIFY(downloader.restart(downloadDir.path(), downloaderData.path()));
        QCOMPARE(downloader.manager->unfinishedDownloads(), QList<share::Link>{link});
        QVERIFY(downloader.manager->download(downloader.manager->unfinishedDownloads().first()).ok());
        QVERIFY(downloader.manager->isPaused(link.id));
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::Paused);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->name, link.name);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->total, data.size());
        // Paused, a source is only remembered.
        downloader.manager->addSource(link.id, seeder.address());
        world.runFor(300ms);
        QCOMPARE(downloader.manager->connectionCount(), 0);
        QVERIFY(QDir(downloadDir.path()).isEmpty(QDir::Files | QDir::Hidden));

        // Resumed, and restarted once more, it is running; the source finishes it.
        downloader.manager->resumeDownload(link.id);
        QVERIFY(downloader.restart(downloadDir.path(), downloaderData.path()));
        QCOMPARE(downloader.manager->unfinishedDownloads().size(), 1);
        QVERIFY(downloader.manager->download(link).ok());
        QVERIFY(!downloader.manager->isPaused(link.id));
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        // The map took over from the link, and went with the finish.
        QVERIFY(world.runUntil(
            [&] { return !QFileInfo::exists(ResumeStore::pendingPath(downloaderData.path(), link.id)); },
            kTry));
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
    }

    void uploadsListWhatIsBeingServed() {
        SimWorld world;
        const QByteArray data = patterned(4 * 1024 * 1024, 10);
        SimPeer seeder(world, 1), downloader(world, 2);
        const share::Link link = seeder.share(QStringLiteral("served.bin"), data);
        seeder.manager->setUploadLimit(2 * 1024 * 1024);
        QVERIFY(seeder.manager->uploads().isEmpty());
        QVERIFY(downloadPart(downloader, link, seeder, 512 * 1024));

        const QList<UploadStatus> serving = seeder.manager->uploads();
        QCOMPARE(serving.size(), 1);
        QCOMPARE(serving.first().id, link.id);
        QCOMPARE(serving.first().name, QStringLiteral("served.bin"));
        QCOMPARE(serving.first().peers, 1);
        QVERIFY(serving.first().uploaded > 0);
        QVERIFY(serving.first().rate > 0);
        QVERIFY(seeder.manager->uploadRate() > 0);
        QVERIFY(downloader.manager->downloadRate() > 0);
        QVERIFY(downloader.manager->uploads().isEmpty());

        QVERIFY(!downloader.waitFinished(link.id, 30'000ms).isEmpty());
        const QList<UploadStatus> served = seeder.manager->uploads();
        QCOMPARE(served.size(), 1);
        QVERIFY(served.first().uploaded >= data.size());
    }

    void refusesPeersThatAreNotWhoTheyClaim() {
        SimWorld world;
        const QByteArray data = patterned(300 * 1024, 6);
        SimPeer seeder(world, 1), downloader(world, 2);
        const share::Link link = seeder.share(QStringLiteral("a.bin"), data);
        QSignalSpy failed(downloader.manager.get(), &TransferManager::peerDropped);
        QVERIFY(downloader.manager->download(link).ok());
        PeerAddress impostor = seeder.address();
        impostor.id = NodeId::fromInteger(42); // the address is the seeder's, the identity is not
        downloader.manager->addSource(link.id, impostor);
        world.runFor(500ms);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->done, 0);
        QCOMPARE(downloader.manager->connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTransferTime)
#include "tst_transfertime.moc"
