// The whole-session simulation as a test: 200 sessions share, search and download on the simulated network,
// every byte compared, and a seed replays the same run line for line (bench_sessions times it).
#include "crypto/cryptoinit.h"
#include "sessionswarm.h"

#include <QHashSeed>
#include <QTest>

using namespace ringshare;
using namespace ringshare::session;

class TestSessionSim : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // Iteration order of hashed containers is part of what a run does; fixed, so a seed replays it.
        QHashSeed::setDeterministicGlobalSeed();
        crypto::requireInitialized();
    }

    void twoHundredSessionsShareSearchAndDownload() {
        SessionSwarmOptions options;
        options.seed = 20261206;
        const SessionSwarmReport first = SessionSwarm(options).run();
        for (const QString& line : first.transcript)
            qInfo().noquote() << line;
        qInfo("simulated %.1f s in %.1f s of real time", double(first.simulated.count()) / 1000,
              double(first.wallMs) / 1000);

        QCOMPARE(first.joined, options.sessions);
        QVERIFY(first.ringExact);
        QCOMPARE(first.shared, 60); // 24 files shared by 1, 2, 3, 4, 1, 2, ... sessions
        QCOMPARE(first.found, options.downloads);
        QCOMPARE(first.finished, options.downloads);
        QCOMPARE(first.identical, options.downloads);
        // How much faster than real time is bench_sessions' to measure, not a test's to assert.

        // The same seed again: every line the same.
        const SessionSwarmReport second = SessionSwarm(options).run();
        QCOMPARE(second.transcript, first.transcript);
    }

    void anotherSeedIsAnotherRun() {
        // The comparison above could not fail if the transcript did not depend on the run.
        SessionSwarmOptions options;
        options.sessions = 24;
        options.files = 6;
        options.downloads = 8;
        options.seed = 1;
        const SessionSwarmReport one = SessionSwarm(options).run();
        options.seed = 2;
        const SessionSwarmReport two = SessionSwarm(options).run();
        QCOMPARE(one.identical, options.downloads);
        QCOMPARE(two.identical, options.downloads);
        QVERIFY(one.transcript != two.transcript);
    }
};

QTEST_GUILESS_MAIN(TestSessionSim)
#include "tst_sessionsim.moc"
