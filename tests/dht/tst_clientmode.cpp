// Nodes others cannot dial take part as clients of the ring: rings on the simulated network with NAT boxes,
// where the members' ring stays exact with no client in anyone's routing state, clients look up, publish
// and read through members, follow their rendezvous when it dies, and change role when their reachability
// does. Deterministic, on virtual time.
#include "../support/reachabilitysim.h"
#include "dht/simulation.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;
using net::Endpoint;

namespace {

net::NatBehaviour symmetricNat() {
    net::NatBehaviour symmetric;
    symmetric.mapping = net::NatMapping::AddressAndPortDependent;
    symmetric.preservePorts = false;
    return symmetric;
}

// The first thing wrong with the members' routing state: a client in some member's predecessor,
// successor list or finger table. Empty when none is.
QString clientInRoutingState(Simulation& sim, const QSet<NodeId>& clients) {
    for (const ChordNode* member : sim.members()) {
        QList<NodeRef> routing = member->successors().entries() + member->fingers().distinct();
        if (member->predecessor())
            routing.append(*member->predecessor());
        for (const NodeRef& node : std::as_const(routing))
            if (clients.contains(node.id))
                return QStringLiteral("member %1 routes to client %2")
                    .arg(member->id().shortHex(), node.id.shortHex());
    }
    return {};
}

// Runs for `span`, checking at every step that no client is in any member's routing state and that the
// members' ring keeps Zave's invariants.
void runChecking(Simulation& sim, const QSet<NodeId>& clients, Millis span) {
    const Millis end = sim.clock().now() + span;
    while (sim.clock().now() < end) {
        sim.run(250ms);
        const QString wrong = clientInRoutingState(sim, clients);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        const RingCheck check = sim.checkRing();
        QVERIFY2(check.invariantsHold(), qPrintable(check.problem));
    }
}

NodeId keyOf(int i) {
    return NodeId::hashOf(QByteArray("client-mode key ") + QByteArray::number(i));
}

std::optional<QList<Record>> getRecords(Simulation& sim, ChordNode& from, const NodeId& key) {
    std::optional<QList<Record>> records;
    from.get(key, [&](const QList<Record>& found, const LookupResult&) { records = found; });
    sim.runUntil([&] { return records.has_value(); }, 60s, 10ms);
    return records;
}

bool putRecord(Simulation& sim, ChordNode& from, const Record& record) {
    std::optional<bool> accepted;
    from.put(record, [&](bool ok) { accepted = ok; });
    sim.runUntil([&] { return accepted.has_value(); }, 60s, 10ms);
    return accepted.value_or(false);
}

} // namespace

class TestClientMode final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void natedNodesAreClientsAndTheRingStaysExact() {
        Simulation sim(reachabilityRingOptions(21));
        publicRing(sim, 6);
        QList<ChordNode*> homes;
        for (int i = 0; i < 4; ++i)
            homes.append(&sim.addNodeBehind(sim.network().addNat()));
        homes.append(&sim.addNodeBehind(sim.network().addNat(symmetricNat())));
        QSet<NodeId> clients;
        for (ChordNode* home : std::as_const(homes))
            clients.insert(home->id());

        runChecking(sim, clients, 60s);
        QVERIFY(sim.converged());
        QCOMPARE(sim.members().size(), 6);
        for (ChordNode* home : std::as_const(homes)) {
            QVERIFY(home->isClient());
            QCOMPARE(home->reachability().state, Reachability::Unreachable);
            QCOMPARE(home->store().recordCount(), 0);
            // Its rendezvous is the member that owns its ID.
            QVERIFY(home->rendezvous());
            QCOMPARE(home->rendezvous()->id, sim.trueOwner(home->id()));
        }
        // Lookups from every node, members and clients, reach the owner among the members.
        for (ChordNode* from : sim.nodes())
            for (int i = 0; i < 8; ++i) {
                const LookupResult found = sim.lookup(*from, keyOf(i));
                QVERIFY(found.found);
                QCOMPARE(found.owner.id, sim.trueOwner(keyOf(i)));
            }
    }

    void clientsPublishAndReadThroughMembers() {
        Simulation sim(reachabilityRingOptions(22));
        publicRing(sim, 5);
        ChordNode& writer = sim.addNodeBehind(sim.network().addNat());
        ChordNode& reader = sim.addNodeBehind(sim.network().addNat());
        QVERIFY(sim.runUntil([&] { return writer.isClient() && reader.isClient(); }, 60s));
        const crypto::Identity publisher = sim.makeIdentity();
        const Record record = Record::create(publisher, keyOf(1), "at home", sim.clock().unixMillis(), 3600);
        QVERIFY(putRecord(sim, writer, record));
        sim.run(2s); // the owner copies it on to its replicas
        const std::optional<QList<Record>> read = getRecords(sim, reader, keyOf(1));
        QVERIFY(read);
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().value, QByteArray("at home"));
        // It lives on members only.
        QCOMPARE(writer.store().recordCount(), 0);
        QCOMPARE(reader.store().recordCount(), 0);
        int copies = 0;
        for (ChordNode* member : sim.members())
            copies += member->store().recordCount();
        QVERIFY(copies >= 2);
    }

    void aClientFollowsItsRendezvousWhenItDies() {
        Simulation sim(reachabilityRingOptions(23));
        publicRing(sim, 6);
        ChordNode& home = sim.addNodeBehind(sim.network().addNat());
        QVERIFY(sim.runUntil([&] { return home.isClient() && home.rendezvous(); }, 60s));
        QVERIFY(sim.runUntil([&] { return home.rendezvous()->id == sim.trueOwner(home.id()); }, 30s));
        const NodeId first = home.rendezvous()->id;
        ChordNode* dying = memberWithId(sim, first);
        QVERIFY(dying);
        sim.crash(*dying);
        const Millis crashed = sim.clock().now();
        QVERIFY(sim.runUntil(
            [&] { return home.rendezvous() && home.rendezvous()->id == sim.trueOwner(home.id()); }, 30s,
            50ms));
        QVERIFY(home.rendezvous()->id != first);
        // Bounded: the failed keep-alive's attempts, then the next stabilize round.
        const Millis moved = sim.clock().now() - crashed;
        QVERIFY2(moved <= 5s, qPrintable(QString::number(moved.count())));
        const LookupResult found = sim.lookup(home, keyOf(2));
        QVERIFY(found.found);
        QCOMPARE(found.owner.id, sim.trueOwner(keyOf(2)));
    }

    void aClientWithAPortForwardBecomesAMember() {
        Simulation sim(reachabilityRingOptions(24));
        publicRing(sim, 5);
        const int box = sim.network().addNat();
        ChordNode& home = sim.addNodeBehind(box);
        QVERIFY(sim.runUntil(
            [&] { return home.isClient() && home.reachability().state == Reachability::Unreachable; }, 120s));
        QSignalSpy roles(&home, &ChordNode::roleChanged);
        // What the port mapper does once the router gave it a port.
        sim.network().forwardPort(box, net::SimProtocol::Datagram, 41000, home.self().endpoint);
        home.setClaimedEndpoint(Endpoint{sim.network().nat(box).publicAddress(), 41000});
        QVERIFY(sim.runUntil([&] { return home.isMember(); }, 30s));
        QCOMPARE(roles.count(), 1);
        QVERIFY(sim.runUntil([&] { return sim.converged(); }, 60s, 250ms));
        QCOMPARE(sim.members().size(), 6);
        QCOMPARE(sim.trueOwner(home.id()), home.id());
        const LookupResult found = sim.lookup(*sim.members().first(), home.id());
        QVERIFY(found.found);
        QCOMPARE(found.owner.id, home.id());
    }

    void aMemberThatLosesItsMappingBecomesAClientAndHandsItsKeysOn() {
        Simulation sim(reachabilityRingOptions(25));
        publicRing(sim, 5);
        const int box = sim.network().addNat();
        ChordNode& home = sim.addNodeBehind(box);
        sim.network().forwardPort(box, net::SimProtocol::Datagram, 41000, home.self().endpoint);
        home.setClaimedEndpoint(Endpoint{sim.network().nat(box).publicAddress(), 41000});
        QVERIFY(sim.runUntil([&] { return home.isMember() && sim.converged(); }, 120s, 250ms));

        // A record the home node owns.
        const crypto::Identity publisher = sim.makeIdentity();
        const Record record =
            Record::create(publisher, home.id(), "owned at home", sim.clock().unixMillis(), 3600);
        QVERIFY(putRecord(sim, *sim.members().first(), record));
        QCOMPARE(home.store().get(home.id(), sim.clock().unixMillis()).size(), 1);

        // The router drops the mapping, and the port mapper says so.
        sim.network().removeForward(box, net::SimProtocol::Datagram, 41000);
        home.setClaimedEndpoint(std::nullopt);
        QVERIFY(sim.runUntil([&] { return home.isClient(); }, 120s));
        QCOMPARE(home.store().recordCount(), 0);
        // The members that had it as a shortcut find out when it stops answering their lookups.
        const Millis demoted = sim.clock().now();
        QVERIFY(sim.runUntil([&] { return clientInRoutingState(sim, {home.id()}).isEmpty(); }, 60s, 50ms));
        qInfo() << "out of every member's routing state after" << (sim.clock().now() - demoted).count()
                << "ms";
        runChecking(sim, {home.id()}, 20s);
        QVERIFY(sim.converged());
        const std::optional<QList<Record>> read = getRecords(sim, *sim.members().last(), home.id());
        QVERIFY(read);
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().value, QByteArray("owned at home"));
    }
};

QTEST_GUILESS_MAIN(TestClientMode)
#include "tst_clientmode.moc"
