// Tests for ReplicationPlanner: given a ring change, which records it hands to which nodes, on a small
// ring of integer IDs so that every range can be checked by hand.
#include "crypto/identity.h"
#include "dht/replicationplanner.h"

#include <QTest>
#include <algorithm>

using ringshare::NodeId;
using ringshare::crypto::Identity;
using ringshare::dht::Handoff;
using ringshare::dht::Neighbourhood;
using ringshare::dht::NodeRef;
using ringshare::dht::Record;
using ringshare::dht::RecordStore;
using ringshare::dht::ReplicationPlanner;
using ringshare::net::Endpoint;
using AfterStore = ReplicationPlanner::AfterStore;

namespace {

constexpr qint64 kNow = 1'767'225'600'000;

NodeId id(quint64 n) {
    return NodeId::fromInteger(n);
}

NodeRef node(quint64 n) {
    return {id(n), Endpoint{QHostAddress(QStringLiteral("192.0.2.1")), quint16(4000 + n)}};
}

Identity identityFromByte(std::uint8_t fill) {
    Identity::Seed seed;
    seed.fill(fill);
    return Identity::fromSeed(seed);
}

// The keys of `records`, as integers, sorted.
QList<quint64> keysOf(const QList<Record>& records) {
    QList<quint64> keys;
    for (const Record& record : records)
        for (quint64 n = 0; n < 1000; ++n)
            if (record.key == id(n)) {
                keys.append(n);
                break;
            }
    std::sort(keys.begin(), keys.end());
    return keys;
}

QList<quint64> idsOf(const QList<NodeRef>& nodes) {
    QList<quint64> ids;
    for (const NodeRef& n : nodes)
        for (quint64 i = 0; i < 1000; ++i)
            if (n.id == id(i)) {
                ids.append(i);
                break;
            }
    return ids;
}

} // namespace

class TestReplicationPlanner final : public QObject {
    Q_OBJECT

    Identity m_publisher = identityFromByte(7);
    RecordStore m_store;
    // This node sits at 100; records are held under keys 10, 50, 90, 100, 150 and 500.
    const NodeId m_self = id(100);

    void hold(quint64 key) {
        const Record record = Record::create(m_publisher, id(key), QByteArray::number(key), kNow, 3600);
        QCOMPARE(m_store.put(record, kNow), ringshare::dht::PutOutcome::Stored);
    }

private Q_SLOTS:
    void init() {
        m_store = RecordStore();
        for (quint64 key : {10, 50, 90, 100, 150, 500})
            hold(key);
    }

    void replicaTargetsAreTheFirstKMinusOneSuccessors() {
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(300), node(400)};
        QCOMPARE(idsOf(planner.replicaTargets({m_self, predecessor, successors})),
                 (QList<quint64>{200, 300}));
    }

    void firstPredecessorTakesWhatLiesOutsideOurRange() {
        // Alone until now, we held everything; a predecessor at 60 appears: keys in (100, 60] going round
        // (150, 500, 10, 50) are its to keep or hand on, while 90 and 100 stay ours.
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors;
        const std::optional<Handoff> plan =
            planner.predecessorChanged(std::nullopt, {m_self, predecessor, successors}, kNow);
        QVERIFY(plan);
        QCOMPARE(idsOf(plan->targets), (QList<quint64>{60}));
        QCOMPARE(keysOf(plan->records), (QList<quint64>{10, 50, 150, 500}));
    }

    void nodeJoiningBetweenTakesItsKeys() {
        // Predecessor was 30; 60 joins between it and us: keys in (30, 60] (50 only) move to 60.
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(300)};
        const std::optional<Handoff> plan =
            planner.predecessorChanged(node(30), {m_self, predecessor, successors}, kNow);
        QVERIFY(plan);
        QCOMPARE(idsOf(plan->targets), (QList<quint64>{60}));
        QCOMPARE(keysOf(plan->records), (QList<quint64>{50}));
    }

    void failedPredecessorLeavesItsRangeToOurReplicas() {
        // Predecessor was 60 and failed; the one before it, 5, is ours now: we took over (5, 60], which
        // goes to our replicas (k = 3: the first two successors), not to the new predecessor.
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(5);
        const QList<NodeRef> successors{node(200), node(300), node(400)};
        const std::optional<Handoff> plan =
            planner.predecessorChanged(node(60), {m_self, predecessor, successors}, kNow);
        QVERIFY(plan);
        QCOMPARE(idsOf(plan->targets), (QList<quint64>{200, 300}));
        QCOMPARE(keysOf(plan->records), (QList<quint64>{10, 50}));
    }

    void samePredecessorMovesNothing() {
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200)};
        QVERIFY(!planner.predecessorChanged(node(60), {m_self, predecessor, successors}, kNow));
    }

    void newReplicaGetsWhatWeOwn() {
        // Successors were 200, 300; 250 joins between them, so with k = 3 our replica set becomes
        // {200, 250}: only 250 is new, and it gets our range (60, 100] = 90 and 100.
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(250), node(300)};
        const std::optional<Handoff> plan =
            planner.successorsChanged({node(200), node(300)}, {m_self, predecessor, successors}, kNow);
        QVERIFY(plan);
        QCOMPARE(idsOf(plan->targets), (QList<quint64>{250}));
        QCOMPARE(keysOf(plan->records), (QList<quint64>{90, 100}));
    }

    void successorChangeBeyondReplicaSetMovesNothing() {
        // A change past the first k-1 successors leaves the replica set as it was.
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(300), node(450)};
        QVERIFY(!planner.successorsChanged({node(200), node(300), node(400)},
                                           {m_self, predecessor, successors}, kNow));
    }

    void successorChangeWithoutPredecessorWaits() {
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> none;
        const QList<NodeRef> successors{node(200), node(300)};
        QVERIFY(!planner.successorsChanged({}, {m_self, none, successors}, kNow));
    }

    void replicationRoundCopiesOwnedRange() {
        const ReplicationPlanner planner(2, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(300)};
        const std::optional<Handoff> plan = planner.replicationRound({m_self, predecessor, successors}, kNow);
        QVERIFY(plan);
        QCOMPARE(idsOf(plan->targets), (QList<quint64>{200}));
        QCOMPARE(keysOf(plan->records), (QList<quint64>{90, 100}));
    }

    void leavingHandsOwnedRangeToFirstSuccessor() {
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(300)};
        const std::optional<Handoff> plan = planner.leaving({m_self, predecessor, successors}, kNow);
        QVERIFY(plan);
        QCOMPARE(idsOf(plan->targets), (QList<quint64>{200}));
        QCOMPARE(keysOf(plan->records), (QList<quint64>{90, 100}));

        // Never knowing a predecessor, we answered for the whole ring: all of it goes.
        const std::optional<NodeRef> none;
        const std::optional<Handoff> all = planner.leaving({m_self, none, successors}, kNow);
        QVERIFY(all);
        QCOMPARE(keysOf(all->records), (QList<quint64>{10, 50, 90, 100, 150, 500}));
    }

    void expiredRecordsAreNotHandedOn() {
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(300)};
        QVERIFY(!planner.replicationRound({m_self, predecessor, successors}, kNow + 3601 * 1000));
    }

    void afterStoreDecidesWhoElseGetsTheRecord() {
        const ReplicationPlanner planner(3, m_store);
        const std::optional<NodeRef> predecessor = node(60);
        const QList<NodeRef> successors{node(200), node(300)};
        const Neighbourhood here{m_self, predecessor, successors};
        const Record ours = Record::create(m_publisher, id(80), QByteArray("v"), kNow, 60);
        const Record theirs = Record::create(m_publisher, id(250), QByteArray("v"), kNow, 60);
        const NodeId publisher = m_publisher.nodeId();

        QCOMPARE(planner.afterStore(ours, id(42), here), AfterStore::CopyToReplicas);
        // The publisher stored it here, but it is not ours: it goes on to the owner.
        QCOMPARE(planner.afterStore(theirs, publisher, here), AfterStore::HandToOwner);
        // An owner's copy for its replicas comes from another sender and stays.
        QCOMPARE(planner.afterStore(theirs, id(200), here), AfterStore::Keep);
        QCOMPARE(planner.afterStore(theirs, std::nullopt, here), AfterStore::Keep);
    }
};

QTEST_GUILESS_MAIN(TestReplicationPlanner)
#include "tst_replicationplanner.moc"
