// Tests for RingCheck: exact rings, two rings, loops, appendages, dead successors, wrong predecessors.
#include "dht/ringcheck.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::dht;

namespace {
NodeId id(std::uint64_t v) {
    return NodeId::fromInteger(v);
}

// A correct ring of the given IDs (sorted ascending) with successor lists of length r.
QList<RingNodeView> perfectRing(const QList<std::uint64_t>& values, int r) {
    QList<RingNodeView> views;
    const int n = int(values.size());
    for (int i = 0; i < n; ++i) {
        RingNodeView v;
        v.id = id(values[i]);
        if (n > 1)
            v.predecessor = id(values[(i + n - 1) % n]);
        for (int k = 1; k <= std::min(r, n - 1); ++k)
            v.successors.append(id(values[(i + k) % n]));
        views.append(v);
    }
    return views;
}
} // namespace

class TestRingCheck final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void perfectRingsAreExact() {
        for (int n : {1, 2, 3, 10}) {
            QList<std::uint64_t> values;
            for (int i = 0; i < n; ++i)
                values.append(std::uint64_t(10 + 10 * i));
            const RingCheck check = checkRing(perfectRing(values, 4), 4);
            QVERIFY2(check.exact(), qPrintable(check.problem));
            QCOMPARE(check.cycleLength, n);
        }
    }

    void twoRingsAreCaught() {
        QList<RingNodeView> views = perfectRing({10, 30}, 2);
        QList<RingNodeView> other = perfectRing({20, 40}, 2);
        views.append(other);
        const RingCheck check = checkRing(views, 2);
        QVERIFY(check.atLeastOneRing);
        QVERIFY(!check.atMostOneRing);
        QVERIFY(!check.invariantsHold());
    }

    void loopyRingIsNotOrdered() {
        // 10 -> 30 -> 20 -> 40 -> 10 goes round twice: a loop, not an ordered ring.
        QList<RingNodeView> views = perfectRing({10, 20, 30, 40}, 1);
        views[0].successors = {id(30)};
        views[2].successors = {id(20)};
        views[1].successors = {id(40)};
        views[3].successors = {id(10)};
        const RingCheck check = checkRing(views, 1);
        QVERIFY(check.atLeastOneRing && check.atMostOneRing);
        QVERIFY(!check.orderedRing);
    }

    void appendageReachingTheRingIsConnected() {
        // 25 points into the ring but nobody points at it yet: a valid appendage, not yet exact.
        QList<RingNodeView> views = perfectRing({10, 20, 30}, 2);
        RingNodeView joiner;
        joiner.id = id(25);
        joiner.successors = {id(30)};
        views.append(joiner);
        const RingCheck check = checkRing(views, 2);
        QVERIFY2(check.invariantsHold(), qPrintable(check.problem));
        QVERIFY(!check.exact());
        QVERIFY(!check.successorsExact);
    }

    void deadSuccessorsAreSkippedButNodeWithNoneIsDangling() {
        QList<RingNodeView> views = perfectRing({10, 20, 30, 40}, 2);
        views.removeAt(1); // 20 crashed; 10's list is [20, 30]: 30 is its best successor
        RingCheck check = checkRing(views, 2);
        QVERIFY2(check.invariantsHold(), qPrintable(check.problem));
        QVERIFY(!check.successorListsExact);
        QVERIFY(!check.predecessorsExact);      // 30 still names 20
        views[0].successors = {id(20), id(25)}; // nothing live left in 10's list
        check = checkRing(views, 2);
        QVERIFY(!check.connectedAppendages);
    }

    void wrongPredecessorIsReported() {
        QList<RingNodeView> views = perfectRing({10, 20, 30}, 2);
        views[2].predecessor = id(10);
        const RingCheck check = checkRing(views, 2);
        QVERIFY(check.invariantsHold());
        QVERIFY(!check.predecessorsExact);
        QVERIFY(check.problem.contains(QStringLiteral("predecessor")));
    }
};

QTEST_GUILESS_MAIN(TestRingCheck)
#include "tst_ringcheck.moc"
