// Tests for the ring's interval membership: exhaustive on an 8-bit ring, random on the 160-bit one.
#include "dht/ring.h"

#include <QRandomGenerator>
#include <QTest>
#include <cstdint>

using namespace ringshare;
using namespace ringshare::dht;

namespace {
// Reference definitions by modular distance on an 8-bit ring: x in (a, b) iff 0 < d(a,x) < d(a,b), with
// d(a,a) read as a full turn.
int clockwise8(int from, int to) {
    return (to - from + 256) % 256;
}
bool referenceOpen(int x, int a, int b) {
    const int span = a == b ? 256 : clockwise8(a, b);
    const int dx = clockwise8(a, x);
    return dx > 0 && dx < span;
}
bool referenceHalfOpen(int x, int a, int b) {
    const int span = a == b ? 256 : clockwise8(a, b);
    const int dx = clockwise8(a, x);
    return (dx > 0 && dx <= span) || (a == b);
}
NodeId randomId(QRandomGenerator& random) {
    NodeId::Bytes bytes;
    for (auto& b : bytes)
        b = static_cast<std::uint8_t>(random.bounded(256));
    return NodeId(bytes);
}
} // namespace

class TestRing final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every (x, a, b) on an 8-bit ring: 16.7 million cases against the modular-distance definition.
    void exhaustiveOnEightBitRing() {
        int mismatches = 0;
        for (int a = 0; a < 256; ++a)
            for (int b = 0; b < 256; ++b)
                for (int x = 0; x < 256; ++x) {
                    const auto ua = std::uint8_t(a), ub = std::uint8_t(b), ux = std::uint8_t(x);
                    mismatches += inOpenInterval(ux, ua, ub) != referenceOpen(x, a, b);
                    mismatches += inHalfOpenInterval(ux, ua, ub) != referenceHalfOpen(x, a, b);
                }
        QCOMPARE(mismatches, 0);
    }

    void edgeCases() {
        const auto id = [](int v) { return NodeId::fromInteger(std::uint64_t(v)); };
        QVERIFY(!inOpenInterval(id(5), id(5), id(5)));
        QVERIFY(inOpenInterval(id(6), id(5), id(5)));
        QVERIFY(inHalfOpenInterval(id(5), id(5), id(5)));
        QVERIFY(!inOpenInterval(id(10), id(5), id(10)));
        QVERIFY(inHalfOpenInterval(id(10), id(5), id(10)));
        QVERIFY(!inHalfOpenInterval(id(5), id(5), id(10)));
        // Wrapping past zero.
        const NodeId top = NodeId() - id(1);
        QVERIFY(inOpenInterval(NodeId(), top, id(3)));
        QVERIFY(inOpenInterval(top, id(100), id(3)));
        QVERIFY(!inOpenInterval(id(50), id(100), id(3)));
    }

    // On the full 160-bit ring, membership must agree with clockwise distances.
    void randomisedOnFullRing() {
        QRandomGenerator random(2026);
        for (int i = 0; i < 100'000; ++i) {
            const NodeId a = randomId(random), b = randomId(random);
            const NodeId x = i % 10 == 0 ? a : (i % 10 == 1 ? b : randomId(random));
            const NodeId dx = clockwiseDistance(a, x), span = clockwiseDistance(a, b);
            const bool open = a == b ? x != a : (!dx.isZero() && dx < span);
            const bool halfOpen = a == b ? true : (!dx.isZero() && dx <= span);
            QCOMPARE(inOpenInterval(x, a, b), open);
            QCOMPARE(inHalfOpenInterval(x, a, b), halfOpen);
        }
    }
};

QTEST_GUILESS_MAIN(TestRing)
#include "tst_ring.moc"
