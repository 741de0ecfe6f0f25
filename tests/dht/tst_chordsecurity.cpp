// Peers that lie, on the simulated network: the honest ring must neither adopt what cannot prove itself nor
// follow answers that lead away from the key, and must refuse records that are forged or stale.
#include "dht/ring.h"
#include "dht/simulation.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;

namespace {

SimulationOptions options(quint64 seed) {
    SimulationOptions o;
    o.seed = seed;
    o.chord.stabilizeInterval = 1000ms;
    o.chord.fixFingersInterval = 500ms;
    o.chord.rpc.timeout = 400ms;
    return o;
}

// A peer on the simulated network that speaks the real protocol but answers as the test tells it to.
class FakePeer final : public net::RequestHandler {
public:
    using Answer = std::function<std::optional<net::Body>(const net::Message&)>;

    FakePeer(Simulation& sim, crypto::Identity identity, NodeId claimedId)
        : m_identity(std::move(identity)), m_claimedId(claimedId),
          m_transport(sim.network().createTransport()), m_random(sim.random().next64()),
          m_rpc(*m_transport, sim.clock(), m_random, claimedId) {
        m_rpc.setHandler(this);
    }
    ~FakePeer() { m_rpc.setHandler(nullptr); }

    NodeRef ref() const { return {m_claimedId, m_transport->localEndpoint()}; }
    net::Rpc& rpc() { return m_rpc; }
    // Proves ownership of the claimed ID with this peer's real key (which only works if they match).
    net::Pong proof(const net::Ping& ping) const {
        return net::Pong{m_identity.publicKey(),
                         m_identity.sign(net::proofBytes(ping.challenge, m_claimedId))};
    }
    Answer answer;
    int requests = 0;

private:
    std::optional<net::Body> handleRequest(const net::RequestContext&, const net::Message& request) override {
        ++requests;
        if (answer)
            if (auto body = answer(request))
                return body;
        if (const auto* ping = std::get_if<net::Ping>(&request.body))
            return ping->challenge.isEmpty() ? net::Body(net::Pong{}) : net::Body(proof(*ping));
        return std::nullopt;
    }

    crypto::Identity m_identity;
    NodeId m_claimedId;
    std::unique_ptr<net::Transport> m_transport;
    SeededRandom m_random;
    net::Rpc m_rpc;
};

// Joins n nodes one after another and waits for an exact ring.
bool buildRing(Simulation& sim, int n) {
    for (int i = 0; i < n; ++i) {
        sim.addNode();
        sim.run(200ms);
    }
    return sim.runUntil([&] { return sim.converged(); }, 300s);
}

bool mentions(const ChordNode& node, const NodeId& id) {
    if (node.predecessor() && node.predecessor()->id == id)
        return true;
    if (node.successors().contains(id))
        return true;
    const QList<NodeRef> fingers = node.fingers().distinct();
    return std::any_of(fingers.begin(), fingers.end(), [&](const NodeRef& f) { return f.id == id; });
}

NodeRef ghost(const NodeId& id, int n) {
    // An address in the simulator's range that no host has: it never answers.
    return NodeRef{id, net::Endpoint{QHostAddress(QStringLiteral("198.19.255.%1").arg(n)), 4000}};
}

} // namespace

class TestChordSecurity final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // A peer claiming an ID that is not the hash of its key is never taken as predecessor.
    void impostorIsNeverAdopted() {
        Simulation sim(options(1));
        QVERIFY(buildRing(sim, 10));
        ChordNode& victim = *sim.joinedNodes()[3];
        const NodeId claimed = victim.id() - NodeId::fromInteger(1); // the best possible predecessor
        FakePeer impostor(sim, sim.makeIdentity(), claimed);
        for (int i = 0; i < 10; ++i) {
            impostor.rpc().request(victim.self().endpoint, net::Notify{}, [](const net::Message*) {});
            sim.run(1s);
        }
        QVERIFY(impostor.requests > 0); // it was challenged
        for (const ChordNode* node : sim.joinedNodes())
            QVERIFY(!mentions(*node, claimed));
        QVERIFY(sim.converged());
    }

    // A real member that lies about its neighbours and answers lookups with nodes that lead away from
    // the key: the ghosts it names never enter anyone's routing state and lookups still succeed.
    void lyingMemberIsContained() {
        Simulation sim(options(2));
        QVERIFY(buildRing(sim, 30));

        crypto::Identity liarIdentity = sim.makeIdentity();
        const NodeId liarId = liarIdentity.nodeId();
        FakePeer liar(sim, std::move(liarIdentity), liarId);
        const NodeId successorId = sim.trueOwner(liarId);
        ChordNode* successor = nullptr;
        NodeId predecessorId;
        for (ChordNode* node : sim.joinedNodes()) {
            if (node->id() == successorId)
                successor = node;
        }
        QVERIFY(successor && successor->predecessor());
        predecessorId = successor->predecessor()->id;

        const QList<NodeRef> ghosts{ghost(predecessorId + NodeId::fromInteger(1), 1),
                                    ghost(liarId + NodeId::fromInteger(1), 2),
                                    ghost(liarId + NodeId::fromInteger(2), 3)};
        liar.answer = [&](const net::Message& request) -> std::optional<net::Body> {
            if (std::holds_alternative<net::GetNeighbors>(request.body))
                return net::Neighbors{ghosts[0], {ghosts[1], ghosts[2]}};
            if (std::holds_alternative<net::Notify>(request.body))
                return net::NotifyAck{};
            if (const auto* find = std::get_if<net::FindNode>(&request.body)) {
                // Nodes just after the liar: further from almost any key than the liar itself.
                Q_UNUSED(find);
                return net::FindNodeReply{false, {ghosts[1], ghosts[2]}};
            }
            return std::nullopt;
        };
        // The liar wedges itself in as the successor's predecessor, round after round.
        for (int i = 0; i < 40; ++i) {
            liar.rpc().request(successor->self().endpoint, net::Notify{}, [](const net::Message*) {});
            sim.run(1s);
        }
        QVERIFY(successor->predecessor() && successor->predecessor()->id == liarId);
        for (const ChordNode* node : sim.joinedNodes())
            for (const NodeRef& g : ghosts)
                QVERIFY2(!mentions(*node, g.id), qPrintable(node->id().shortHex()));

        // Lookups from everyone still reach the owner (or the liar, for the keys it now holds).
        SeededRandom random(3);
        int done = 0, wrong = 0;
        for (int i = 0; i < 300; ++i) {
            const NodeId key = NodeId::hashOf(random.bytes(8));
            const NodeId expected =
                inHalfOpenInterval(key, predecessorId, liarId) ? liarId : sim.trueOwner(key);
            ChordNode* from = sim.joinedNodes()[i % 30];
            from->lookup(key, [&, expected](const LookupResult& r) {
                ++done;
                const bool bad = !r.found || r.owner.id != expected;
                wrong += bad;
                if (bad)
                    qWarning() << "lookup from" << from->id().shortHex() << "found" << r.found << "owner"
                               << r.owner.id.shortHex() << "expected" << expected.shortHex() << "hops"
                               << r.hops() << "timeouts" << r.timeouts << "discarded" << r.discarded;
            });
        }
        QVERIFY(sim.runUntil([&] { return done == 300; }, 120s));
        QCOMPARE(wrong, 0);
    }

    // Directly: the lookup throws away an answer that moves away from the key and asks the next node.
    void lookupDiscardsAnswersMovingAway() {
        Simulation sim(options(3));
        QVERIFY(buildRing(sim, 20));
        const QList<ChordNode*> nodes = sim.joinedNodes();
        const NodeId key = NodeId::hashOf("some key");
        const NodeId owner = sim.trueOwner(key);

        // The liar sits just before the key, so it is the first node asked.
        FakePeer liar(sim, sim.makeIdentity(), key - NodeId::fromInteger(1));
        liar.answer = [&](const net::Message& request) -> std::optional<net::Body> {
            if (std::holds_alternative<net::FindNode>(request.body))
                return net::FindNodeReply{false, {nodes[0]->self(), nodes[1]->self()}};
            return std::nullopt;
        };
        FakePeer client(sim, sim.makeIdentity(), NodeId::hashOf("client"));
        std::optional<LookupResult> result;
        IterativeLookup lookup(client.rpc(), key, std::nullopt, {liar.ref(), nodes[5]->self()}, 32,
                               [&](const LookupResult& r) { result = r; });
        lookup.start();
        QVERIFY(sim.runUntil([&] { return result.has_value(); }, 60s, 10ms));
        QVERIFY(result->found);
        QCOMPARE(result->owner.id, owner);
        QCOMPARE(result->discarded, 1);
        QVERIFY(std::none_of(result->path.begin(), result->path.end(),
                             [&](const NodeRef& n) { return n.id == liar.ref().id; }));
    }

    // A liar naming an owner that does not exist (and a successor after it that does not either) costs the
    // lookup timeouts, not its result: it goes on with the candidates it has left.
    void lookupSurvivesAnInventedOwner() {
        Simulation sim(options(5));
        QVERIFY(buildRing(sim, 20));
        const QList<ChordNode*> nodes = sim.joinedNodes();
        const NodeId key = NodeId::hashOf("another key");
        const NodeId owner = sim.trueOwner(key);

        FakePeer liar(sim, sim.makeIdentity(), key - NodeId::fromInteger(1));
        liar.answer = [&](const net::Message& request) -> std::optional<net::Body> {
            if (std::holds_alternative<net::FindNode>(request.body))
                return net::FindNodeReply{true, {ghost(key, 9), ghost(key + NodeId::fromInteger(1), 10)}};
            return std::nullopt;
        };
        FakePeer client(sim, sim.makeIdentity(), NodeId::hashOf("client"));
        std::optional<LookupResult> result;
        IterativeLookup lookup(client.rpc(), key, std::nullopt, {liar.ref(), nodes[5]->self()}, 32,
                               [&](const LookupResult& r) { result = r; });
        lookup.start();
        QVERIFY(sim.runUntil([&] { return result.has_value(); }, 60s, 10ms));
        QVERIFY(result->found);
        QCOMPARE(result->owner.id, owner);
        QVERIFY(result->timeouts >= 2);
    }

    void forgedAndExpiredRecordsAreRefused() {
        Simulation sim(options(4));
        ChordNode& node = sim.addNode();
        sim.run(2s);
        FakePeer client(sim, sim.makeIdentity(), NodeId::hashOf("client"));
        const crypto::Identity publisher = sim.makeIdentity();
        const NodeId key = recordKey(QStringLiteral("kw:holiday"));
        const qint64 now = sim.clock().unixMillis();

        const Record good = Record::create(publisher, key, "good", now, 3600);
        Record forged = good;
        forged.value = "evil";
        const Record expired = Record::create(publisher, key, "old", now - 7'200'000, 3600);
        const Record future = Record::create(publisher, key, "future", now + 3'600'000, 3600);

        const auto store = [&](const QByteArray& bytes) {
            std::optional<net::StoreStatus> status;
            client.rpc().request(node.self().endpoint, net::Store{bytes}, [&](const net::Message* reply) {
                if (const auto* answer = reply ? std::get_if<net::StoreReply>(&reply->body) : nullptr)
                    status = answer->status;
            });
            sim.runUntil([&] { return status.has_value(); }, 10s, 10ms);
            return status;
        };
        QCOMPARE(store(good.encode()), net::StoreStatus::Stored);
        QCOMPARE(store(good.encode()), net::StoreStatus::Unchanged);
        QCOMPARE(store(forged.encode()), net::StoreStatus::Invalid);
        QCOMPARE(store(expired.encode()), net::StoreStatus::Expired);
        QCOMPARE(store(future.encode()), net::StoreStatus::Expired);
        QCOMPARE(store(QByteArray("\x86\x01\x02", 3)), net::StoreStatus::Invalid);

        const QList<Record> held = node.store().get(key, sim.clock().unixMillis());
        QCOMPARE(held.size(), 1);
        QCOMPARE(held.first(), good);
    }
};

QTEST_GUILESS_MAIN(TestChordSecurity)
#include "tst_chordsecurity.moc"
