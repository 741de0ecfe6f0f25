// Tests for Download, the room that fetches one content: the real Download, piece picker and part file
// against simulated sources, all on a ManualClock (no event loop wait, no socket), so every timing below
// is exact.
#include "crypto/cryptoinit.h"
#include "simswarm.h"
#include "transfer/resumestore.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace ringshare;
using namespace ringshare::transfer;

namespace {

constexpr int kChunk = share::Manifest::kMinChunkSize;
constexpr int kChunks = 10;

QByteArray patterned(qint64 size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    return data;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs the clock event by event until `done` or until `limit` of simulated time has passed.
bool runUntil(ManualClock& clock, const std::function<bool()>& done, Millis limit = Millis(600'000)) {
    const Millis until = clock.now() + limit;
    while (!done() && clock.now() < until)
        if (!clock.runNext())
            break;
    return done();
}

bool isFinished(const SimSwarm& swarm) {
    return swarm.download()->phase() == Download::Phase::Finished;
}

SimSource honest(qint64 rate = 8 * 1024 * 1024) {
    SimSource source;
    source.rate = rate;
    return source;
}

SimSource behaving(SimSource::Behaviour behaviour) {
    SimSource source;
    source.behaviour = behaviour;
    return source;
}

} // namespace

class TestDownload : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TransferOptions m_options;
    QByteArray m_data;

    void verifyFinished(SimSwarm& swarm) {
        QVERIFY(isFinished(swarm));
        QCOMPARE(swarm.download()->status().state, DownloadStatus::State::Finished);
        QVERIFY(!swarm.placedAt.isEmpty());
        QCOMPARE(readFile(swarm.placedAt), m_data);
        QVERIFY(!QFile::exists(ResumeStore::statePath(m_options.stateDir, swarm.link().id)));
        QVERIFY(!QFile::exists(ResumeStore::pendingPath(m_options.stateDir, swarm.link().id)));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(crypto::initialize()); }

    void init() {
        QVERIFY(m_dir.isValid());
        const QString run = QString::fromLatin1(QTest::currentTestFunction());
        m_options.downloadDir = QDir(m_dir.path()).filePath(run + QStringLiteral("/downloads"));
        m_options.stateDir = QDir(m_dir.path()).filePath(run + QStringLiteral("/state"));
        m_data = patterned(qint64(kChunks) * kChunk - 1234, 42);
    }

    void fetchesFromSeveralSourcesAtOnce() {
        ManualClock clock;
        SimSwarm swarm(clock, m_data, QStringLiteral("film.mkv"), m_options);
        QVERIFY(swarm.start().ok());
        QCOMPARE(swarm.download()->phase(), Download::Phase::AwaitingManifest);
        // Until the manifest comes, the link is what survives a crash.
        clock.advance(Millis(0));
        QVERIFY(QFile::exists(ResumeStore::pendingPath(m_options.stateDir, swarm.link().id)));
        SimSource& a = swarm.addSource(honest());
        SimSource& b = swarm.addSource(honest());
        SimSource& c = swarm.addSource(honest());
        QVERIFY(runUntil(clock, [&] { return isFinished(swarm); }));
        verifyFinished(swarm);
        // Every source served some of it, and no chunk was fetched twice: there was no endgame to speak of
        // with three equal sources of which none stalls.
        QVERIFY(!a.requested.isEmpty() && !b.requested.isEmpty() && !c.requested.isEmpty());
        QCOMPARE(swarm.stats().bytesDownloaded, m_data.size());
        QCOMPARE(swarm.stats().badChunks, 0);
        QVERIFY(swarm.dropped.isEmpty());
        // 2.5 MB at 8 MB/s from each of three: well under a second of simulated time.
        QVERIFY2(clock.now() < Millis(1000), qPrintable(QString::number(clock.now().count())));
    }

    void stallIsDetectedAtExactlyTheTimeout() {
        m_options.stallTimeout = Millis(60'000);
        ManualClock clock;
        SimSwarm swarm(clock, m_data, QStringLiteral("stuck.iso"), m_options);
        QVERIFY(swarm.start().ok());
        SimSource silentSource = behaving(SimSource::Behaviour::Silent);
        silentSource.latency = Millis(0);
        SimSource& silent = swarm.addSource(silentSource);
        // Connected, announced, asked for chunks, all at t = 0 (the manifest too, a round trip of 0 ms).
        clock.advanceTo(Millis(0));
        QVERIFY(!silent.requested.isEmpty());
        QCOMPARE(silent.connections, 1);
        clock.advanceTo(Millis(59'999));
        QVERIFY(silent.closedBecause.isEmpty());
        QCOMPARE(swarm.stats().peersStalled, 0);
        // The first stall closes the connection without a ban, and the source is dialled again at once.
        clock.advanceTo(Millis(60'000));
        QCOMPARE(swarm.stats().peersStalled, 1);
        QVERIFY2(
            silent.closedBecause.contains(QStringLiteral("sent nothing of what it was asked for in 60 s")),
            qPrintable(silent.closedBecause));
        QVERIFY(swarm.dropped.isEmpty());
        QCOMPARE(silent.connections, 2);
        // The second stall in the same download drops it for good.
        clock.advanceTo(Millis(119'999));
        QVERIFY(swarm.dropped.isEmpty());
        clock.advanceTo(Millis(120'000));
        QCOMPARE(swarm.stats().peersStalled, 2);
        QCOMPARE(swarm.dropped.size(), 1);
        QVERIFY(swarm.download()->isBanned(silent.id));
        clock.advanceTo(Millis(300'000));
        QCOMPARE(silent.connections, 2);
        // Its chunks go to whoever else comes.
        swarm.addSource(honest());
        QVERIFY(runUntil(clock, [&] { return isFinished(swarm); }));
        verifyFinished(swarm);
    }

    void endgameDoesNotWaitForASlowSource() {
        ManualClock clock;
        SimSwarm swarm(clock, m_data, QStringLiteral("album.flac"), m_options);
        QVERIFY(swarm.start().ok());
        SimSource& fast = swarm.addSource(honest(8 * 1024 * 1024));
        SimSource& slow = swarm.addSource(honest(64 * 1024)); // four seconds a chunk
        QVERIFY(runUntil(clock, [&] { return isFinished(swarm); }));
        verifyFinished(swarm);
        // The slow source's chunks were asked of the fast one too, and withdrawn from the slow one once in.
        QVERIFY(slow.cancels > 0);
        bool askedOfBoth = false;
        for (int index : std::as_const(slow.requested))
            askedOfBoth = askedOfBoth || fast.requested.contains(index);
        QVERIFY(askedOfBoth);
        // Without the endgame the slow source's first chunk alone would take four seconds.
        QVERIFY2(clock.now() < Millis(2000), qPrintable(QString::number(clock.now().count())));
    }

    void corruptChunkDropsItsSourceAndIsFetchedAgain() {
        ManualClock clock;
        SimSwarm swarm(clock, m_data, QStringLiteral("photos.zip"), m_options);
        QVERIFY(swarm.start().ok());
        SimSource& liar = swarm.addSource(behaving(SimSource::Behaviour::CorruptChunk)); // every chunk
        swarm.addSource(honest(2 * 1024 * 1024));
        QVERIFY(runUntil(clock, [&] { return isFinished(swarm); }));
        verifyFinished(swarm);
        QVERIFY(swarm.stats().badChunks >= 1);
        QVERIFY(swarm.stats().bytesWasted >= kChunk);
        QCOMPARE(swarm.dropped.size(), 1);
        QVERIFY2(swarm.dropped.first().contains(QStringLiteral("does not match its hash")),
                 qPrintable(swarm.dropped.first()));
        QVERIFY(swarm.download()->isBanned(liar.id));
        QCOMPARE(liar.connections, 1); // never dialled again
    }

    void sourceThatVanishesMidChunk() {
        ManualClock clock;
        SimSwarm swarm(clock, m_data, QStringLiteral("talk.webm"), m_options);
        QVERIFY(swarm.start().ok());
        SimSource& flaky = swarm.addSource(behaving(SimSource::Behaviour::VanishMidChunk)); // every chunk
        swarm.addSource(honest(2 * 1024 * 1024));
        QVERIFY(runUntil(clock, [&] { return isFinished(swarm); }));
        verifyFinished(swarm);
        // A broken connection is no offence: the source is dialled again, and its half chunks are asked of
        // others; nothing half-received is written.
        QCOMPARE(flaky.closedBecause, QStringLiteral("the peer closed the connection"));
        QVERIFY(flaky.connections >= 2);
        QVERIFY(swarm.dropped.isEmpty());
        QCOMPARE(swarm.stats().badChunks, 0);
    }

    void pauseStopsAskingAndResumeFinishes() {
        ManualClock clock;
        SimSwarm swarm(clock, m_data, QStringLiteral("course.mp4"), m_options);
        QVERIFY(swarm.start().ok());
        SimSource& source = swarm.addSource(honest(1024 * 1024));
        QVERIFY(runUntil(clock, [&] { return swarm.download()->have().count(true) >= 3; }));
        swarm.download()->pause();
        QCOMPARE(swarm.download()->phase(), Download::Phase::Paused);
        QCOMPARE(swarm.download()->status().state, DownloadStatus::State::Paused);
        QCOMPARE(swarm.download()->status().rate, 0);
        QVERIFY(source.cancels > 0); // what was in flight is withdrawn
        const qsizetype asked = source.requested.size();
        clock.advance(Millis(30'000));
        QCOMPARE(source.requested.size(), asked);
        QVERIFY(!isFinished(swarm));
        const auto map = ResumeStore::readMap(m_options.stateDir, swarm.link().id);
        QVERIFY2(map.ok(), qPrintable(map.error()));
        QVERIFY(map->paused);
        swarm.download()->resume();
        QCOMPARE(swarm.download()->phase(), Download::Phase::Fetching);
        QVERIFY(runUntil(clock, [&] { return isFinished(swarm); }));
        verifyFinished(swarm);
    }

    void restartPicksUpFromTheResumeMap() {
        int had = 0;
        {
            ManualClock clock;
            SimSwarm swarm(clock, m_data, QStringLiteral("backup.tar"), m_options);
            QVERIFY(swarm.start().ok());
            swarm.addSource(honest(1024 * 1024));
            QVERIFY(runUntil(clock, [&] { return swarm.download()->have().count(true) >= 4; }));
            swarm.stop(); // as the node quits: the map is saved, the disk worker runs dry
        }
        QCOMPARE(ResumeStore::mapsIn(m_options.stateDir).size(), 1);
        ManualClock clock;
        SimSwarm swarm(clock, m_data, QStringLiteral("backup.tar"), m_options);
        QVERIFY(swarm.start().ok());
        // The chunks on disk are checked first, on the disk worker.
        QCOMPARE(swarm.download()->phase(), Download::Phase::Checking);
        QCOMPARE(swarm.download()->status().state, DownloadStatus::State::Checking);
        QVERIFY(runUntil(clock, [&] { return swarm.download()->phase() == Download::Phase::Fetching; }));
        had = int(swarm.download()->have().count(true));
        QVERIFY2(had >= 3, qPrintable(QString::number(had)));
        SimSource& source = swarm.addSource(honest());
        QVERIFY(runUntil(clock, [&] { return isFinished(swarm); }));
        verifyFinished(swarm);
        // Only what was missing was asked for.
        QCOMPARE(int(source.requested.size()), kChunks - had);
    }
};

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_download.moc"
