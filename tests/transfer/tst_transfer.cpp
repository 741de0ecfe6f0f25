// Tests for TransferManager over real loopback TCP: one and many sources, corrupt chunks, pause,
// resume, cancel, restarts from the resume state, hostile names, impostors.
#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "share/library.h"
#include "share/link.h"
#include "transfer/partfile.h"
#include "transfer/resumestore.h"
#include "transfer/transfermanager.h"
#include "transferpeer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <fcntl.h>
#include <sys/stat.h>

using namespace ringshare;
using namespace ringshare::transfer;

namespace {

QByteArray patterned(qint64 size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    return data;
}

void writeFile(const QString& path, const QByteArray& data) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

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

// The paused flag the resume map on disk holds.
bool mapSaysPaused(const QString& stateDir, const share::ContentId& id) {
    return QJsonDocument::fromJson(readFile(ResumeStore::statePath(stateDir, id)))
        .object()
        .value(QStringLiteral("paused"))
        .toBool();
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

    void pullsFromSeveralSourcesAtOnce() {
        const QByteArray data = patterned(8 * 1024 * 1024, 2);
        Peer a, b, c, downloader;
        const share::Link link = a.share(QStringLiteral("big.iso"), data);
        QCOMPARE(b.share(QStringLiteral("copy.iso"), data).id, link.id);
        QCOMPARE(c.share(QStringLiteral("other name.iso"), data).id, link.id);
        // Slow sources, so that no one of them can serve the whole file before the others join in.
        for (Peer* source : {&a, &b, &c})
            source->manager->setUploadLimit(2 * 1024 * 1024);

        QVERIFY(downloader.manager->download(link).ok());
        for (Peer* source : {&a, &b, &c})
            downloader.manager->addSource(link.id, source->address());
        const QString path = waitForDownload(downloader, link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        for (Peer* source : {&a, &b, &c})
            QVERIFY2(source->manager->stats().bytesUploaded >= 256 * 1024, "every source served chunks");
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

    void bypassesASourceThatServesCorruptChunks() {
        const QByteArray data = patterned(4 * 1024 * 1024, 3);
        Peer honest, liar, downloader;
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
        const QString path = waitForDownload(downloader, link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        QVERIFY(downloader.manager->stats().badChunks >= 1);
        QVERIFY(!dropped.isEmpty());
        QCOMPARE(dropped.first().first().value<NodeId>(), liar.identity->nodeId());
    }

    void resumesAfterTheDownloaderStops() {
        const QByteArray data = patterned(6 * 1024 * 1024, 4);
        Peer seeder;
        const share::Link link = seeder.share(QStringLiteral("resume me.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QTemporaryDir downloaderData;
        qint64 doneBeforeStop = 0;
        QString downloadDir;
        {
            Peer downloader({}, downloaderData.path());
            downloader.downloads.setAutoRemove(false);
            downloadDir = downloader.downloads.path();
            QVERIFY(downloader.manager->download(link).ok());
            downloader.manager->addSource(link.id, seeder.address());
            QVERIFY(QTest::qWaitFor(
                [&] { return downloader.manager->downloadStatus(link.id)->done >= 2 * 1024 * 1024; },
                20'000));
            doneBeforeStop = downloader.manager->downloadStatus(link.id)->done;
            QVERIFY(doneBeforeStop < data.size());
        } // the downloader stops here, its part file and resume map left behind
        QVERIFY(QFileInfo::exists(ResumeStore::statePath(downloaderData.path(), link.id)));

        Peer restarted({}, downloaderData.path());
        // Point the new run at the same download folder.
        QVERIFY(restartManager(restarted, downloadDir, downloaderData.path()));
        QVERIFY(restarted.manager->download(link).ok());
        // The chunks on disk are checked on the worker thread first.
        QCOMPARE(restarted.manager->downloadStatus(link.id)->state, DownloadStatus::State::Checking);
        QTRY_VERIFY(restarted.manager->downloadStatus(link.id)->state != DownloadStatus::State::Checking);
        const qint64 resumedAt = restarted.manager->downloadStatus(link.id)->done;
        QVERIFY2(resumedAt >= doneBeforeStop - 1024 * 1024,
                 qPrintable(QStringLiteral("resumed at %1 of %2").arg(resumedAt).arg(doneBeforeStop)));
        restarted.manager->addSource(link.id, seeder.address());
        const QString path = waitForDownload(restarted, link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        // Only what was missing came over the network the second time.
        QCOMPARE(restarted.manager->stats().bytesDownloaded, data.size() - resumedAt);
        QDir(downloadDir).removeRecursively();
    }

    void pauseStopsProgressAndResumeCompletes() {
        const QByteArray data = patterned(6 * 1024 * 1024, 7);
        Peer seeder, downloader, other;
        const share::Link link = seeder.share(QStringLiteral("paused.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QVERIFY(downloadPart(downloader, link, seeder, 1024 * 1024));

        QSignalSpy progress(downloader.manager.get(), &TransferManager::downloadProgress);
        downloader.manager->pauseDownload(link.id);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().value<DownloadStatus>().state, DownloadStatus::State::Paused);
        // The map is saved on the worker thread, after the chunks queued before it.
        QTRY_VERIFY(mapSaysPaused(downloader.dataPath, link.id));
        // Chunks that were being checked when it paused may still land; after that, nothing.
        QTest::qWait(500);
        const qint64 pausedAt = doneOf(downloader, link.id);
        QTest::qWait(1000);
        QCOMPARE(doneOf(downloader, link.id), pausedAt);
        QVERIFY(pausedAt < data.size());
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::Paused);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->rate, 0);
        QVERIFY(downloader.manager->isDownloading(link.id));

        // Paused, it still serves the chunks it has.
        QVERIFY(downloadPart(other, link, downloader, pausedAt));

        downloader.manager->resumeDownload(link.id);
        QTRY_VERIFY(!mapSaysPaused(downloader.dataPath, link.id));
        const QString path = waitForDownload(downloader, link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
    }

    void cancelRemovesThePartFileAndTheMap() {
        const QByteArray data = patterned(6 * 1024 * 1024, 8);
        Peer seeder, downloader;
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
        // Chunks that were being checked on the worker thread come back to nothing and write nothing.
        QTest::qWait(500);
        QVERIFY(QDir(downloader.downloads.path()).isEmpty(QDir::Files | QDir::Hidden));
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(downloader.dataPath, link.id)));
        // The connection was only for this download.
        QTRY_COMPARE(downloader.manager->connectionCount(), 0);

        // Asked again, it starts afresh.
        seeder.manager->setUploadLimit(0);
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = waitForDownload(downloader, link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
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

    void pausedDownloadStaysPausedAfterARestart() {
        const QByteArray data = patterned(6 * 1024 * 1024, 9);
        Peer seeder;
        const share::Link link = seeder.share(QStringLiteral("later.bin"), data);
        seeder.manager->setUploadLimit(3 * 1024 * 1024);
        QTemporaryDir downloaderData, downloadDir;
        Peer downloader({}, downloaderData.path());
        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QVERIFY(downloadPart(downloader, link, seeder, 1024 * 1024));
        downloader.manager->pauseDownload(link.id);
        QTest::qWait(500);
        const qint64 pausedAt = doneOf(downloader, link.id);

        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        const QList<share::Link> unfinished = downloader.manager->unfinishedDownloads();
        QCOMPARE(unfinished.size(), 1);
        QCOMPARE(unfinished.first().id, link.id);
        QCOMPARE(unfinished.first().size, data.size());
        QVERIFY(downloader.manager->download(unfinished.first()).ok());
        QTRY_COMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::Paused);
        QCOMPARE(doneOf(downloader, link.id), pausedAt);
        // A source it hears of is remembered, not asked, until the download is resumed.
        downloader.manager->addSource(link.id, seeder.address());
        QTest::qWait(500);
        QCOMPARE(doneOf(downloader, link.id), pausedAt);

        downloader.manager->resumeDownload(link.id);
        const QString path = waitForDownload(downloader, link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        QCOMPARE(downloader.manager->stats().bytesDownloaded, data.size() - pausedAt);
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
    }

    // A download asked for before any source answered has no manifest and so no map; its link is kept, so a
    // restart picks it up (paused, as it was left), and it goes on once a source turns up.
    void downloadWithoutAManifestSurvivesARestart() {
        const QByteArray data = patterned(3 * 1024 * 1024, 11);
        Peer seeder;
        const share::Link link = seeder.share(QStringLiteral("nobody has it yet.bin"), data);
        QTemporaryDir downloaderData, downloadDir;
        Peer downloader({}, downloaderData.path());
        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QVERIFY(downloader.manager->download(link).ok());
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::FindingSources);
        downloader.manager->pauseDownload(link.id);

        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QCOMPARE(downloader.manager->unfinishedDownloads(), QList<share::Link>{link});
        QVERIFY(downloader.manager->download(downloader.manager->unfinishedDownloads().first()).ok());
        QVERIFY(downloader.manager->isPaused(link.id));
        QCOMPARE(downloader.manager->downloadStatus(link.id)->state, DownloadStatus::State::Paused);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->name, link.name);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->total, data.size());
        // Paused, a source is only remembered.
        downloader.manager->addSource(link.id, seeder.address());
        QTest::qWait(300);
        QCOMPARE(downloader.manager->connectionCount(), 0);
        QVERIFY(QDir(downloadDir.path()).isEmpty(QDir::Files | QDir::Hidden));

        // Resumed, and restarted once more, it is running; the source finishes it.
        downloader.manager->resumeDownload(link.id);
        QVERIFY(restartManager(downloader, downloadDir.path(), downloaderData.path()));
        QCOMPARE(downloader.manager->unfinishedDownloads().size(), 1);
        QVERIFY(downloader.manager->download(link).ok());
        QVERIFY(!downloader.manager->isPaused(link.id));
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = waitForDownload(downloader, link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        // The map took over from the link, and went with the finish.
        QTRY_VERIFY(!QFileInfo::exists(ResumeStore::pendingPath(downloaderData.path(), link.id)));
        QVERIFY(downloader.manager->unfinishedDownloads().isEmpty());
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

    void uploadsListWhatIsBeingServed() {
        const QByteArray data = patterned(4 * 1024 * 1024, 10);
        Peer seeder, downloader;
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

        QVERIFY(!waitForDownload(downloader, link.id).isEmpty());
        const QList<UploadStatus> served = seeder.manager->uploads();
        QCOMPARE(served.size(), 1);
        QVERIFY(served.first().uploaded >= data.size());
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

    void refusesPeersThatAreNotWhoTheyClaim() {
        const QByteArray data = patterned(300 * 1024, 6);
        Peer seeder, downloader;
        const share::Link link = seeder.share(QStringLiteral("a.bin"), data);
        QSignalSpy failed(downloader.manager.get(), &TransferManager::peerDropped);
        QVERIFY(downloader.manager->download(link).ok());
        PeerAddress impostor = seeder.address();
        impostor.id = NodeId::fromInteger(42); // the address is the seeder's, the identity is not
        downloader.manager->addSource(link.id, impostor);
        QTest::qWait(500);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->done, 0);
        QCOMPARE(downloader.manager->connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
