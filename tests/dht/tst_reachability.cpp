// The reachability check (dial-back): the asker's verdicts and the member's limits as plain classes with a
// fake node, then whole rings on the simulated network with NAT boxes. Deterministic, on virtual time.
#include "../support/reachabilitysim.h"
#include "dht/dialbackservice.h"
#include "dht/reachabilitychecker.h"
#include "dht/simulation.h"
#include "net/codec.h"

#include <QSignalSpy>
#include <QTest>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;
using net::Endpoint;

namespace {

Endpoint at(const char* address, quint16 port = 4000) {
    return Endpoint{QHostAddress(QString::fromLatin1(address)), port};
}

NodeRef member(int seed, const char* address, quint16 port = 4000) {
    QByteArray bytes(NodeId::kBytes, char(seed));
    return NodeRef{*NodeId::fromBytes(bytes), at(address, port)};
}

// The asker's node, faked: it records what the checker asks and answers as told.
class FakeAsker final : public ReachabilityChecker::Host {
public:
    QList<NodeRef> members;
    std::optional<net::DialStatus> answer = net::DialStatus::Accepted;
    QList<std::pair<NodeRef, net::DialBack>> asked;
    int changes = 0;

    QList<NodeRef> dialCandidates() const override { return members; }
    void askDialBack(const NodeRef& to, const net::DialBack& dial,
                     std::function<void(std::optional<net::DialStatus>)> done) override {
        asked.append({to, dial});
        done(answer);
    }
    void onReachabilityChanged() override { ++changes; }

    QByteArray nonceFor(const NodeRef& to) const {
        for (const auto& [who, dial] : asked)
            if (who == to)
                return dial.nonce;
        return {};
    }
};

// A member's node, faked.
class FakeMember final : public DialBackService::Host {
public:
    bool member = true;
    QList<NodeRef> helpers;
    QList<NodeRef> proven;
    QList<std::pair<NodeRef, net::DialForMe>> forwarded;
    net::SimNetwork* network = nullptr;
    Endpoint host;

    bool isMember() const override { return member; }
    QList<NodeRef> dialHelpers() const override { return helpers; }
    bool isProvenPeer(const NodeRef& node) const override { return proven.contains(node); }
    void askHelper(const NodeRef& helper, const net::DialForMe& dial) override {
        forwarded.append({helper, dial});
    }
    std::unique_ptr<net::Transport> openFresh() override {
        return network ? network->createTransportBeside(host) : nullptr;
    }
};

// Counts what arrives at one simulated host.
class Inbox final : public net::DatagramReceiver {
public:
    QList<std::pair<Endpoint, QByteArray>> received;
    void onDatagram(const Endpoint& from, const Endpoint&, QByteArrayView datagram) override {
        received.append({from, datagram.toByteArray()});
    }
};

net::RequestContext from(const Endpoint& source, bool proven = true) {
    return net::RequestContext{source, at("198.51.100.1"), proven};
}

// Runs until `node` has a verdict (Reachable or Unreachable).
bool verdict(Simulation& sim, ChordNode& node, Millis limit = 180s) {
    return sim.runUntil(
        [&] {
            const Reachability state = node.reachability().state;
            return state == Reachability::Reachable || state == Reachability::Unreachable;
        },
        limit, 200ms);
}

} // namespace

class TestReachability final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ---- The asker ---------------------------------------------------------------------------------

    void twoProbesFromOtherAddressesMakeItReachable() {
        ManualClock clock;
        SeededRandom random(1);
        FakeAsker host;
        host.members = {member(1, "192.0.2.1"), member(2, "198.51.100.2"), member(3, "203.0.113.3")};
        ReachabilityChecker checker(host, clock, random);
        QCOMPARE(checker.status().state, Reachability::Unknown);
        checker.setObservedEndpoint(at("203.0.113.50", 41000));
        QCOMPARE(checker.status().state, Reachability::Checking);
        QCOMPARE(host.asked.size(), 3);
        for (const auto& [who, dial] : host.asked)
            QCOMPARE(dial.port, quint16(41000));

        checker.onProbe(at("233.252.0.9", 50000), host.asked[0].second.nonce); // from a helper
        QCOMPARE(checker.status().state, Reachability::Checking);
        clock.advance(1s);
        checker.onProbe(at("233.252.0.10", 50001), host.asked[1].second.nonce);
        QCOMPARE(checker.status().state, Reachability::Reachable);
        QCOMPARE(checker.status().endpoint, at("203.0.113.50", 41000));
        QCOMPARE(checker.status().confirmations, 2);
        QCOMPARE(checker.status().since, clock.now());
        QCOMPARE(checker.stats().probesAccepted, quint64(2));
    }

    void aLyingMemberCannotMakeItReachable() {
        ManualClock clock;
        SeededRandom random(2);
        FakeAsker host;
        const NodeRef liar = member(1, "192.0.2.1");
        const NodeRef honest = member(2, "198.51.100.2");
        host.members = {liar, honest};
        ReachabilityChecker checker(host, clock, random);
        checker.setObservedEndpoint(at("203.0.113.50", 41000));
        QCOMPARE(host.asked.size(), 2);
        const QByteArray liarsNonce = host.nonceFor(liar);
        // The liar answers from its own address, on the flow this node opened (a NAT lets that in)...
        checker.onProbe(liar.endpoint, liarsNonce);
        checker.onProbe(at("192.0.2.1", 5555), liarsNonce);
        // ...and from another address it controls: that counts once, for the liar alone.
        checker.onProbe(at("233.252.0.66", 5555), liarsNonce);
        checker.onProbe(at("233.252.0.67", 5555), liarsNonce);
        // A guessed nonce is nobody's.
        checker.onProbe(at("233.252.0.68", 5555), QByteArray(net::kDialNonceSize, 'x'));
        QCOMPARE(checker.status().state, Reachability::Checking);
        QCOMPARE(checker.status().confirmations, 1);
        clock.advance(10s);
        QCOMPARE(checker.status().state, Reachability::Unreachable);
        QCOMPARE(checker.stats().probesAccepted, quint64(1));
        QCOMPARE(checker.stats().probesRejected, quint64(4)); // two from the liar itself, a repeat, a guess
    }

    void membersOnOneAddressCountOnce() {
        ManualClock clock;
        SeededRandom random(3);
        FakeAsker host;
        // Two node IDs on one host: one address, so only one of them is asked.
        host.members = {member(1, "192.0.2.1", 4000), member(2, "192.0.2.1", 4001)};
        ReachabilityChecker checker(host, clock, random);
        checker.setObservedEndpoint(at("203.0.113.50", 41000));
        QCOMPARE(host.asked.size(), 0);
        QCOMPARE(checker.status().state, Reachability::Unknown);
        // More members later: the retry comes by itself, soon.
        host.members.append(member(3, "198.51.100.3"));
        clock.advance(ReachabilityOptions{}.fewMembersRetry);
        QCOMPARE(host.asked.size(), 2);
        QCOMPARE(checker.status().state, Reachability::Checking);
    }

    void onlyMembersOfTheClaimedFamilyAreAsked() {
        ManualClock clock;
        SeededRandom random(12);
        FakeAsker host;
        host.members = {member(1, "2001:db8:1::1"), member(2, "192.0.2.2"), member(3, "2001:db8:2::3"),
                        member(4, "198.51.100.4")};
        ReachabilityChecker checker(host, clock, random);
        checker.setObservedEndpoint(at("203.0.113.50", 41000));
        QCOMPARE(host.asked.size(), 2);
        for (const auto& [who, dial] : host.asked)
            QCOMPARE(who.endpoint.address.protocol(), QAbstractSocket::IPv4Protocol);
    }

    void prefersMembersOnOtherNetworks() {
        ManualClock clock;
        SeededRandom random(4);
        FakeAsker host;
        host.members = {member(1, "192.0.2.1"), member(2, "192.0.2.2"), member(3, "192.0.2.3"),
                        member(4, "198.51.100.4"), member(5, "203.0.113.5")};
        ReachabilityOptions options;
        options.membersAsked = 3;
        ReachabilityChecker checker(host, clock, random, options);
        checker.setObservedEndpoint(at("233.252.0.1", 41000));
        QCOMPARE(host.asked.size(), 3);
        QSet<quint32> networks;
        for (const auto& [who, dial] : host.asked)
            networks.insert(who.endpoint.address.toIPv4Address() & 0xFFFFFF00u);
        QCOMPARE(networks.size(), 3);
    }

    void refusalsGiveNoVerdict() {
        ManualClock clock;
        SeededRandom random(5);
        FakeAsker host;
        host.members = {member(1, "192.0.2.1"), member(2, "198.51.100.2")};
        host.answer = net::DialStatus::Busy;
        ReachabilityChecker checker(host, clock, random);
        checker.setObservedEndpoint(at("203.0.113.50", 41000));
        clock.advance(6s);
        QCOMPARE(checker.status().state, Reachability::Unknown); // back where it was
        host.answer = std::nullopt;                              // silence is no agreement either
        clock.advance(20s);
        QCOMPARE(checker.stats().checks, quint64(2));
        QCOMPARE(checker.status().state, Reachability::Unknown);
    }

    void unreachableIsRetriedWithBackoff() {
        ManualClock clock;
        SeededRandom random(6);
        FakeAsker host;
        host.members = {member(1, "192.0.2.1"), member(2, "198.51.100.2")};
        ReachabilityOptions options;
        options.probeTimeout = 5s;
        options.retryInterval = 60s;
        ReachabilityChecker checker(host, clock, random, options);
        checker.setObservedEndpoint(at("203.0.113.50", 41000));
        clock.advance(5s);
        QCOMPARE(checker.status().state, Reachability::Unreachable);
        const Millis since = checker.status().since;
        clock.advance(59s);
        QCOMPARE(checker.stats().checks, quint64(1));
        clock.advance(1s);
        QCOMPARE(checker.stats().checks, quint64(2)); // after 60 s
        QCOMPARE(checker.status().state, Reachability::Checking);
        clock.advance(5s);
        QCOMPARE(checker.status().state, Reachability::Unreachable);
        QCOMPARE(checker.status().since, since); // the same verdict, still since the first
        clock.advance(119s);
        QCOMPARE(checker.stats().checks, quint64(2));
        clock.advance(1s);
        QCOMPARE(checker.stats().checks, quint64(3)); // after 120 s
    }

    void aNewMappingIsCheckedAtOnce() {
        ManualClock clock;
        SeededRandom random(7);
        FakeAsker host;
        host.members = {member(1, "192.0.2.1"), member(2, "198.51.100.2")};
        ReachabilityChecker checker(host, clock, random);
        checker.setObservedEndpoint(at("203.0.113.50", 41000));
        clock.advance(10s);
        QCOMPARE(checker.status().state, Reachability::Unreachable);
        host.asked.clear();
        // The port mapper got a mapping on another external port: that one is checked, at once.
        QVERIFY(checker.setClaimedEndpoint(at("203.0.113.50", 42000)));
        QCOMPARE(host.asked.size(), 2);
        QCOMPARE(host.asked[0].second.port, quint16(42000));
        checker.onProbe(at("233.252.0.1", 1), host.asked[0].second.nonce);
        checker.onProbe(at("233.252.0.2", 1), host.asked[1].second.nonce);
        QCOMPARE(checker.status().state, Reachability::Reachable);
        QCOMPARE(checker.status().endpoint, at("203.0.113.50", 42000));
        // A newer observation does not override the mapping.
        QVERIFY(!checker.setObservedEndpoint(at("203.0.113.50", 41001)));
        QCOMPARE(checker.claimedEndpoint(), at("203.0.113.50", 42000));
        // Nothing to claim at all: unknown.
        checker.setClaimedEndpoint(std::nullopt);
        checker.setObservedEndpoint(std::nullopt);
        QCOMPARE(checker.status().state, Reachability::Unknown);
    }

    // ---- The member ----------------------------------------------------------------------------------

    void memberDialsOnlyTheRequestsSource() {
        ManualClock clock;
        SeededRandom random(8);
        FakeMember host;
        const NodeRef requester = member(1, "203.0.113.50", 4000);
        host.helpers = {requester, member(2, "203.0.113.50", 4001), member(3, "198.51.100.3")};
        DialBackService service(host, clock, random);
        const QByteArray nonce(net::kDialNonceSize, 'n');
        // The request names only a port; the address is always where the request came from.
        QCOMPARE(service.onDialBack(from(at("203.0.113.50", 5000)), net::DialBack{nonce, 41000}),
                 net::DialStatus::Accepted);
        QCOMPARE(host.forwarded.size(), 1);
        QCOMPARE(host.forwarded[0].first, member(3, "198.51.100.3")); // not the requester's address
        QCOMPARE(host.forwarded[0].second.target, at("203.0.113.50", 41000));
        QCOMPARE(host.forwarded[0].second.nonce, nonce);
        // A source not proven by a cookie may be forged: no dial at all.
        QCOMPARE(service.onDialBack(from(at("192.0.2.77", 5000), false), net::DialBack{nonce, 41000}),
                 net::DialStatus::Refused);
        // No helper but the requester's own host: refused.
        host.helpers = {requester};
        QCOMPARE(service.onDialBack(from(at("203.0.113.50", 5000)), net::DialBack{nonce, 41000}),
                 net::DialStatus::Refused);
        // Not a member (yet): refused.
        host.member = false;
        host.helpers = {member(3, "198.51.100.3")};
        QCOMPARE(service.onDialBack(from(at("203.0.113.50", 5000)), net::DialBack{nonce, 41000}),
                 net::DialStatus::Refused);
        QCOMPARE(host.forwarded.size(), 1);
    }

    void helperProbesOnlyForProvenMembers() {
        ManualClock clock;
        net::SimNetwork network(clock, 9);
        auto helperSocket = network.createTransport();
        auto target = network.createTransport();
        auto stranger = network.createTransport();
        Inbox inbox;
        target->setReceiver(&inbox);
        SeededRandom random(9);
        FakeMember host;
        host.network = &network;
        host.host = helperSocket->localEndpoint();
        const NodeRef asker = member(1, "192.0.2.1");
        host.proven = {asker};
        DialBackService service(host, clock, random);
        const QByteArray nonce(net::kDialNonceSize, 'p');
        const net::DialForMe dial{nonce, target->localEndpoint()};

        QCOMPARE(service.onDialForMe(from(stranger->localEndpoint()), member(5, "192.0.2.5").id, dial),
                 net::DialStatus::Refused);
        QCOMPARE(service.onDialForMe(from(asker.endpoint, false), asker.id, dial), net::DialStatus::Refused);
        QCOMPARE(service.onDialForMe(from(asker.endpoint), std::nullopt, dial), net::DialStatus::Refused);
        clock.advance(1s);
        QCOMPARE(inbox.received.size(), 0);

        QCOMPARE(service.onDialForMe(from(asker.endpoint), asker.id, dial), net::DialStatus::Accepted);
        clock.advance(1s);
        QCOMPARE(inbox.received.size(), 1);
        // From a fresh socket: the helper's address, another port.
        QCOMPARE(inbox.received[0].first.address, helperSocket->localEndpoint().address);
        QVERIFY(inbox.received[0].first.port != helperSocket->localEndpoint().port);
        const net::Decoded probe = net::decode(inbox.received[0].second);
        QVERIFY(probe.message);
        QCOMPARE(std::get<net::DialProbe>(probe.message->body).nonce, nonce);
        QVERIFY(!probe.message->sender);
        // Never larger than the request that caused it.
        const std::optional<QByteArray> request =
            net::encode(net::Message{1, asker.id, dial, QByteArray(net::kCookieSize, 'c')});
        QVERIFY(request);
        QVERIFY(inbox.received[0].second.size() <= request->size());
        QCOMPARE(service.stats().probesSent, quint64(1));
        QCOMPARE(service.stats().refused, quint64(3));
    }

    void helperKeepsProbesWithinTheAskersReachAndLimitsEachMember() {
        ManualClock clock;
        net::SimNetwork network(clock, 11);
        auto helperSocket = network.createTransport();
        SeededRandom random(11);
        FakeMember host;
        host.network = &network;
        host.host = helperSocket->localEndpoint();
        const NodeRef asker = member(1, "192.0.2.1");
        host.proven = {asker};
        DialBackOptions options;
        options.perForwarder = 3;
        DialBackService service(host, clock, random, options);
        const QByteArray nonce(net::kDialNonceSize, 'q');
        const auto dialFor = [&](const char* target) {
            return service.onDialForMe(from(asker.endpoint), asker.id, net::DialForMe{nonce, at(target, 7)});
        };
        // A member on the internet cannot aim probes at the helper's own host or its LAN.
        QCOMPARE(dialFor("127.0.0.1"), net::DialStatus::Refused);
        QCOMPARE(dialFor("192.168.1.10"), net::DialStatus::Refused);
        QCOMPARE(dialFor("fd00::5"), net::DialStatus::Refused);
        // Public targets are fine, but one member gets only its own share of the allowance.
        QCOMPARE(dialFor("203.0.113.1"), net::DialStatus::Accepted);
        QCOMPARE(dialFor("203.0.113.2"), net::DialStatus::Accepted);
        QCOMPARE(dialFor("203.0.113.3"), net::DialStatus::Accepted);
        QCOMPARE(dialFor("203.0.113.4"), net::DialStatus::Busy);
        QCOMPARE(service.stats().probesSent, quint64(3));

        // A member on the same LAN may have a LAN target probed.
        const NodeRef neighbour = member(2, "192.168.1.2");
        host.proven.append(neighbour);
        QCOMPARE(service.onDialForMe(from(neighbour.endpoint), neighbour.id,
                                     net::DialForMe{nonce, at("192.168.1.10", 7)}),
                 net::DialStatus::Accepted);
    }

    void rateLimitHolds() {
        ManualClock clock;
        SeededRandom random(10);
        FakeMember host;
        host.helpers = {member(3, "198.51.100.3")};
        DialBackOptions options;
        options.perSource = 2;
        options.window = 60s;
        options.perWindowTotal = 5;
        DialBackService service(host, clock, random, options);
        const QByteArray nonce(net::kDialNonceSize, 'n');
        const auto ask = [&](const char* address) {
            return service.onDialBack(from(at(address, 5000)), net::DialBack{nonce, 41000});
        };
        QCOMPARE(ask("203.0.113.50"), net::DialStatus::Accepted);
        QCOMPARE(ask("203.0.113.50"), net::DialStatus::Accepted);
        QCOMPARE(ask("203.0.113.50"), net::DialStatus::Busy);
        // Any port, and any address in one IPv6 /64, is one source.
        QCOMPARE(service.onDialBack(from(at("2001:db8:1:2::1", 1)), net::DialBack{nonce, 41000}),
                 net::DialStatus::Accepted);
        QCOMPARE(service.onDialBack(from(at("2001:db8:1:2::ffff", 2)), net::DialBack{nonce, 41000}),
                 net::DialStatus::Accepted);
        QCOMPARE(service.onDialBack(from(at("2001:db8:1:2:abcd::1", 3)), net::DialBack{nonce, 41000}),
                 net::DialStatus::Busy);
        // The total for everyone.
        QCOMPARE(ask("203.0.113.51"), net::DialStatus::Accepted);
        QCOMPARE(ask("203.0.113.52"), net::DialStatus::Busy);
        QCOMPARE(host.forwarded.size(), 5);
        QCOMPARE(service.stats().rateLimited, quint64(3));
        // A minute later the window has moved on.
        clock.advance(60s);
        QCOMPARE(ask("203.0.113.50"), net::DialStatus::Accepted);
        QCOMPARE(ask("203.0.113.52"), net::DialStatus::Accepted);
    }

    // ---- Whole rings on the simulated network --------------------------------------------------------

    void publicNodeIsReachable() {
        Simulation sim(reachabilityRingOptions(11));
        publicRing(sim, 5);
        ChordNode& node = *sim.nodes().last();
        QSignalSpy changed(&node, &ChordNode::reachabilityChanged);
        node.recheckReachability();
        QVERIFY(verdict(sim, node));
        QCOMPARE(node.reachability().state, Reachability::Reachable);
        QCOMPARE(node.reachability().endpoint, node.self().endpoint);
        QVERIFY(node.reachability().confirmations >= 2);
        QVERIFY(changed.count() >= 1);
        QVERIFY(node.reachabilityStats().probesAccepted >= 2);
    }

    void nodeBehindNatIsUnreachable() {
        Simulation sim(reachabilityRingOptions(12));
        publicRing(sim, 5);
        const int box = sim.network().addNat(); // port-restricted cone, the usual home router
        ChordNode& home = sim.addNodeBehind(box);
        QVERIFY(sim.runUntil([&] { return home.isJoined(); }, 60s));
        QVERIFY(verdict(sim, home));
        QCOMPARE(home.reachability().state, Reachability::Unreachable);
        QCOMPARE(home.reachability().endpoint, (Endpoint{sim.network().nat(box).publicAddress(), 4000}));
        QCOMPARE(home.reachabilityStats().probesAccepted, quint64(0));
        // Its own traffic through the NAT works all the same: it is on the ring and its lookups succeed.
        QVERIFY(home.isJoined());
        const LookupResult found = sim.lookup(home, sim.nodes().first()->id());
        QVERIFY(found.found);
        QCOMPARE(found.owner.id, sim.nodes().first()->id());
        // The members did send probes; the NAT dropped them.
        quint64 probesSent = 0;
        for (ChordNode* node : sim.nodes())
            probesSent += node->dialBackStats().probesSent;
        QVERIFY(probesSent >= 2);
    }

    void nodeBehindPortForwardIsReachable() {
        Simulation sim(reachabilityRingOptions(13));
        publicRing(sim, 5);
        const int box = sim.network().addNat();
        // The first host behind a box is 10.0.<box>.1, on port 4000.
        const Endpoint inside{QHostAddress((10u << 24) | (quint32(box) << 8) | 1u), 4000};
        sim.network().forwardPort(box, net::SimProtocol::Datagram, 4000, inside);
        ChordNode& home = sim.addNodeBehind(box);
        QCOMPARE(home.self().endpoint, inside);
        QVERIFY(sim.runUntil([&] { return home.isJoined(); }, 60s));
        QVERIFY(verdict(sim, home));
        QCOMPARE(home.reachability().state, Reachability::Reachable);
        QCOMPARE(home.reachability().endpoint, (Endpoint{sim.network().nat(box).publicAddress(), 4000}));
    }

    void nodeBehindSymmetricNatIsUnreachableWithoutAProbe() {
        Simulation sim(reachabilityRingOptions(15));
        publicRing(sim, 5);
        net::NatBehaviour symmetric;
        symmetric.mapping = net::NatMapping::AddressAndPortDependent;
        symmetric.preservePorts = false;
        const int box = sim.network().addNat(symmetric);
        ChordNode& home = sim.addNodeBehind(box);
        QVERIFY(sim.runUntil([&] { return home.isJoined(); }, 60s));
        QVERIFY(verdict(sim, home));
        QCOMPARE(home.reachability().state, Reachability::Unreachable);
        QCOMPARE(home.reachability().endpoint, std::nullopt);
        QCOMPARE(home.reachabilityStats().checks, quint64(0)); // nothing to ask anyone to dial
    }

    void aMappingFoundLaterTurnsItReachable() {
        Simulation sim(reachabilityRingOptions(14));
        publicRing(sim, 5);
        const int box = sim.network().addNat();
        ChordNode& home = sim.addNodeBehind(box);
        QVERIFY(verdict(sim, home));
        QCOMPARE(home.reachability().state, Reachability::Unreachable);
        // What a port mapper does once the router gave it port 41000: forward it and say so.
        sim.network().forwardPort(box, net::SimProtocol::Datagram, 41000, home.self().endpoint);
        const Endpoint mapped{sim.network().nat(box).publicAddress(), 41000};
        home.setClaimedEndpoint(mapped);
        QCOMPARE(home.reachability().state, Reachability::Checking);
        QVERIFY(verdict(sim, home, 30s));
        QCOMPARE(home.reachability().state, Reachability::Reachable);
        QCOMPARE(home.reachability().endpoint, mapped);
    }
};

QTEST_GUILESS_MAIN(TestReachability)
#include "tst_reachability.moc"
