// Tests for LookupRegistry: many lookups side by side on a simulated ring, each owned until it calls back
// and then let go, one started from another's callback, and none called back once its Rpc is abandoned.
#include "dht/lookupregistry.h"
#include "dht/simulation.h"

#include <QTest>

using namespace std::chrono_literals;
using ringshare::NodeId;
using ringshare::SeededRandom;
using ringshare::dht::LookupRegistry;
using ringshare::dht::LookupResult;
using ringshare::dht::NodeRef;
using ringshare::dht::Simulation;
using ringshare::dht::SimulationOptions;

class TestLookupRegistry final : public QObject {
    Q_OBJECT

    static bool buildRing(Simulation& sim, int count) {
        for (int i = 0; i < count; ++i)
            sim.addNode();
        return sim.runUntil([&] { return sim.converged(); }, 120s);
    }

private Q_SLOTS:
    void lookupsRunSideBySideAndAreLetGo() {
        Simulation sim(SimulationOptions{.seed = 11});
        QVERIFY(buildRing(sim, 12));
        const auto transport = sim.network().createTransport();
        SeededRandom random(5);
        ringshare::net::Rpc rpc(*transport, sim.clock(), random, std::nullopt);
        LookupRegistry registry(rpc);
        const NodeRef contact = sim.joinedNodes().first()->self();

        QList<NodeId> keys;
        for (int i = 0; i < 6; ++i)
            keys.append(NodeId::hashOf(QByteArray::number(i)));
        QHash<int, LookupResult> results;
        for (int i = 0; i < keys.size(); ++i)
            registry.start(keys[i], {contact}, {std::nullopt, 64, false},
                           [&, i](const LookupResult& result) { results.insert(i, result); });
        QCOMPARE(registry.running(), 6);
        QVERIFY(sim.runUntil([&] { return results.size() == keys.size(); }, 60s, 10ms));
        QCOMPARE(registry.running(), 0);
        for (int i = 0; i < keys.size(); ++i) {
            QVERIFY(results[i].found);
            QCOMPARE(results[i].owner.id, sim.trueOwner(keys[i]));
        }
    }

    void callbackMayStartAnotherLookup() {
        Simulation sim(SimulationOptions{.seed = 12});
        QVERIFY(buildRing(sim, 8));
        const auto transport = sim.network().createTransport();
        SeededRandom random(6);
        ringshare::net::Rpc rpc(*transport, sim.clock(), random, std::nullopt);
        LookupRegistry registry(rpc);
        const NodeRef contact = sim.joinedNodes().first()->self();
        const NodeId first = NodeId::hashOf("first");
        const NodeId second = NodeId::hashOf("second");

        std::optional<LookupResult> chained;
        registry.start(first, {contact}, {}, [&](const LookupResult& result) {
            QVERIFY(result.found);
            registry.start(second, {result.owner}, {}, [&](const LookupResult& next) { chained = next; });
        });
        QVERIFY(sim.runUntil([&] { return chained.has_value(); }, 60s, 10ms));
        QCOMPARE(chained->owner.id, sim.trueOwner(second));
        QCOMPARE(registry.running(), 0);
    }

    void startAtOwnerChecksTheOwner() {
        Simulation sim(SimulationOptions{.seed = 13});
        QVERIFY(buildRing(sim, 8));
        const auto transport = sim.network().createTransport();
        SeededRandom random(7);
        ringshare::net::Rpc rpc(*transport, sim.clock(), random, std::nullopt);
        LookupRegistry registry(rpc);
        ringshare::dht::ChordNode& owner = *sim.joinedNodes()[3];
        std::optional<LookupResult> result;
        registry.startAtOwner(owner.id(), owner.self(), {}, {}, [&](const LookupResult& r) { result = r; });
        QVERIFY(sim.runUntil([&] { return result.has_value(); }, 30s, 10ms));
        QVERIFY(result->found);
        QCOMPARE(result->owner.id, owner.id());
        QCOMPARE(result->verifications, 1);
        QCOMPARE(result->hops(), 0);
    }

    void abandonedLookupsNeverCallBack() {
        Simulation sim(SimulationOptions{.seed = 14});
        QVERIFY(buildRing(sim, 8));
        const auto transport = sim.network().createTransport();
        SeededRandom random(8);
        int calls = 0;
        {
            ringshare::net::Rpc rpc(*transport, sim.clock(), random, std::nullopt);
            LookupRegistry registry(rpc);
            registry.start(NodeId::hashOf("x"), {sim.joinedNodes().first()->self()}, {},
                           [&](const LookupResult&) { ++calls; });
            QCOMPARE(registry.running(), 1);
            rpc.abandonAll();
        }
        sim.run(30s);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestLookupRegistry)
#include "tst_lookupregistry.moc"
