// The Chord protocol end to end on the simulated network: rings form and heal, lookups agree with an oracle,
// records survive leaves and crashes, and lies are refused. Deterministic: every run replays the same.
#include "dht/simulation.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <optional>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;

namespace {

SimulationOptions options(quint64 seed, int successors = 8, int replicas = 4) {
    SimulationOptions o;
    o.seed = seed;
    o.chord.successorListSize = successors;
    o.chord.replicationFactor = replicas;
    o.chord.stabilizeInterval = 1000ms;
    o.chord.fixFingersInterval = 500ms;
    o.chord.checkPredecessorInterval = 1000ms;
    o.chord.replicateInterval = 20'000ms;
    o.chord.rpc.timeout = 400ms;
    o.chord.rpc.attempts = 2;
    o.links.minLatency = 5ms;
    o.links.maxLatency = 60ms;
    return o;
}

bool converge(Simulation& sim, Millis limit = 600s) {
    return sim.runUntil([&] { return sim.converged(); }, limit, 500ms);
}

QString describe(const RingCheck& check) {
    return QStringLiteral("invariants %1, exact %2, cycle %3: %4")
        .arg(check.invariantsHold())
        .arg(check.exact())
        .arg(check.cycleLength)
        .arg(check.problem);
}

void buildRing(Simulation& sim, int n, Millis gap = 200ms) {
    for (int i = 0; i < n; ++i) {
        sim.addNode();
        sim.run(gap);
    }
}

// Publishes `count` records from random nodes and waits until every put was accepted.
QList<Record> publishRecords(Simulation& sim, int count) {
    const crypto::Identity publisher = sim.makeIdentity();
    QList<Record> records;
    int accepted = 0, answered = 0;
    const QList<ChordNode*> nodes = sim.joinedNodes();
    for (int i = 0; i < count; ++i) {
        Record record =
            Record::create(publisher, recordKey(QStringLiteral("kw:word%1").arg(i)),
                           QByteArray("file ") + QByteArray::number(i), sim.clock().unixMillis(), 86'400);
        records.append(record);
        nodes[i % nodes.size()]->put(record, [&](bool ok) {
            ++answered;
            accepted += ok;
        });
    }
    sim.runUntil([&] { return answered == count; }, 120s);
    if (accepted != count)
        qWarning() << "only" << accepted << "of" << count << "puts were accepted";
    return records;
}

// How many of `records` a reader can no longer find.
int countLost(Simulation& sim, const QList<Record>& records) {
    int lost = 0, answered = 0;
    const QList<ChordNode*> nodes = sim.joinedNodes();
    for (int i = 0; i < records.size(); ++i) {
        const Record expected = records[i];
        nodes[(i * 7) % nodes.size()]->get(expected.key,
                                           [&, expected](const QList<Record>& found, const LookupResult&) {
                                               ++answered;
                                               lost += !found.contains(expected);
                                           });
    }
    sim.runUntil([&] { return answered == records.size(); }, 300s);
    return lost + int(records.size()) - answered;
}

} // namespace

class TestChordNode final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sequentialJoinsConverge_data() {
        QTest::addColumn<int>("nodes");
        for (int n : {1, 2, 3, 10, 100})
            QTest::addRow("%d", n) << n;
    }

    void sequentialJoinsConverge() {
        QFETCH(int, nodes);
        Simulation sim(options(100 + quint64(nodes)));
        buildRing(sim, nodes);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        QCOMPARE(sim.joinedNodes().size(), nodes);
    }

    void everyNodeLearnsItsOwnEndpointFromItsPeers() {
        // With no NAT on the way, what distinct peers report is the node's own endpoint, port and all.
        Simulation sim(options(4242));
        buildRing(sim, 8);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        sim.run(5s);
        for (const ChordNode* node : sim.nodes()) {
            const QList<net::ObservedAddress> seen = node->observedAddresses();
            QCOMPARE(seen.size(), 1);
            QCOMPARE(seen.first().endpoint(), std::optional<net::Endpoint>(node->self().endpoint));
            QVERIFY(!seen.first().symmetric);
            QVERIFY(seen.first().sources >= 2);
        }
    }

    void aNodeBehindANatLearnsTheBoxsEndpointOrThatItIsSymmetric_data() {
        QTest::addColumn<bool>("symmetric");
        QTest::newRow("cone") << false;
        QTest::newRow("symmetric") << true;
    }

    void aNodeBehindANatLearnsTheBoxsEndpointOrThatItIsSymmetric() {
        QFETCH(bool, symmetric);
        Simulation sim(options(4343));
        buildRing(sim, 6);
        QVERIFY(converge(sim));
        net::NatBehaviour behaviour;
        if (symmetric) {
            behaviour.mapping = net::NatMapping::AddressAndPortDependent;
            behaviour.preservePorts = false;
        }
        const int box = sim.network().addNat(behaviour);
        auto transport = sim.network().createTransportBehind(box);
        SeededRandom random(9);
        ChordNode home(sim.makeIdentity(), *transport, sim.clock(), random, sim.options().chord);
        home.join({sim.nodes().first()->self().endpoint});
        QSignalSpy changed(&home, &ChordNode::observedAddressChanged);
        sim.run(30s);

        const QList<net::ObservedAddress> seen = home.observedAddresses();
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().address, sim.network().nat(box).publicAddress());
        QCOMPARE(seen.first().symmetric, symmetric);
        if (symmetric)
            QVERIFY(!seen.first().endpoint());
        else
            QCOMPARE(seen.first().endpoint(),
                     std::optional<net::Endpoint>({sim.network().nat(box).publicAddress(), 4000}));
        QVERIFY(home.self().endpoint != seen.first().endpoint()); // it knew only its private address
        QVERIFY(changed.count() >= 1);
    }

    void concurrentJoinsConverge_data() {
        QTest::addColumn<int>("nodes");
        for (int n : {2, 3, 10, 100})
            QTest::addRow("%d", n) << n;
    }

    // Everyone but the first node asks to join at the same instant, all through that one node.
    void concurrentJoinsConverge() {
        QFETCH(int, nodes);
        Simulation sim(options(200 + quint64(nodes)));
        ChordNode& first = sim.addNode();
        QList<ChordNode*> joiners;
        for (int i = 1; i < nodes; ++i)
            joiners.append(&sim.addIdleNode());
        for (ChordNode* node : joiners)
            sim.startJoin(*node, &first);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        QCOMPARE(sim.joinedNodes().size(), nodes);
    }

    void thousandNodesConverge() {
        Simulation sim(options(1000));
        buildRing(sim, 1000, 50ms);
        QVERIFY2(converge(sim, 1200s), qPrintable(describe(sim.checkRing())));
    }

    // Joins, crashes and graceful leaves at random; Zave's invariants are checked after every round.
    void invariantsHoldUnderRandomChurn() {
        Simulation sim(options(77));
        buildRing(sim, 40);
        QVERIFY(converge(sim));
        SeededRandom random(4242);
        int joins = 0, crashes = 0, leaves = 0;
        for (int round = 0; round < 150; ++round) {
            const QList<ChordNode*> nodes = sim.joinedNodes();
            const quint64 dice = random.bounded(10);
            if (dice < 3) {
                sim.addNode();
                ++joins;
            } else if (dice < 5 && nodes.size() > 20) {
                sim.crash(*nodes[qsizetype(random.bounded(quint64(nodes.size())))]);
                ++crashes;
            } else if (dice < 7 && nodes.size() > 20) {
                sim.leave(*nodes[qsizetype(random.bounded(quint64(nodes.size())))]);
                ++leaves;
            }
            sim.run(1000ms);
            const RingCheck check = sim.checkRing();
            QVERIFY2(check.invariantsHold(),
                     qPrintable(QStringLiteral("round %1: ").arg(round) + describe(check)));
        }
        QVERIFY(joins > 20 && crashes > 10 && leaves > 10);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
    }

    // A network split in two for long enough that each side forms a ring of its own; once it heals, the two
    // rings must become one. Neither side is alone, so nobody is left without successors to go looking.
    void partitionedRingsMergeOnceHealed_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("cutOff");
        QTest::newRow("5 split 3 and 2") << 5 << 2;
        QTest::newRow("40 split in halves") << 40 << 20;
        QTest::newRow("40, a quarter cut off") << 40 << 10;
    }

    void partitionedRingsMergeOnceHealed() {
        QFETCH(int, size);
        QFETCH(int, cutOff);
        Simulation sim(options(5000 + quint64(size + cutOff)));
        buildRing(sim, size);
        QVERIFY(converge(sim));
        QList<ChordNode*> nodes = sim.joinedNodes();
        std::shuffle(nodes.begin(), nodes.end(), std::mt19937_64(quint64(size * cutOff)));
        QSet<NodeId> apart;
        for (ChordNode* node : nodes.mid(0, cutOff)) {
            sim.network().setGroup(node->self().endpoint, 1);
            apart.insert(node->id());
        }
        // Each side forgets the other: no successor list reaches across.
        const auto split = [&] {
            for (const ChordNode* node : std::as_const(nodes))
                for (const NodeRef& successor : node->successors().entries())
                    if (apart.contains(successor.id) != apart.contains(node->id()))
                        return false;
            return true;
        };
        QVERIFY(sim.runUntil(split, 120s, 500ms));
        sim.run(30s);

        sim.network().healPartitions();
        QVERIFY2(converge(sim, 300s), qPrintable(describe(sim.checkRing())));
    }

    void lookupsAgreeWithTheOracle() {
        Simulation sim(options(31337));
        buildRing(sim, 200, 100ms);
        QVERIFY(converge(sim));
        sim.run(120s); // let the fingers fill in
        const QList<ChordNode*> nodes = sim.joinedNodes();
        SeededRandom random(9);
        int done = 0, wrong = 0, notFound = 0;
        long totalHops = 0;
        constexpr int kLookups = 10'000;
        for (int i = 0; i < kLookups; ++i) {
            const NodeId key = NodeId::hashOf(random.bytes(16));
            const NodeId expected = sim.trueOwner(key);
            nodes[qsizetype(random.bounded(quint64(nodes.size())))]->lookup(
                key, [&, expected](const LookupResult& r) {
                    ++done;
                    notFound += !r.found;
                    wrong += r.found && r.owner.id != expected;
                    totalHops += r.hops();
                });
        }
        QVERIFY(sim.runUntil([&] { return done == kLookups; }, 120s, 100ms));
        QCOMPARE(notFound, 0);
        QCOMPARE(wrong, 0);
        const double meanHops = double(totalHops) / kLookups;
        qInfo("200 nodes: mean %.2f hops per lookup", meanHops);
        QVERIFY(meanHops <= 0.5 * std::log2(200.0) + 0.5);

        // Keys on the boundaries: a node's own ID (how a provider is found on the ring) and its neighbours.
        int boundaryDone = 0, boundaryWrong = 0;
        for (const ChordNode* target : nodes) {
            for (const NodeId& key : {target->id(), target->id() - NodeId::fromInteger(1),
                                      target->id() + NodeId::fromInteger(1)}) {
                const NodeId expected = sim.trueOwner(key);
                nodes[qsizetype(random.bounded(quint64(nodes.size())))]->lookup(
                    key, [&, expected](const LookupResult& r) {
                        ++boundaryDone;
                        boundaryWrong += !r.found || r.owner.id != expected;
                    });
            }
        }
        QVERIFY(sim.runUntil([&] { return boundaryDone == 3 * nodes.size(); }, 120s, 100ms));
        QCOMPARE(boundaryWrong, 0);
    }

    void aNodeThatLeftDoesNotJoinAgain() {
        // A late retry (a name lookup answered after stop) calls join() on a node that has left: nothing.
        Simulation sim(options(556));
        for (int i = 0; i < 3; ++i)
            sim.addNode();
        QVERIFY(sim.runUntil([&] { return sim.converged(); }, 60s));
        ChordNode& gone = *sim.nodes().last();
        bool left = false;
        gone.leave([&] { left = true; });
        QVERIFY(sim.runUntil([&] { return left; }, 30s));
        gone.join({sim.nodes().first()->self().endpoint});
        sim.run(10s);
        QCOMPARE(gone.state(), ChordNode::State::Left);
        for (const ChordNode* node : sim.nodes())
            if (node != &gone)
                QVERIFY(!node->successors().contains(gone.id()));
    }

    void gracefulLeaveOfThirtyPercentLosesNothing() {
        Simulation sim(options(555));
        buildRing(sim, 100, 100ms);
        QVERIFY(converge(sim));
        const QList<Record> records = publishRecords(sim, 500);
        sim.run(30s);
        QCOMPARE(countLost(sim, records), 0);

        SeededRandom random(5);
        for (int i = 0; i < 30; ++i) {
            const QList<ChordNode*> nodes = sim.joinedNodes();
            sim.leave(*nodes[qsizetype(random.bounded(quint64(nodes.size())))]);
            sim.run(2s);
        }
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        QCOMPARE(sim.joinedNodes().size(), 70);
        QCOMPARE(countLost(sim, records), 0);
    }

    // Published records outlive their TTL because the publisher renews them; once withdrawn, they expire.
    void publishersRepublishUntilWithdrawn() {
        SimulationOptions o = options(4711);
        o.chord.republishInterval = 60s;
        o.chord.expireInterval = 30s;
        Simulation sim(o);
        buildRing(sim, 30);
        QVERIFY(converge(sim));
        ChordNode& publisher = *sim.joinedNodes()[7];
        const NodeId key = recordKey(QStringLiteral("kw:holiday"));
        publisher.publish(key, "photos.zip", 150);
        const auto holders = [&] {
            int count = 0;
            for (const ChordNode* node : sim.joinedNodes())
                count += !node->store().get(key, sim.clock().unixMillis()).isEmpty();
            return count;
        };
        const auto readable = [&] {
            std::optional<bool> found;
            sim.joinedNodes()[20]->get(key, [&](const QList<Record>& records, const LookupResult&) {
                found = !records.isEmpty() && records.first().value == "photos.zip";
            });
            sim.runUntil([&] { return found.has_value(); }, 30s, 10ms);
            return found.value_or(false);
        };
        sim.run(5s);
        QVERIFY(readable());
        QCOMPARE(holders(), sim.options().chord.replicationFactor);
        sim.run(600s); // four TTLs
        QVERIFY(readable());
        publisher.unpublish(key, "photos.zip");
        QCOMPARE(publisher.publishedCount(), 0);
        sim.run(300s);
        QVERIFY(!readable());
        QCOMPARE(holders(), 0);
    }

    // One datagram in twenty lost: retries keep the ring whole and lookups right.
    void lossyLinksStillConvergeAndRoute() {
        SimulationOptions o = options(99);
        o.links.lossRate = 0.05;
        o.chord.rpc.attempts = 3;
        Simulation sim(o);
        buildRing(sim, 60);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        SeededRandom random(1);
        int done = 0, wrong = 0;
        for (int i = 0; i < 500; ++i) {
            const NodeId key = NodeId::hashOf(random.bytes(8));
            const NodeId expected = sim.trueOwner(key);
            sim.joinedNodes()[i % 60]->lookup(key, [&, expected](const LookupResult& r) {
                ++done;
                wrong += !r.found || r.owner.id != expected;
            });
        }
        QVERIFY(sim.runUntil([&] { return done == 500; }, 120s));
        QVERIFY2(wrong <= 5, qPrintable(QString::number(wrong))); // at most 1%
    }

    void crashOfManyAtOnce_data() {
        QTest::addColumn<int>("percent");
        QTest::addColumn<int>("replicas");
        QTest::newRow("25% crash, k=4") << 25 << 4;
        QTest::newRow("50% crash, k=8") << 50 << 8;
    }

    void crashOfManyAtOnce() {
        QFETCH(int, percent);
        QFETCH(int, replicas);
        Simulation sim(options(900 + quint64(percent), 8, replicas));
        buildRing(sim, 200, 100ms);
        QVERIFY(converge(sim));
        const QList<Record> records = publishRecords(sim, 1000);
        sim.run(30s);
        QCOMPARE(countLost(sim, records), 0);
        // Every record sits on exactly its owner and the k-1 successors after it.
        int copies = 0, short_ = 0;
        for (const Record& record : records) {
            int holders = 0;
            for (const ChordNode* node : sim.joinedNodes())
                holders += node->store().get(record.key, sim.clock().unixMillis()).contains(record);
            copies += holders;
            short_ += holders < replicas;
        }
        qInfo("%.2f copies per record on average", double(copies) / records.size());
        QCOMPARE(short_, 0);
        QCOMPARE(copies, replicas * int(records.size()));

        QList<ChordNode*> nodes = sim.joinedNodes();
        SeededRandom random{quint64(percent)};
        std::shuffle(nodes.begin(), nodes.end(), std::mt19937_64(random.next64()));
        const int victims = int(nodes.size()) * percent / 100;
        for (int i = 0; i < victims; ++i)
            sim.crash(*nodes[i]);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        sim.run(30s); // re-replication after repair
        const int lost = countLost(sim, records);
        qInfo("%d%% crashed with k=%d: %d of %lld records lost", percent, replicas, lost, records.size());
        QVERIFY2(lost * 100 < records.size(), qPrintable(QString::number(lost)));
    }

    void restartAtAnotherAddressRejoinsAtOnce_data() {
        QTest::addColumn<int>("nodes");
        for (int n : {2, 3, 20})
            QTest::addRow("%d", n) << n;
    }

    // A node killed and started again with its identity at another address, while the ring still names it
    // at the old one: its join must not take that stale entry for itself (and give up until the next
    // retry), and its neighbours take its new address once it proves it there, without waiting to find
    // the old one dead.
    void restartAtAnotherAddressRejoinsAtOnce() {
        QFETCH(int, nodes);
        Simulation sim(options(1200 + quint64(nodes)));
        buildRing(sim, nodes - 1);
        crypto::Identity identity = sim.makeIdentity();
        const NodeId id = identity.nodeId();
        const net::Endpoint old = sim.addNode(identity.clone()).self().endpoint;
        QVERIFY(converge(sim));
        sim.crash(*sim.nodes().last());

        ChordNode& again = sim.addNode(std::move(identity));
        QCOMPARE(again.self().id, id);
        QVERIFY(again.self().endpoint != old);
        const Millis start = sim.clock().now();
        QVERIFY(sim.runUntil([&] { return again.state() == ChordNode::State::Joined; }, 60s, 10ms));
        const Millis joined = sim.clock().now() - start;
        // A few round trips of at most 60 ms; giving up would cost the 5 s rejoin interval.
        QVERIFY2(joined < 1s, qPrintable(QString::number(joined.count())));
        // On a ring of two, the other node is both neighbours and hears from the new address at once: the
        // ring is whole in a stabilize round (1 s), before the old address could be found dead (two 400 ms
        // timeouts after the next predecessor check). On larger rings the node before it still has to find
        // the old address dead; the successor lists then heal round by round.
        QVERIFY2(sim.runUntil([&] { return sim.converged(); }, nodes == 2 ? 1500ms : 30s, 10ms),
                 qPrintable(describe(sim.checkRing())));
    }

    void walkRingVisitsEveryNodeInRingOrder() {
        Simulation sim(options(700));
        buildRing(sim, 12);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        ChordNode& from = *sim.joinedNodes()[5];

        std::optional<std::pair<QList<NodeRef>, bool>> walked;
        from.walkRing(100,
                      [&](const QList<NodeRef>& ring, bool complete) { walked.emplace(ring, complete); });
        QVERIFY(sim.runUntil([&] { return walked.has_value(); }, 60s));
        QVERIFY(walked->second);
        const QList<NodeRef>& ring = walked->first;
        QCOMPARE(ring.size(), 12);
        QCOMPARE(ring.first().id, from.id());
        for (qsizetype i = 0; i < ring.size(); ++i)
            QCOMPARE(ring[(i + 1) % ring.size()].id, sim.trueOwner(ring[i].id + NodeId::fromInteger(1)));

        // A limit below the ring's size stops the walk there and says it is not the whole ring.
        walked.reset();
        from.walkRing(5, [&](const QList<NodeRef>& ring, bool complete) { walked.emplace(ring, complete); });
        QVERIFY(sim.runUntil([&] { return walked.has_value(); }, 60s));
        QVERIFY(!walked->second);
        QCOMPARE(walked->first.size(), 5);
    }

    void walkRingOfOneNodeAndOfANodeThatGoes() {
        Simulation sim(options(701));
        ChordNode& alone = sim.addNode();
        sim.run(1s);
        std::optional<bool> complete;
        QList<NodeRef> ring;
        alone.walkRing(10, [&](const QList<NodeRef>& nodes, bool whole) {
            ring = nodes;
            complete = whole;
        });
        QVERIFY(sim.runUntil([&] { return complete.has_value(); }, 10s));
        QVERIFY(*complete);
        QCOMPARE(ring.size(), 1);

        // A node destroyed in the middle of a walk never calls back.
        buildRing(sim, 7);
        QVERIFY2(converge(sim), qPrintable(describe(sim.checkRing())));
        ChordNode& walker = *sim.joinedNodes()[3];
        bool called = false;
        walker.walkRing(100, [&](const QList<NodeRef>&, bool) { called = true; });
        sim.run(10ms);
        sim.crash(walker);
        sim.run(30s);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestChordNode)
#include "tst_chordnode.moc"
