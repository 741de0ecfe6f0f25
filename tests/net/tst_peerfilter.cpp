// Tests for PeerFilter: per-peer burst and rate limits, ignoring garbage senders, bounded memory.
#include "base/manualclock.h"
#include "net/peerfilter.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::net;
using namespace std::chrono_literals;

namespace {

Endpoint peer(quint16 port, const char* address = "192.0.2.1") {
    return {QHostAddress(QString::fromLatin1(address)), port};
}

int admitted(PeerFilter& filter, const Endpoint& from, int datagrams) {
    int count = 0;
    for (int i = 0; i < datagrams; ++i)
        count += filter.admit(from) ? 1 : 0;
    return count;
}

} // namespace

class TestPeerFilter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void burstThenSustainedRate() {
        ManualClock clock;
        PeerFilter filter(clock, {.datagramsPerSecond = 100, .burst = 50});
        QCOMPARE(admitted(filter, peer(1), 1000), 50);
        QCOMPARE(filter.stats().rateLimited, quint64(950));
        clock.advance(100ms); // ten more tokens
        QCOMPARE(admitted(filter, peer(1), 1000), 10);
        clock.advance(10s); // refills to the burst, no further
        QCOMPARE(admitted(filter, peer(1), 1000), 50);
        // Each peer has its own bucket.
        QCOMPARE(admitted(filter, peer(2), 1000), 50);
        QCOMPARE(admitted(filter, peer(1, "192.0.2.2"), 1000), 50);
    }

    void garbageSendersAreIgnoredForAWhile() {
        ManualClock clock;
        PeerFilter filter(clock, {.garbageLimit = 4, .garbageWindow = 10s, .ignoreFor = 60s});
        for (int i = 0; i < 3; ++i)
            filter.reportGarbage(peer(1));
        QVERIFY(!filter.isIgnored(peer(1)));
        QVERIFY(filter.admit(peer(1)));
        filter.reportGarbage(peer(1));
        QVERIFY(filter.isIgnored(peer(1)));
        QVERIFY(!filter.admit(peer(1)));
        QVERIFY(filter.admit(peer(2))); // nobody else is affected
        QCOMPARE(filter.stats().peersIgnored, quint64(1));
        clock.advance(60s);
        QVERIFY(!filter.isIgnored(peer(1)));
        QVERIFY(filter.admit(peer(1)));
    }

    void garbageSpreadThinIsForgiven() {
        ManualClock clock;
        PeerFilter filter(clock, {.garbageLimit = 4, .garbageWindow = 10s, .ignoreFor = 60s});
        for (int i = 0; i < 20; ++i) {
            filter.reportGarbage(peer(1));
            clock.advance(4s); // three per window at most
        }
        QVERIFY(!filter.isIgnored(peer(1)));
    }

    void ignoreIsImmediate() {
        ManualClock clock;
        PeerFilter filter(clock, {.ignoreFor = 30s});
        filter.ignore(peer(7));
        QVERIFY(!filter.admit(peer(7)));
        QCOMPARE(filter.stats().ignoredDatagrams, quint64(1));
        clock.advance(30s);
        QVERIFY(filter.admit(peer(7)));
    }

    void memoryIsBoundedAndIgnoredPeersAreKeptLongest() {
        ManualClock clock;
        PeerFilter filter(clock, {.garbageLimit = 1, .maxPeers = 1000});
        for (quint16 port = 1; port <= 100; ++port)
            filter.reportGarbage(peer(port, "198.51.100.1")); // ignored at once
        // A flood of fresh addresses that each send a few datagrams.
        for (int i = 0; i < 100'000; ++i) {
            QVERIFY(filter.trackedPeers() <= 1000);
            (void)filter.admit(peer(quint16(1 + i % 60'000), i < 60'000 ? "192.0.2.1" : "192.0.2.2"));
        }
        QVERIFY(filter.trackedPeers() <= 1000);
        QVERIFY(filter.stats().evictions > 0);
        for (quint16 port = 1; port <= 100; ++port)
            QVERIFY(filter.isIgnored(peer(port, "198.51.100.1")));
        // Even a flood of ignored peers cannot grow the table.
        for (int i = 0; i < 5000; ++i)
            filter.reportGarbage(peer(quint16(1 + i), "203.0.113.1"));
        QVERIFY(filter.trackedPeers() <= 1000);
    }
};

QTEST_GUILESS_MAIN(TestPeerFilter)
#include "tst_peerfilter.moc"
