// Tests for LanDiscovery: two peers on one machine hear each other's announcements.
#include "base/systemclock.h"
#include "crypto/securerandom.h"
#include "net/landiscovery.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace ringshare;
using namespace ringshare::net;

class TestLanDiscovery final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Two announcers on one machine hear each other, never themselves, and ignore what is not an
    // announcement.
    void peersOnOneMachineHearEachOther() {
        SystemClock clock;
        crypto::SecureRandom random;
        LanDiscoveryOptions options;
        options.port = quint16(20'000 + QRandomGenerator::global()->bounded(20'000));
        const NodeId idA = NodeId::hashOf("a");
        const NodeId idB = NodeId::hashOf("b");
        LanDiscovery a(clock, random, idA, 4001, options);
        LanDiscovery b(clock, random, idB, 4002, options);
        QSignalSpy heardByA(&a, &LanDiscovery::peerHeard);
        QSignalSpy heardByB(&b, &LanDiscovery::peerHeard);
        if (const auto started = a.start(); !started)
            QSKIP(qPrintable(started.error()));
        QVERIFY(b.start());

        // Junk on the group: wrong size, wrong magic, a zero port.
        QUdpSocket junk;
        for (const QByteArray& datagram :
             {QByteArray("hello"), QByteArray(LanDiscovery::kAnnouncementSize, 'x'),
              LanDiscovery::announcement(NodeId::hashOf("c"), 0)})
            junk.writeDatagram(datagram, options.group, options.port);

        QTRY_COMPARE_WITH_TIMEOUT(heardByA.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(heardByB.size(), 1, 5000);
        QCOMPARE(heardByA.first().at(1).value<NodeId>(), idB);
        QCOMPARE(heardByA.first().at(0).value<Endpoint>().port, quint16(4002));
        QCOMPARE(heardByB.first().at(1).value<NodeId>(), idA);
        QTRY_VERIFY_WITH_TIMEOUT(a.stats().malformed >= 2, 5000);
        // Heard again within the interval, a peer is not reported twice.
        b.announce();
        QTest::qWait(1200);
        b.announce();
        QTest::qWait(300);
        QCOMPARE(heardByA.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLanDiscovery)
#include "tst_landiscovery.moc"
