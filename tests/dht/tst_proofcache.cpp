// Tests for ProofCache and LostPeers: proofs are bound to an address, bounded in number, shared by every
// caller waiting on one challenge; lost peers are bounded, ordered and forgotten after an hour.
#include "dht/lostpeers.h"
#include "dht/proofcache.h"

#include <QTest>

using ringshare::Millis;
using ringshare::NodeId;
using ringshare::dht::LostPeers;
using ringshare::dht::NodeRef;
using ringshare::dht::ProofCache;
using ringshare::net::Endpoint;

namespace {

NodeRef node(quint64 n, quint16 port = 0) {
    return {NodeId::fromInteger(n),
            Endpoint{QHostAddress(QStringLiteral("192.0.2.1")), quint16(port ? port : 4000 + n)}};
}

} // namespace

class TestProofCache final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void proofHoldsOnlyAtItsAddress() {
        ProofCache cache(8);
        QVERIFY(!cache.isProven(node(1)));
        cache.remember(node(1));
        QVERIFY(cache.isProven(node(1)));
        QVERIFY(!cache.isProven(node(1, 9999)));
        QCOMPARE(cache.endpointOf(node(1).id), node(1).endpoint);
        cache.forget(node(1).id);
        QVERIFY(!cache.isProven(node(1)));
        QVERIFY(!cache.endpointOf(node(1).id));
    }

    void boundedByCapacity() {
        ProofCache cache(4);
        for (quint64 n = 1; n <= 10; ++n)
            cache.remember(node(n));
        QCOMPARE(cache.size(), 4);
        QVERIFY(cache.isProven(node(10))); // the newest always stays
        cache.remember(node(10, 5000));    // the same ID again does not evict anyone
        QCOMPARE(cache.size(), 4);
        QVERIFY(cache.isProven(node(10, 5000)));
        QCOMPARE(cache.some(100).size(), 4);
        QCOMPARE(cache.some(2).size(), 2);
    }

    void provenOnlyKeepsOrder() {
        ProofCache cache(8);
        cache.remember(node(3));
        cache.remember(node(1));
        const QList<NodeRef> kept = cache.provenOnly({node(1), node(2), node(3, 1), node(3)});
        QCOMPARE(kept, (QList<NodeRef>{node(1), node(3)}));
    }

    void waitersShareOneChallenge() {
        ProofCache cache(8);
        QList<int> calls;
        QVERIFY(cache.await(node(1).id, [&](bool ok) { calls.append(ok ? 1 : -1); }));
        QVERIFY(!cache.await(node(1).id, [&](bool ok) { calls.append(ok ? 2 : -2); }));
        QVERIFY(cache.await(node(2).id, [&](bool ok) { calls.append(ok ? 3 : -3); }));
        for (const auto& waiter : cache.settle(node(1), true))
            waiter(true);
        QCOMPARE(calls, (QList<int>{1, 2}));
        QVERIFY(cache.isProven(node(1)));
        for (const auto& waiter : cache.settle(node(2), false))
            waiter(false);
        QCOMPARE(calls, (QList<int>{1, 2, -3}));
        QVERIFY(!cache.isProven(node(2)));
        // Settled: the next caller must challenge again.
        QVERIFY(cache.await(node(1).id, [](bool) {}));
    }

    void lostPeersOldestFirstAndBounded() {
        LostPeers lost;
        for (quint64 n = 1; n <= LostPeers::kCapacity + 2; ++n)
            lost.lost(node(n), Millis(n));
        QCOMPARE(lost.size(), LostPeers::kCapacity);
        const auto first = lost.takeOldest(Millis(100));
        QVERIFY(first);
        QCOMPARE(first->node, node(3)); // 1 and 2 were pushed out
        lost.stillGone(*first);
        QCOMPARE(lost.size(), LostPeers::kCapacity);
        lost.lost(node(4), Millis(200)); // found dead again: to the back
        QCOMPARE(lost.takeOldest(Millis(300))->node, node(5));
    }

    void lostPeersForgottenAfterAnHour() {
        LostPeers lost;
        lost.lost(node(1), Millis(0));
        lost.lost(node(2), Millis(10));
        QVERIFY(!lost.takeOldest(LostPeers::kMemory + Millis(1))); // node 1: too old, dropped
        QCOMPARE(lost.size(), 1);
        QCOMPARE(lost.takeOldest(LostPeers::kMemory + Millis(1))->node, node(2));
        QVERIFY(lost.isEmpty());
        QVERIFY(!lost.takeOldest(Millis(0)));
    }
};

QTEST_GUILESS_MAIN(TestProofCache)
#include "tst_proofcache.moc"
