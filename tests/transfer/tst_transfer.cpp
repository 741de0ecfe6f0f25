#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "share/library.h"
#include "share/link.h"
#include "transfer/partfile.h"
#include "transfer/transfermanager.h"

#include <QFile>
#include <QRandomGenerator>
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

// One peer: its own data folder, download folder, library and transfer manager, on a real loopback port.
struct Peer {
    explicit Peer(TransferOptions options = {}, const QString& dataDir = {}) {
        if (!dataDir.isEmpty())
            dataPath = dataDir;
        else
            dataPath = data.path();
        identity.emplace(crypto::Identity::loadOrCreate(dataPath).value());
        library = std::make_unique<share::Library>(identity->clone(), dataPath, clock);
        options.downloadDir = downloads.path();
        options.stateDir = dataPath;
        manager = std::make_unique<TransferManager>(identity->clone(), *library, clock, random, options);
        listening = manager->listen(QHostAddress::LocalHost, 0).ok();
    }

    [[nodiscard]] PeerAddress address() const {
        return {QHostAddress::LocalHost, manager->listenPort(), identity->nodeId()};
    }

    // Shares `data` as `name` and waits until it is hashed; returns its link.
    share::Link share(const QString& name, const QByteArray& data) {
        const QString path = shared.filePath(name);
        writeFile(path, data);
        if (!library->add(path).ok() || !QTest::qWaitFor([&] { return library->isIdle(); }, 10'000))
            return {};
        for (const share::SharedFile& file : library->files())
            if (file.path.endsWith(name))
                return share::Link{file.id(), name, file.size};
        return {};
    }

    QTemporaryDir data, downloads, shared;
    QString dataPath;
    SystemClock clock;
    crypto::SecureRandom random;
    std::optional<crypto::Identity> identity;
    std::unique_ptr<share::Library> library;
    std::unique_ptr<TransferManager> manager;
    bool listening = false;
};

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
        QVERIFY(!QFileInfo::exists(PartFile::statePath(first.dataPath, link.id)));
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
        QVERIFY(QFileInfo::exists(PartFile::statePath(downloaderData.path(), link.id)));

        Peer restarted({}, downloaderData.path());
        restarted.downloads.setAutoRemove(false);
        TransferOptions options;
        // Point the new run at the same download folder.
        restarted.manager.reset();
        options.downloadDir = downloadDir;
        options.stateDir = downloaderData.path();
        restarted.manager = std::make_unique<TransferManager>(restarted.identity->clone(), *restarted.library,
                                                              restarted.clock, restarted.random, options);
        QVERIFY(restarted.manager->listen(QHostAddress::LocalHost, 0).ok());
        QVERIFY(restarted.manager->download(link).ok());
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
