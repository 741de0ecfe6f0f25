// Reverse connections on the DHT's side: a rendezvous takes only attachments a client signed, fresh and not
// replayed, and passes on a call only from a proven requester to a client it holds, within its limits;
// on the simulated network with NAT boxes, a client attaches to its rendezvous, hears a member's call
// through it, and attaches to the next rendezvous when its own dies. Deterministic, on virtual time.
#include "../support/reachabilitysim.h"
#include "base/manualclock.h"
#include "dht/rendezvousservice.h"
#include "dht/simulation.h"

#include <QSignalSpy>
#include <QTest>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;
using net::AttachStatus;
using net::CallStatus;
using net::Endpoint;

namespace {

class FakeHost final : public RendezvousService::Host {
public:
    bool member = true;
    QList<std::pair<Endpoint, net::Connect>> sent;
    [[nodiscard]] bool isMember() const override { return member; }
    void sendConnect(const Endpoint& client, const net::Connect& connect) override {
        sent.append({client, connect});
    }
};

Endpoint at(const char* address, quint16 port) {
    return Endpoint{QHostAddress(QString::fromLatin1(address)), port};
}

net::RequestContext from(const Endpoint& endpoint, bool proven = true) {
    return net::RequestContext{endpoint, at("198.51.100.1", 4000), proven};
}

net::Attach signedAttach(const crypto::Identity& client, const NodeId& rendezvous, qint64 timestampMs) {
    return net::Attach{client.publicKey(), timestampMs,
                       client.sign(net::attachBytes(rendezvous, client.nodeId(), timestampMs))};
}

} // namespace

class TestRendezvous final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void takesOnlyFreshSignedAttachments() {
        ManualClock clock;
        FakeHost host;
        const NodeId self = NodeId::fromInteger(5);
        RendezvousService service(host, self, clock);
        const crypto::Identity client = crypto::Identity::generate();
        const Endpoint home = at("203.0.113.7", 50000);
        const qint64 now = clock.unixMillis();

        QCOMPARE(service.onAttach(from(home, false), signedAttach(client, self, now)), AttachStatus::Refused);
        // Signed for another rendezvous, or by another key than the one it carries.
        QCOMPARE(service.onAttach(from(home), signedAttach(client, NodeId::fromInteger(6), now)),
                 AttachStatus::Refused);
        net::Attach swapped = signedAttach(client, self, now);
        swapped.publicKey = crypto::Identity::generate().publicKey();
        QCOMPARE(service.onAttach(from(home), swapped), AttachStatus::Refused);
        // From a clock far off.
        QCOMPARE(service.onAttach(from(home), signedAttach(client, self, now - 11 * 60'000)),
                 AttachStatus::Refused);
        QVERIFY(!service.clientAt(client.nodeId()));

        QCOMPARE(service.onAttach(from(home), signedAttach(client, self, now)), AttachStatus::Attached);
        QCOMPARE(service.clientAt(client.nodeId()), home);
        // The same Attach again from the same place is a retry whose answer was lost.
        QCOMPARE(service.onAttach(from(home), signedAttach(client, self, now)), AttachStatus::Attached);
        // From elsewhere it is a replay: the client stays where it was.
        QCOMPARE(service.onAttach(from(at("192.0.2.66", 1234)), signedAttach(client, self, now)),
                 AttachStatus::Refused);
        QCOMPARE(service.clientAt(client.nodeId()), home);
        // A renewal moves it (its NAT gave it another port).
        clock.advance(20s);
        const Endpoint moved = at("203.0.113.7", 50001);
        QCOMPARE(service.onAttach(from(moved), signedAttach(client, self, clock.unixMillis())),
                 AttachStatus::Attached);
        QCOMPARE(service.clientAt(client.nodeId()), moved);
        // Not renewed, it lapses.
        clock.advance(90s);
        QVERIFY(!service.clientAt(client.nodeId()));
        QCOMPARE(service.clientCount(), 0);

        host.member = false;
        QCOMPARE(service.onAttach(from(home), signedAttach(client, self, clock.unixMillis())),
                 AttachStatus::Refused);
    }

    void isFullAtItsLimit() {
        ManualClock clock;
        FakeHost host;
        const NodeId self = NodeId::fromInteger(5);
        RendezvousOptions options;
        options.maxClients = 2;
        RendezvousService service(host, self, clock, options);
        const qint64 now = clock.unixMillis();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(service.onAttach(from(at("203.0.113.7", quint16(5000 + i))),
                                      signedAttach(crypto::Identity::generate(), self, now)),
                     AttachStatus::Attached);
        const crypto::Identity third = crypto::Identity::generate();
        QCOMPARE(service.onAttach(from(at("203.0.113.8", 5000)), signedAttach(third, self, now)),
                 AttachStatus::Full);
        clock.advance(91s); // the first two lapse
        QCOMPARE(
            service.onAttach(from(at("203.0.113.8", 5000)), signedAttach(third, self, clock.unixMillis())),
            AttachStatus::Attached);

        // One address cannot take every place with keys it made up.
        RendezvousOptions perSource;
        perSource.maxClientsPerSource = 2;
        RendezvousService shared(host, self, clock, perSource);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(shared.onAttach(from(at("203.0.113.9", quint16(6000 + i))),
                                     signedAttach(crypto::Identity::generate(), self, clock.unixMillis())),
                     AttachStatus::Attached);
        QCOMPARE(shared.onAttach(from(at("203.0.113.9", 6002)),
                                 signedAttach(crypto::Identity::generate(), self, clock.unixMillis())),
                 AttachStatus::Full);
        QCOMPARE(shared.onAttach(from(at("203.0.113.10", 6002)),
                                 signedAttach(crypto::Identity::generate(), self, clock.unixMillis())),
                 AttachStatus::Attached);
    }

    void passesOnCallsOnlyFromProvenRequestersWithinLimits() {
        ManualClock clock;
        FakeHost host;
        const NodeId self = NodeId::fromInteger(5);
        RendezvousOptions options;
        options.callsPerRequester = 3;
        RendezvousService service(host, self, clock, options);
        const crypto::Identity client = crypto::Identity::generate();
        const Endpoint home = at("203.0.113.7", 50000);
        QCOMPARE(service.onAttach(from(home), signedAttach(client, self, clock.unixMillis())),
                 AttachStatus::Attached);
        const NodeId caller = NodeId::fromInteger(77);
        const Endpoint callerAt = at("198.51.100.20", 6001);
        const net::CallMe call{client.nodeId(), 7000, caller};

        QCOMPARE(service.onCallMe(from(callerAt, false), call), CallStatus::Refused);
        QCOMPARE(service.onCallMe(from(callerAt), net::CallMe{NodeId::fromInteger(9), 7000, caller}),
                 CallStatus::Unknown);
        // Nobody on the internet gets a client to dial into its own host.
        QCOMPARE(service.onCallMe(from(at("127.0.0.1", 6001)), call), CallStatus::Refused);
        QVERIFY(host.sent.isEmpty());

        QCOMPARE(service.onCallMe(from(callerAt), call), CallStatus::Forwarded);
        QCOMPARE(host.sent.size(), 1);
        QCOMPARE(host.sent[0].first, home);
        // The client is told the request's own source address, with the port it named.
        QCOMPARE(host.sent[0].second.requester, (net::NodeRef{caller, at("198.51.100.20", 7000)}));
        QCOMPARE(service.onCallMe(from(callerAt), call), CallStatus::Forwarded);
        QCOMPARE(service.onCallMe(from(at("198.51.100.20", 6002)), call), CallStatus::Forwarded);
        QCOMPARE(service.onCallMe(from(callerAt), call), CallStatus::Busy);
        QCOMPARE(host.sent.size(), 3);
        clock.advance(61s);
        QCOMPARE(service.onAttach(from(home), signedAttach(client, self, clock.unixMillis())),
                 AttachStatus::Attached);
        QCOMPARE(service.onCallMe(from(callerAt), call), CallStatus::Forwarded);
        QCOMPARE(service.stats().forwarded, 4u);
    }

    void aClientHearsACallThroughItsRendezvous() {
        Simulation sim(reachabilityRingOptions(31));
        publicRing(sim, 6);
        const int box = sim.network().addNat();
        ChordNode& home = sim.addNodeBehind(box);
        QVERIFY(sim.runUntil([&] { return home.isClient() && home.attachedRendezvous(); }, 60s));
        QCOMPARE(home.attachedRendezvous()->id, home.rendezvous()->id);
        ChordNode* rendezvous = memberWithId(sim, home.attachedRendezvous()->id);
        QVERIFY(rendezvous);
        // The rendezvous knows the client at its NAT's public address.
        const std::optional<Endpoint> clientAt = rendezvous->rendezvousService().clientAt(home.id());
        QVERIFY(clientAt);
        QCOMPARE(clientAt->address, sim.network().nat(box).publicAddress());

        ChordNode* caller =
            sim.members().first() == rendezvous ? sim.members().last() : sim.members().first();
        QSignalSpy calls(&home, &ChordNode::connectRequested);
        std::optional<std::optional<CallStatus>> status;
        caller->askToConnect(*home.attachedRendezvous(), home.id(), 7000,
                             [&](auto answer) { status = answer; });
        QVERIFY(sim.runUntil([&] { return status.has_value() && calls.count() == 1; }, 10s, 10ms));
        QCOMPARE(status->value(), CallStatus::Forwarded);
        const auto requester = calls.first().first().value<net::NodeRef>();
        QCOMPARE(requester.id, caller->id());
        QCOMPARE(requester.endpoint, (Endpoint{caller->self().endpoint.address, 7000}));

        // A client nobody holds.
        status.reset();
        caller->askToConnect(*home.attachedRendezvous(), NodeId::fromInteger(3), 7000,
                             [&](auto answer) { status = answer; });
        QVERIFY(sim.runUntil([&] { return status.has_value(); }, 10s, 10ms));
        QCOMPARE(status->value(), CallStatus::Unknown);
        // The renewals keep it attached well past the rendezvous's lifetime.
        sim.run(200s);
        QVERIFY(rendezvous->rendezvousService().clientAt(home.id()));
        QCOMPARE(calls.count(), 1);
    }

    void aClientAttachesToTheNextRendezvousWhenItsOwnDies() {
        Simulation sim(reachabilityRingOptions(32));
        publicRing(sim, 6);
        ChordNode& home = sim.addNodeBehind(sim.network().addNat());
        QVERIFY(sim.runUntil([&] { return home.isClient() && home.attachedRendezvous(); }, 60s));
        const NodeId first = home.attachedRendezvous()->id;
        QSignalSpy changes(&home, &ChordNode::attachmentChanged);
        ChordNode* dying = memberWithId(sim, first);
        QVERIFY(dying);
        sim.crash(*dying);
        const Millis crashed = sim.clock().now();
        // To the member that owns its ID now.
        QVERIFY(sim.runUntil(
            [&] {
                return home.attachedRendezvous() && home.attachedRendezvous()->id == sim.trueOwner(home.id());
            },
            30s, 50ms));
        QVERIFY(home.attachedRendezvous()->id != first);
        const Millis moved = sim.clock().now() - crashed;
        qInfo() << "attached to the next rendezvous" << moved.count() << "ms after the first died";
        QVERIFY2(moved <= 8s, qPrintable(QString::number(moved.count())));
        ChordNode* next = memberWithId(sim, home.attachedRendezvous()->id);
        QVERIFY(next && next->rendezvousService().clientAt(home.id()));
        QVERIFY(changes.count() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestRendezvous)
#include "tst_rendezvous.moc"
