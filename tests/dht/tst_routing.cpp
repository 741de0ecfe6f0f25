// Tests for the routing state: successor-list rebuilds, adopting closer successors, finger starts and
// spans, closest preceding node.
#include "dht/ring.h"
#include "dht/routing.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::dht;

namespace {
NodeId id(std::uint64_t v) {
    return NodeId::fromInteger(v);
}
NodeRef ref(std::uint64_t v) {
    return NodeRef{id(v),
                   net::Endpoint{QHostAddress(QStringLiteral("198.18.0.1")), quint16(1000 + v % 60000)}};
}
QList<std::uint64_t> ids(const QList<NodeRef>& refs) {
    QList<std::uint64_t> out;
    for (const NodeRef& r : refs) {
        std::uint64_t v = 0;
        for (int i = 12; i < 20; ++i)
            v = (v << 8) | r.id.bytes()[size_t(i)];
        out.append(v);
    }
    return out;
}
} // namespace

class TestRouting final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rebuildTakesSuccessorsListInOrder() {
        SuccessorList list(id(100), 4);
        QVERIFY(list.rebuild(ref(110), {ref(120), ref(130), ref(140), ref(150)}));
        QCOMPARE(ids(list.entries()), (QList<std::uint64_t>{110, 120, 130, 140}));
        QVERIFY(!list.rebuild(ref(110), {ref(120), ref(130), ref(140)}));
    }

    void rebuildStopsAtSelfAndDropsLiesAndDuplicates() {
        SuccessorList list(id(100), 8);
        // Comes round to us after 130: the ring has three other nodes.
        list.rebuild(ref(110), {ref(120), ref(130), ref(100), ref(110)});
        QCOMPARE(ids(list.entries()), (QList<std::uint64_t>{110, 120, 130}));
        // Entries that go backwards or repeat are dropped; the rest are kept.
        list.rebuild(ref(110), {ref(105), ref(120), ref(120), ref(115), ref(200)});
        QCOMPARE(ids(list.entries()), (QList<std::uint64_t>{110, 120, 200}));
        // Wrapping past zero is going forward.
        SuccessorList high(NodeId() - id(10), 8);
        high.rebuild(NodeRef{NodeId() - id(5), ref(1).endpoint}, {ref(3), ref(7)});
        QCOMPARE(high.entries().size(), 3);
    }

    void adoptCloserOnlyBetweenSelfAndFirst() {
        SuccessorList list(id(100), 3);
        list.rebuild(ref(120), {ref(130), ref(140)});
        QVERIFY(!list.adoptCloser(ref(125)));
        QVERIFY(!list.adoptCloser(ref(100)));
        QVERIFY(list.adoptCloser(ref(110)));
        QCOMPARE(ids(list.entries()), (QList<std::uint64_t>{110, 120, 130}));
        QVERIFY(list.remove(id(120)));
        QVERIFY(!list.remove(id(120)));
        QCOMPARE(ids(list.entries()), (QList<std::uint64_t>{110, 130}));
        QVERIFY(list.contains(id(130)));
    }

    void fingerStartsAndSpans() {
        FingerTable table(id(100));
        QCOMPARE(table.start(0), id(101));
        QCOMPARE(table.start(4), id(116));
        // A node at 117 is the successor of starts 101, 102, 104, 108 and 116: indices 0..4.
        QCOMPARE(table.firstIndexBeyond(0, id(117)), 5);
        QCOMPARE(table.firstIndexBeyond(3, id(108)), 4);
        QCOMPARE(table.firstIndexBeyond(0, id(100)), FingerTable::kSize); // ourselves: the whole ring
    }

    void fingerTableDistinctAndRemove() {
        FingerTable table(id(0));
        for (int i = 0; i < 5; ++i)
            table.set(i, ref(20));
        table.set(5, ref(40));
        table.set(6, ref(70));
        table.set(7, ref(20));
        QCOMPARE(ids(table.distinct()), (QList<std::uint64_t>{20, 40, 70}));
        QVERIFY(table.removeNode(id(20)));
        QVERIFY(!table.at(0));
        QVERIFY(!table.at(7));
        QCOMPARE(ids(table.distinct()), (QList<std::uint64_t>{40, 70}));
        QVERIFY(!table.removeNode(id(20)));
    }

    void closestPrecedingSortsByDistanceToKey() {
        const QList<NodeRef> known{ref(150), ref(20),  ref(180), ref(90),
                                   ref(199), ref(200), ref(230), ref(180)};
        // From 10 towards key 200: candidates strictly between, nearest to the key first, no repeats.
        QCOMPARE(ids(closestPreceding(id(10), id(200), known, 8)),
                 (QList<std::uint64_t>{199, 180, 150, 90, 20}));
        QCOMPARE(ids(closestPreceding(id(10), id(200), known, 2)), (QList<std::uint64_t>{199, 180}));
        // Wrapping: from 210 to key 30 passes 230 then 20.
        QCOMPARE(ids(closestPreceding(id(210), id(30), known, 8)), (QList<std::uint64_t>{20, 230}));
        QVERIFY(closestPreceding(id(10), id(11), known, 8).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
