// Tests for NodeId: hex round trips, numeric order, powers of two, and 160-bit ring arithmetic
// checked against machine integers.
#include "crypto/nodeid.h"

#include <QRandomGenerator>
#include <QTest>

using ringshare::NodeId;

namespace {
NodeId randomId(QRandomGenerator& random) {
    NodeId::Bytes bytes;
    for (auto& b : bytes)
        b = static_cast<std::uint8_t>(random.bounded(256));
    return NodeId(bytes);
}
NodeId allOnes() {
    NodeId::Bytes bytes;
    bytes.fill(0xff);
    return NodeId(bytes);
}
} // namespace

class TestNodeId final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hexRoundTrip() {
        const QString hex = QStringLiteral("00112233445566778899aabbccddeeff01234567");
        const auto id = NodeId::fromHex(hex);
        QVERIFY(id);
        QCOMPARE(id->toHex(), hex);
        QCOMPARE(id->shortHex(), QStringLiteral("00112233"));
        QCOMPARE(NodeId::fromHex(hex.toUpper()), id);
        QCOMPARE(NodeId::fromBytes(id->toByteArray()), id);
    }

    void rejectsMalformedHexAndBytes() {
        QVERIFY(!NodeId::fromHex(QStringLiteral("0011")));
        QVERIFY(!NodeId::fromHex(QStringLiteral("00112233445566778899aabbccddeeff0123456")));
        QVERIFY(!NodeId::fromHex(QStringLiteral("00112233445566778899aabbccddeeff012345678")));
        QVERIFY(!NodeId::fromHex(QStringLiteral("00112233445566778899aabbccddeeff0123456g")));
        QVERIFY(!NodeId::fromHex(QStringLiteral("0011223344556677 899aabbccddeeff01234567")));
        QVERIFY(!NodeId::fromBytes(QByteArray(19, 'x')));
        QVERIFY(!NodeId::fromBytes(QByteArray(21, 'x')));
    }

    void orderingIsNumeric() {
        QVERIFY(NodeId::fromInteger(1) < NodeId::fromInteger(2));
        QVERIFY(NodeId::fromInteger(255) < NodeId::fromInteger(256));
        QVERIFY(NodeId::powerOfTwo(159) > NodeId::fromInteger(~0ull));
        QVERIFY(NodeId() < NodeId::fromInteger(1));
        QVERIFY(NodeId().isZero());
    }

    void powersOfTwo() {
        QCOMPARE(NodeId::powerOfTwo(0), NodeId::fromInteger(1));
        QCOMPARE(NodeId::powerOfTwo(9), NodeId::fromInteger(512));
        QCOMPARE(NodeId::powerOfTwo(63), NodeId::fromInteger(1ull << 63));
        QCOMPARE(NodeId::powerOfTwo(159).toHex(), QStringLiteral("8000000000000000000000000000000000000000"));
        for (int i = 1; i < NodeId::kBits; ++i)
            QCOMPARE(NodeId::powerOfTwo(i - 1) + NodeId::powerOfTwo(i - 1), NodeId::powerOfTwo(i));
    }

    void additionWrapsAroundTheRing() {
        QCOMPARE(allOnes() + NodeId::fromInteger(1), NodeId());
        QCOMPARE(NodeId() - NodeId::fromInteger(1), allOnes());
        QCOMPARE(NodeId::powerOfTwo(159) + NodeId::powerOfTwo(159), NodeId());
        QCOMPARE(allOnes().plusPowerOfTwo(0), NodeId());
    }

    // Randomised algebra on the full 160-bit size.
    void randomisedRingAlgebra() {
        QRandomGenerator random(7);
        for (int i = 0; i < 10'000; ++i) {
            const NodeId a = randomId(random), b = randomId(random), c = randomId(random);
            QCOMPARE((a + b) - b, a);
            QCOMPARE(a + b, b + a);
            QCOMPARE((a + b) + c, a + (b + c));
            QCOMPARE(a - a, NodeId());
            // The clockwise distance from a to b plus the one from b to a is a full turn (or zero).
            const NodeId there = b - a, back = a - b;
            QCOMPARE(there + back, NodeId());
        }
    }

    // On the low 64 bits the arithmetic must agree with ordinary unsigned arithmetic.
    void agreesWithMachineIntegers() {
        QRandomGenerator random(11);
        for (int i = 0; i < 10'000; ++i) {
            const quint64 x = random.generate64() >> 1, y = random.generate64() >> 1;
            QCOMPARE(NodeId::fromInteger(x) + NodeId::fromInteger(y), NodeId::fromInteger(x + y));
            const quint64 big = qMax(x, y), small = qMin(x, y);
            QCOMPARE(NodeId::fromInteger(big) - NodeId::fromInteger(small), NodeId::fromInteger(big - small));
            QCOMPARE(NodeId::fromInteger(x) < NodeId::fromInteger(y), x < y);
        }
    }

    void unitIntervalPosition() {
        QCOMPARE(NodeId().toUnitInterval(), 0.0);
        QCOMPARE(NodeId::powerOfTwo(159).toUnitInterval(), 0.5);
        QCOMPARE(NodeId::powerOfTwo(158).toUnitInterval(), 0.25);
        QVERIFY(allOnes().toUnitInterval() < 1.0);
    }

    void hashOfIsBlake2b160() {
        QCOMPARE(NodeId::hashOf(QByteArray()).toHex(),
                 QStringLiteral("3345524abf6bbe1809449224b5972c41790b6cf2"));
        QCOMPARE(qHash(NodeId::fromInteger(5)), qHash(NodeId::fromInteger(5)));
    }
};

QTEST_GUILESS_MAIN(TestNodeId)
#include "tst_nodeid.moc"
