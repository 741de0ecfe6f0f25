// The hostile transfer peers of tst_hostilepeers whose cases only needed time to pass (handshake timeouts,
// stalls, slow uploads): the same hostile bytes, on the simulated network and a ManualClock, so a stall
// timeout costs no wall time and every run replays the same.
#include "../transfer/simpeer.h"
#include "crypto/cryptoinit.h"
#include "honestnetwork.h"
#include "hostilepeer.h"
#include "streamslowloris.h"
#include "transfer/transfermanager.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace ringshare;
using namespace ringshare::hostile;
using namespace std::chrono_literals;
using transfer::SimHost;
using transfer::SimPeer;
using transfer::SimWorld;
using transfer::TransferManager;
using transfer::TransferMessage;

class TestHostileTime final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    // 5. A host that opens many transfer connections and sends nothing, and one that sends a handshake one
    // byte at a time, while an honest peer downloads.
    void slowlorisConnections() {
        SimWorld world;
        transfer::TransferOptions options;
        options.handshakeTimeout = 1500ms;
        SimPeer seeder(world, 1, options), downloader(world, 2);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(3 * 1024 * 1024 + 123, 5);
        const share::Link link = seeder.share(QStringLiteral("film.mkv"), data);
        QVERIFY(link.size == data.size());

        const net::Endpoint target{seeder.address().address, seeder.address().port};
        SimHost& silentHost = world.addHost();
        SimHost& tricklerHost = world.addHost();
        StreamSlowloris silent(*silentHost.streams);
        silent.open(target, 40);
        StreamSlowloris trickler(*tricklerHost.streams);
        trickler.open(target, 3);
        int maxConnections = 0;
        const std::unique_ptr<Timer> sample = world.clock.createTimer([&] {
            maxConnections = std::max(maxConnections, seeder.manager->connectionCount());
            trickler.trickle();
            sample->start(100ms);
        });
        sample->start(100ms);
        // Beyond maxHandshakesPerSource the silent host's connections are refused at once.
        const int cap = options.maxHandshakesPerSource;
        QVERIFY(world.runUntil([&] { return silent.ended() >= 40 - cap; }, 5000ms));

        // The honest peer downloads meanwhile, on a slot the slowloris could not take.
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);

        // The rest closed when their handshake ran out of time. The trickler's bytes bought it nothing:
        // it was cut off while it still had bytes of its opening to send.
        QVERIFY(world.runUntil([&] { return trickler.ended() == 3; }, 6000ms));
        QCOMPARE(trickler.ended(), 3);
        QVERIFY2(trickler.bytesLeft() > 0, "the trickler was let finish its opening");
        QVERIFY(world.runUntil([&] { return silent.ended() == 40; }, 6000ms));
        QCOMPARE(silent.ended(), 40);
        sample->stop();
        QVERIFY(seeder.manager->stats().connectionsRefused >= 40 - cap);
        QVERIFY2(maxConnections <= 2 * cap + 1, qPrintable(QString::number(maxConnections)));
        QVERIFY(world.runUntil([&] { return seeder.manager->connectionCount() == 1; }, 3000ms));
        QCOMPARE(seeder.manager->connectionCount(), 1); // the honest one
        QCOMPARE(filesUnder(downloader.downloads.path()), QStringList{QStringLiteral("film.mkv")});
    }

    // 5b. The same from many addresses (as anyone with an IPv6 prefix has), enough to fill every slot, and
    // reconnecting whenever a connection ends; handshakes are given long here. An honest peer still gets in,
    // at once rather than when the slowloris's handshakes run out of time.
    void slowlorisFromManyAddresses() {
        SimWorld world;
        transfer::TransferOptions options;
        options.maxConnections = 16;
        options.handshakeTimeout = 60s;
        SimPeer seeder(world, 1, options), downloader(world, 2);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(2 * 1024 * 1024 + 5, 9);
        const share::Link link = seeder.share(QStringLiteral("talk.ogg"), data);
        QVERIFY(link.size == data.size());

        const net::Endpoint target{seeder.address().address, seeder.address().port};
        std::vector<std::unique_ptr<StreamSlowloris>> slowloris;
        for (int i = 0; i < 8; ++i) {
            slowloris.push_back(std::make_unique<StreamSlowloris>(*world.addHost().streams));
            slowloris.back()->setReopen(true);
            slowloris.back()->open(target, options.maxHandshakesPerSource);
        }
        QVERIFY(world.runUntil([&] { return seeder.manager->connectionCount() == options.maxConnections; },
                               10'000ms));

        const Millis start = world.clock.now();
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id, 20'000ms);
        QVERIFY2(!path.isEmpty(), "the honest peer never got in");
        const qint64 took = (world.clock.now() - start).count();
        QVERIFY2(took < 20'000, qPrintable(QString::number(took)));
        QCOMPARE(readFile(path), data);
        QVERIFY(seeder.manager->connectionCount() <= options.maxConnections);
        QVERIFY(seeder.manager->stats().connectionsEvicted > 0);
    }

    // A source that says it has every chunk and then sends none of those asked of it: its requests go to
    // the honest seeder, it is disconnected after the stall timeout, and the second time it stalls the
    // download it is dropped for good.
    void silentSeeder() {
        SimWorld world;
        SimPeer seeder(world, 1);
        transfer::TransferOptions options;
        options.stallTimeout = Millis(1500);
        SimPeer downloader(world, 2, options);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(4 * 1024 * 1024, 8);
        const share::Link link = seeder.share(QStringLiteral("quiet.mkv"), data);
        const share::Manifest manifest = *seeder.library->fileFor(link.id)->manifest;
        // Slow enough that the download outlasts two stalls.
        seeder.manager->setUploadLimit(384 * 1024);

        SimHost& silentHost = world.addHost();
        HostileSeeder silent(world.clock, identityFor(710), *silentHost.streams, silentHost.address());
        int requests = 0;
        silent.onMessage = [&](transfer::PeerConnection& c, const TransferMessage& m) {
            if (!claimEveryChunk(c, m, manifest) && m.type == transfer::MessageType::Request)
                ++requests;
        };
        QSignalSpy dropped(downloader.manager.get(), &TransferManager::peerDropped);
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, silent.address());
        QVERIFY(world.runUntil([&] { return requests > 0; }, 5000ms));
        downloader.manager->addSource(link.id, seeder.address());

        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        // Disconnected once and dialled again, then dropped: two connections, and no third.
        QCOMPARE(downloader.manager->stats().peersStalled, 2);
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.first().at(0).value<NodeId>(), silent.address().id);
        QVERIFY(
            dropped.first().at(1).toString().startsWith(QLatin1String("sent nothing of what it was asked")));
        QCOMPARE(silent.accepted(), 2);
        QVERIFY(world.runUntil([&] { return silent.open() == 0; }, 5000ms));
        downloader.manager->addSource(link.id, silent.address());
        world.runFor(200ms);
        QCOMPARE(silent.accepted(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHostileTime)
#include "tst_hostiletime.moc"
