// The hostile DHT peers of tst_hostilepeers, whose cases only needed time to pass (rounds of maintenance,
// wedging into the ring, lookups): a liar about successors and fingers, a source of forged and stale
// records, a replica that answers reads with them, and impostors. The same hostile answers from real
// ChordNodes' point of view, on the simulated network and a ManualClock.
#include "../transfer/simpeer.h"
#include "crypto/cryptoinit.h"
#include "dht/chordnode.h"
#include "dht/record.h"
#include "honestnetwork.h"
#include "hostilepeer.h"

#include <QSet>
#include <QTest>
#include <algorithm>

using namespace ringshare;
using namespace ringshare::hostile;
using namespace std::chrono_literals;
using dht::ChordNode;
using net::NodeRef;
using transfer::SimWorld;

class TestHostileRingTime final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    // 1. A proven member that names invented nodes as its neighbours and answers every lookup step with
    // invented nodes (some of them claiming to own the very key asked for).
    void liarAboutSuccessorsAndFingers() {
        // Short successor lists, so that lookups route through fingers instead of finding every owner in
        // the successor list of a ring this small.
        dht::ChordConfig config = fastConfig();
        config.successorListSize = 2;
        config.replicationFactor = 2;
        SimWorld world;
        HonestRing ring(world, config);
        QVERIFY(ring.build(6));
        const std::unique_ptr<net::Transport> hole = world.network.createTransport();
        HostileNode liar(ring.clock, identityInWidestGap(ring.ids(), 1000), std::nullopt,
                         world.network.createTransport());
        const NodeId liarId = liar.ref().id;
        QList<NodeId> withLiar = ring.ids();
        withLiar.append(liarId);
        const NodeId successorId = ownerAmong(ring.ids(), liarId);
        ChordNode* successor = ring.byId(successorId);
        QVERIFY(successor);

        QSet<NodeId> ghosts;
        const auto ghost = [&](const NodeId& id) {
            ghosts.insert(id);
            return NodeRef{id, hole->localEndpoint()};
        };
        liar.answer = [&](const net::Message& request) -> std::optional<net::Body> {
            // Enough truth mixed in to stay in the ring: its real neighbours, with an invented node
            // slipped in before each.
            if (std::holds_alternative<net::GetNeighbors>(request.body))
                return net::Neighbors{ghost(liarId - NodeId::fromInteger(1)),
                                      {ghost(liarId + NodeId::fromInteger(1)), successor->self()}};
            if (std::holds_alternative<net::Notify>(request.body))
                return net::NotifyAck{};
            if (const auto* find = std::get_if<net::FindNode>(&request.body)) {
                if (qHash(find->target) % 2 == 0)
                    return net::FindNodeReply{
                        true, {ghost(find->target), ghost(find->target + NodeId::fromInteger(1))}};
                return net::FindNodeReply{false, {ghost(liarId + NodeId::fromInteger(3))}};
            }
            return std::nullopt;
        };
        // It wedges itself in before its successor, so its predecessor adopts it and asks it things.
        const Millis wedgingFrom = world.clock.now();
        while (!liar.seen.contains(net::MessageType::GetNeighbors) &&
               world.clock.now() - wedgingFrom < 15'000ms) {
            liar.rpc().request(successor->self().endpoint, net::Notify{}, [](const net::Message*) {});
            world.runFor(100ms);
        }
        QVERIFY2(liar.seen.contains(net::MessageType::GetNeighbors), "the liar never got into the ring");
        QVERIFY(world.runUntil(
            [&] { return successor->predecessor() && successor->predecessor()->id == liarId; }, 10'000ms));
        // Fix-fingers finds it: the nodes that take it as a finger ask it lookup steps, and hear lies.
        const auto fingerOfSomeone = [&] {
            for (int n = 0; n < ring.size(); ++n) {
                const QList<NodeRef> fingers = ring.node(n).fingers().distinct();
                if (ring.node(n).successors().first().id != liarId &&
                    std::any_of(fingers.begin(), fingers.end(),
                                [&](const NodeRef& f) { return f.id == liarId; }))
                    return true;
            }
            return false;
        };
        QVERIFY(world.runUntil([&] { return fingerOfSomeone(); }, 15'000ms));

        // Lookups from every honest node, for keys the liar does not own: the right owner every time, and
        // no invented node anywhere in a result.
        QList<NodeId> keys;
        for (const NodeId& key : someKeys(60, 7))
            if (ownerAmong(withLiar, key) != liarId)
                keys.append(key);
        QVERIFY(keys.size() >= 40);
        int ghostsInResults = 0;
        const int wrong = wrongLookups(
            ring, keys, [&](const NodeId& key) { return ownerAmong(withLiar, key); },
            [&](const dht::LookupResult& result) {
                ghostsInResults += ghosts.contains(result.owner.id);
                for (const NodeRef& hop : result.path)
                    ghostsInResults += ghosts.contains(hop.id);
            });
        QCOMPARE(wrong, 0);
        QCOMPARE(ghostsInResults, 0);
        QVERIFY(liar.seen.contains(net::MessageType::FindNode)); // its lies about fingers were heard

        // None of its inventions entered anyone's routing state, which stays within its bounds.
        QVERIFY(!ghosts.isEmpty());
        for (int n = 0; n < ring.size(); ++n) {
            const ChordNode& node = ring.node(n);
            for (const NodeId& g : std::as_const(ghosts))
                QVERIFY2(!mentions(node, g), qPrintable(node.id().shortHex()));
            QVERIFY(node.successors().entries().size() <= node.config().successorListSize);
            QVERIFY(node.fingers().distinct().size() <= ring.size() + 1);
        }
    }

    // 2. A peer that stores forged, expired, future-dated and malformed records, replays an older copy of
    // a genuine one, and floods one key with valid records of its own.
    void forgedAndStaleRecords() {
        dht::ChordConfig config = fastConfig();
        config.store.maxRecordsPerKey = 16;
        SimWorld world;
        HonestRing ring(world, config);
        QVERIFY(ring.build(4));
        const crypto::Identity publisher = identityFor(200);
        const NodeId key = dht::recordKey(QStringLiteral("kw:holiday"));
        const qint64 now = ring.clock.unixMillis();
        const dht::Record old = dht::Record::create(publisher, key, "photos", now - 60'000, 3600);
        const dht::Record good = dht::Record::create(publisher, key, "photos", now, 3600);
        bool accepted = false;
        ring.node(1).put(good, [&](bool ok) { accepted = ok; });
        QVERIFY(world.runUntil([&] { return accepted; }, 10'000ms));
        ChordNode* owner = ring.byId(ownerAmong(ring.ids(), key));
        QVERIFY(owner);

        HostileNode forger(ring.clock, identityFor(201), std::nullopt, world.network.createTransport());
        dht::Record forged = good;
        forged.value = "malware";
        dht::Record stolen = good; // someone else's signature, its own name
        stolen.publisher = forger.identity().publicKey();
        const dht::Record expired =
            dht::Record::create(forger.identity(), key, "stale", now - 7'200'000, 3600);
        const dht::Record future =
            dht::Record::create(forger.identity(), key, "future", now + 3'600'000, 3600);
        const net::Endpoint target = owner->self().endpoint;
        QCOMPARE(store(forger.rpc(), target, forged.encode(), ring.waitFor), net::StoreStatus::Invalid);
        QCOMPARE(store(forger.rpc(), target, stolen.encode(), ring.waitFor), net::StoreStatus::Invalid);
        QCOMPARE(store(forger.rpc(), target, expired.encode(), ring.waitFor), net::StoreStatus::Expired);
        QCOMPARE(store(forger.rpc(), target, future.encode(), ring.waitFor), net::StoreStatus::Expired);
        QCOMPARE(store(forger.rpc(), target, QByteArray("\xa1\x01\x02", 3), ring.waitFor),
                 net::StoreStatus::Invalid);
        QCOMPARE(store(forger.rpc(), target, old.encode(), ring.waitFor),
                 net::StoreStatus::Unchanged); // a replay

        // Valid records of its own, many more than a key may hold.
        int full = 0;
        for (int i = 0; i < 40; ++i) {
            const dht::Record spam =
                dht::Record::create(forger.identity(), key, QByteArray::number(i), now, 3600);
            full += store(forger.rpc(), target, spam.encode(), ring.waitFor) == net::StoreStatus::Full;
        }
        QVERIFY(full > 0);
        for (int n = 0; n < ring.size(); ++n)
            QVERIFY(ring.node(n).store().get(key, ring.clock.unixMillis()).size() <=
                    config.store.maxRecordsPerKey);

        // More forgeries, from an address its cookie proves: the owner stops listening to it at all.
        QVERIFY(!owner->peerFilter().isIgnored(forger.endpoint()));
        const int limit = config.rpc.filter.garbageLimit;
        for (int i = 0; i < limit && !owner->peerFilter().isIgnored(forger.endpoint()); ++i) {
            dht::Record another = good;
            another.value = "malware " + QByteArray::number(i);
            QCOMPARE(store(forger.rpc(), target, another.encode(), ring.waitFor), net::StoreStatus::Invalid);
        }
        QVERIFY(owner->peerFilter().isIgnored(forger.endpoint()));
        const dht::Record genuineOfItsOwn = dht::Record::create(forger.identity(), key, "late", now, 3600);
        QCOMPARE(store(forger.rpc(), target, genuineOfItsOwn.encode(), ring.waitFor), std::nullopt);

        // Every honest node still reads the genuine record, as published, and nothing forged.
        for (int n = 0; n < ring.size(); ++n) {
            std::optional<QList<dht::Record>> got;
            ring.node(n).get(
                key, [&](const QList<dht::Record>& records, const dht::LookupResult&) { got = records; });
            QVERIFY(world.runUntil([&] { return got.has_value(); }, 10'000ms));
            QVERIFY(got->contains(good));
            for (const dht::Record& record : std::as_const(*got)) {
                QVERIFY(record.hasValidSignature());
                QVERIFY(record.value != "malware" && record.value != "stale" && record.value != "future");
            }
        }
    }

    // 2b. A member of the ring that answers reads with a forged record, an expired one and one filed under
    // another key, and always claims there are more pages.
    void replicaReturningForgedAndStaleRecords() {
        SimWorld world;
        HonestRing ring(world);
        QVERIFY(ring.build(4));
        HostileNode liar(ring.clock, identityInWidestGap(ring.ids(), 2000), std::nullopt,
                         world.network.createTransport());
        const NodeId key = liar.ref().id; // the liar owns it once it is in the ring
        const qint64 now = ring.clock.unixMillis();
        const crypto::Identity publisher = identityFor(250);
        const dht::Record good = dht::Record::create(publisher, key, "genuine", now, 3600);
        bool accepted = false;
        ring.node(0).put(good, [&](bool ok) { accepted = ok; });
        QVERIFY(world.runUntil([&] { return accepted; }, 10'000ms));

        dht::Record forged = good;
        forged.value = "forged";
        const dht::Record stale = dht::Record::create(publisher, key, "stale", now - 7'200'000, 3600);
        const dht::Record misfiled =
            dht::Record::create(publisher, NodeId::hashOf("elsewhere"), "misfiled", now, 3600);
        ChordNode* successor = ring.byId(ownerAmong(ring.ids(), key));
        ChordNode* predecessor = nullptr;
        for (int n = 0; n < ring.size(); ++n)
            if (ownerAmong(ring.ids(), ring.node(n).id() + NodeId::fromInteger(1)) == successor->id())
                predecessor = &ring.node(n);
        QVERIFY(successor && predecessor);
        int pages = 0;
        liar.answer = [&](const net::Message& request) -> std::optional<net::Body> {
            if (std::holds_alternative<net::GetNeighbors>(request.body))
                return net::Neighbors{predecessor->self(), {successor->self()}};
            if (std::holds_alternative<net::Notify>(request.body))
                return net::NotifyAck{};
            if (std::holds_alternative<net::Get>(request.body)) {
                ++pages;
                return net::GetReply{{forged.encode(), stale.encode(), misfiled.encode()}, true};
            }
            return std::nullopt;
        };
        const Millis wedgingFrom = world.clock.now();
        while (!(predecessor->successors().first().id == key) && world.clock.now() - wedgingFrom < 15'000ms) {
            liar.rpc().request(successor->self().endpoint, net::Notify{}, [](const net::Message*) {});
            world.runFor(100ms);
        }
        QVERIFY2(predecessor->successors().first().id == key, "the liar never got into the ring");

        // Every honest node reads the key: each read ends, with the genuine record and nothing else.
        for (int n = 0; n < ring.size(); ++n) {
            std::optional<QList<dht::Record>> got;
            ring.node(n).get(
                key, [&](const QList<dht::Record>& records, const dht::LookupResult&) { got = records; });
            QVERIFY(world.runUntil([&] { return got.has_value(); }, 10'000ms));
            QCOMPARE(*got, QList<dht::Record>{good});
        }
        QVERIFY(pages > 0); // the liar was read
        // A few pages per read at most, not one after another for as long as the liar says there are more.
        QVERIFY2(pages <= 4 * ring.size(), qPrintable(QString::number(pages)));
    }

    // 3. Peers that claim node IDs they do not own: one next to a victim's (the best predecessor there
    // could be), one claiming the victim's own ID.
    void impostorClaimingAnIdItDoesNotOwn() {
        SimWorld world;
        HonestRing ring(world);
        QVERIFY(ring.build(4));
        ChordNode& victim = ring.node(2);
        const NodeId claimed = victim.id() - NodeId::fromInteger(1);
        HostileNode impostor(ring.clock, identityFor(300), claimed, world.network.createTransport());
        impostor.answer = [&](const net::Message& request) -> std::optional<net::Body> {
            if (std::holds_alternative<net::GetNeighbors>(request.body))
                return net::Neighbors{std::nullopt, {victim.self()}};
            if (std::holds_alternative<net::Notify>(request.body))
                return net::NotifyAck{};
            return std::nullopt;
        };
        for (int i = 0; i < 20; ++i) {
            impostor.rpc().request(victim.self().endpoint, net::Notify{}, [](const net::Message*) {});
            world.runFor(50ms);
        }
        QVERIFY(world.runUntil([&] { return impostor.seen.contains(net::MessageType::Ping); },
                               5000ms)); // it was challenged
        world.runFor(500ms);             // rounds of maintenance in which it could have been adopted
        for (int n = 0; n < ring.size(); ++n) {
            QVERIFY(!mentions(ring.node(n), claimed));
            QVERIFY(!ring.node(n).isProven(impostor.ref()));
        }

        // Claiming the victim's own ID gets the claimant ignored: it hears nothing back, however it asks.
        HostileNode twin(ring.clock, identityFor(301), victim.id(), world.network.createTransport());
        QVERIFY(!ask(twin.rpc(), victim.self().endpoint, net::Ping{}, ring.waitFor));
        QVERIFY(victim.rpcStats().impostors > 0);
        QVERIFY(victim.peerFilter().isIgnored(twin.endpoint()));
        QVERIFY(!ask(twin.rpc(), victim.self().endpoint, net::FindNode{NodeId::hashOf("x")}, ring.waitFor));

        QVERIFY(ring.isExact());
        const QList<NodeId> ids = ring.ids();
        QCOMPARE(wrongLookups(ring, someKeys(20, 3), [&](const NodeId& key) { return ownerAmong(ids, key); }),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestHostileRingTime)
#include "tst_hostileringtime.moc"
