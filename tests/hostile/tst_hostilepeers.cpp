// Hostile peers over real loopback sockets, each against a small honest network of real nodes: flooders of
// the DHT's UDP port and of the transfer port, bursts that only real kernel buffers and sockets show. The
// honest network keeps working and what the honest nodes hold stays bounded. The hostile peers that only
// need time to pass are on the simulator: the DHT's in tst_hostileringtime, the transfers' in
// tst_hostiletime.
#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "dht/chordnode.h"
#include "dht/record.h"
#include "dht/ring.h"
#include "honestnetwork.h"
#include "hostilepeer.h"
#include "net/codec.h"
#include "share/library.h"
#include "share/link.h"
#include "share/manifest.h"
#include "transfer/transfermanager.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace ringshare;
using namespace ringshare::hostile;
using namespace std::chrono_literals;
using dht::ChordNode;
using net::NodeRef;
using transfer::TransferManager;
using transfer::TransferMessage;

class TestHostilePeers final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    // 4. A peer that sends well-formed requests as fast as it can, from one port and from hundreds.
    void requestFlood() {
        dht::ChordConfig config = fastConfig();
        config.rpc.filter.maxPeers = 128;
        HonestRing ring(config);
        QVERIFY(ring.build(4));
        ChordNode& victim = ring.node(1);
        const net::PeerFilterOptions limits = config.rpc.filter;

        Flooder single(NodeId::hashOf("flooder"), 1);
        QElapsedTimer elapsed;
        elapsed.start();
        int sent = 0;
        for (int round = 0; round < 10; ++round) {
            sent += single.flood(victim.self().endpoint,
                                 net::FindNode{NodeId::hashOf(QByteArray::number(round))}, 300);
            QTest::qWait(20);
        }
        QVERIFY(sent >= 2000);
        // Lookups keep working while it floods; each honest node has a token bucket of its own.
        const QList<NodeId> ids = ring.ids();
        QCOMPARE(wrongLookups(ring, someKeys(10, 4), [&](const NodeId& key) { return ownerAmong(ids, key); }),
                 0);
        QTest::qWait(200);
        // Never more answers than the token bucket allows for the time the flood lasted.
        const double seconds = double(elapsed.elapsed()) / 1000.0 + 0.5;
        QVERIFY2(single.answers() <= int(limits.burst + limits.datagramsPerSecond * seconds),
                 qPrintable(QStringLiteral("%1 answers in %2 s").arg(single.answers()).arg(seconds)));
        QVERIFY(single.answers() > 0); // it was heard, then limited
        QVERIFY(victim.peerFilter().stats().rateLimited > 0);

        // From 400 ports at once: the filter tracks at most maxPeers of them.
        Flooder many(NodeId::hashOf("many"), 400);
        QCOMPARE(many.flood(victim.self().endpoint, net::Ping{}, 1200), 1200);
        QTRY_VERIFY_WITH_TIMEOUT(victim.peerFilter().stats().evictions > 0, 5000);
        QVERIFY(victim.peerFilter().trackedPeers() <= limits.maxPeers);
        QTest::qWait(200);
        QVERIFY(victim.peerFilter().trackedPeers() <= limits.maxPeers);
        QVERIFY(ring.isExact());
        QCOMPARE(wrongLookups(ring, someKeys(10, 5), [&](const NodeId& key) { return ownerAmong(ids, key); }),
                 0);
    }

    // 4b. The same on the transfer port: a peer that asks for the manifest again and again, far faster than
    // it reads the answers (here it reads none). What it asked for may not pile up without bound.
    void requestFloodOverTransfers() {
        Peer seeder, downloader;
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(20 * 1024 * 1024, 8);
        const share::Link link = seeder.share(QStringLiteral("dataset.bin"), data);
        QVERIFY(link.size == data.size());
        const qint64 manifestSize = seeder.library->fileFor(link.id)->manifest->encode().size();

        DeafRequester deaf(identityFor(450), seeder.address());
        QTRY_VERIFY_WITH_TIMEOUT(deaf.isEstablished(), 5000);
        QList<TransferMessage> requests{reply(transfer::MessageType::Interested, link.id)};
        for (int i = 0; i < 1000; ++i)
            requests.append(reply(transfer::MessageType::GetManifest, link.id));
        // Enough to ask for several times the cap in answers, beyond what the kernel's buffers hold.
        const qint64 rounds = 3 * transfer::PeerConnection::kMaxUnsentBytes / (1000 * manifestSize) + 30;
        for (qint64 round = 0; round < rounds && !deaf.isClosedByPeer(); ++round) {
            deaf.send(requests);
            QTest::qWait(5);
        }
        QTRY_VERIFY_WITH_TIMEOUT(deaf.isClosedByPeer(), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(seeder.manager->connectionCount(), 0, 5000);

        // The seeder still serves honest peers.
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
    }
};

QTEST_GUILESS_MAIN(TestHostilePeers)
#include "tst_hostilepeers.moc"
