// The simulated network's NAT boxes: mappings as each behaviour makes them, filters that drop what nobody
// inside asked for, private addresses out of reach, idle mappings that go, and streams through a box.
#include "base/manualclock.h"
#include "net/simnetwork.h"
#include "net/simstreams.h"

#include <QTest>
#include <memory>
#include <vector>

using namespace ringshare;
using namespace ringshare::net;
using namespace std::chrono_literals;

namespace {

// A host that keeps who sent it what.
class Host final : public DatagramReceiver {
public:
    explicit Host(std::unique_ptr<Transport> own) : transport(std::move(own)) {
        transport->setReceiver(this);
    }
    void onDatagram(const Endpoint& from, const Endpoint&, QByteArrayView) override { senders.append(from); }
    void send(const Endpoint& to) { transport->send(to, QByteArray("x")); }
    [[nodiscard]] Endpoint endpoint() const { return transport->localEndpoint(); }

    std::unique_ptr<Transport> transport;
    QList<Endpoint> senders;
};

void drain(ManualClock& clock) {
    while (clock.runNext()) {
    }
}

} // namespace

class TestSimNat final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aConeNatShowsOneEndpointAndLetsOnlyContactedPeersAnswer() {
        ManualClock clock;
        SimNetwork network(clock, 1);
        const int box = network.addNat(); // endpoint-independent mapping, port-restricted filter
        Host home(network.createTransportBehind(box));
        Host a(network.createTransport());
        Host b(network.createTransport());
        QVERIFY(home.endpoint().address.isInSubnet(QHostAddress(QStringLiteral("10.0.0.0")), 8));

        home.send(a.endpoint());
        home.send(b.endpoint());
        drain(clock);
        const Endpoint outside{network.nat(box).publicAddress(), home.endpoint().port}; // port kept
        QCOMPARE(a.senders, QList<Endpoint>{outside});
        QCOMPARE(b.senders, QList<Endpoint>{outside});

        // Both answer at the mapping; a stranger, and a contacted host from another port, are dropped.
        a.send(outside);
        b.send(outside);
        Host stranger(network.createTransport());
        stranger.send(outside);
        Host aElsewhere(network.createTransport());
        aElsewhere.send(outside);
        drain(clock);
        QCOMPARE(home.senders, (QList<Endpoint>{a.endpoint(), b.endpoint()}));
    }

    void aFullConeLetsAnyoneIn() {
        ManualClock clock;
        SimNetwork network(clock, 2);
        NatBehaviour behaviour;
        behaviour.filtering = NatFiltering::EndpointIndependent;
        const int box = network.addNat(behaviour);
        Host home(network.createTransportBehind(box));
        Host a(network.createTransport());
        Host stranger(network.createTransport());
        home.send(a.endpoint());
        drain(clock);
        stranger.send(a.senders.first());
        drain(clock);
        QCOMPARE(home.senders, QList<Endpoint>{stranger.endpoint()});
        // No mapping, no way in, whatever the filter.
        stranger.send({network.nat(box).publicAddress(), quint16(home.endpoint().port + 1)});
        drain(clock);
        QCOMPARE(home.senders.size(), 1);
    }

    void aPortForwardLetsAnyoneInAndKeepsItsPort() {
        ManualClock clock;
        SimNetwork network(clock, 7);
        const int box = network.addNat(); // port-restricted: nothing unsolicited passes but the forward
        Host home(network.createTransportBehind(box));
        Host other(network.createTransportBehind(box));
        network.forwardPort(box, SimProtocol::Datagram, 41000, home.endpoint());
        const Endpoint forwarded{network.nat(box).publicAddress(), 41000};
        Host stranger(network.createTransport());
        stranger.send(forwarded);
        drain(clock);
        QCOMPARE(home.senders, QList<Endpoint>{stranger.endpoint()});
        QVERIFY(other.senders.isEmpty());
        // The forwarded host's own packets leave from the forwarded port; no other mapping may take it.
        Host peer(network.createTransport());
        home.send(peer.endpoint());
        drain(clock);
        QCOMPARE(peer.senders, QList<Endpoint>{forwarded});
        network.forwardPort(box, SimProtocol::Datagram, other.endpoint().port, home.endpoint());
        other.send(peer.endpoint());
        drain(clock);
        QCOMPARE(peer.senders.size(), 2);
        QVERIFY(peer.senders[1].port != other.endpoint().port);
    }

    void aSocketBesideAHostSharesItsAddressAndBox() {
        ManualClock clock;
        SimNetwork network(clock, 8);
        const int box = network.addNat();
        Host home(network.createTransportBehind(box));
        Host fresh(network.createTransportBeside(home.endpoint()));
        QCOMPARE(fresh.endpoint().address, home.endpoint().address);
        QVERIFY(fresh.endpoint().port != home.endpoint().port);
        Host peer(network.createTransport());
        fresh.send(peer.endpoint());
        drain(clock);
        QCOMPARE(peer.senders.size(), 1);
        QCOMPARE(peer.senders[0].address, network.nat(box).publicAddress());
    }

    void aSymmetricNatShowsEachDestinationAnotherPort() {
        ManualClock clock;
        SimNetwork network(clock, 3);
        NatBehaviour behaviour;
        behaviour.mapping = NatMapping::AddressAndPortDependent;
        behaviour.preservePorts = false;
        const int box = network.addNat(behaviour);
        Host home(network.createTransportBehind(box));
        std::vector<std::unique_ptr<Host>> peers;
        for (int i = 0; i < 4; ++i) {
            peers.push_back(std::make_unique<Host>(network.createTransport()));
            home.send(peers.back()->endpoint());
            home.send(peers.back()->endpoint()); // the same destination reuses its mapping
        }
        drain(clock);
        QSet<quint16> ports;
        for (const auto& peer : peers) {
            QCOMPARE(peer->senders.size(), 2);
            QCOMPARE(peer->senders[0], peer->senders[1]);
            QCOMPARE(peer->senders[0].address, network.nat(box).publicAddress());
            ports.insert(peer->senders[0].port);
        }
        QCOMPARE(ports.size(), 4);
        QCOMPARE(network.nat(box).mappingCount(), 4);
    }

    void privateAddressesAreReachedOnlyFromTheirOwnLan() {
        ManualClock clock;
        SimNetwork network(clock, 4);
        const int box = network.addNat();
        const int other = network.addNat();
        Host home(network.createTransportBehind(box));
        Host sameLan(network.createTransportBehind(box));
        Host otherLan(network.createTransportBehind(other));
        Host outside(network.createTransport());
        sameLan.send(home.endpoint());
        otherLan.send(home.endpoint());
        outside.send(home.endpoint());
        // No hairpin: the box's own public address is not a way back in from its LAN.
        Host a(network.createTransport());
        home.send(a.endpoint());
        drain(clock);
        sameLan.send(a.senders.first());
        drain(clock);
        QCOMPARE(home.senders, QList<Endpoint>{sameLan.endpoint()});
    }

    void anIdleMappingGoes() {
        ManualClock clock;
        SimNetwork network(clock, 5);
        NatBehaviour behaviour;
        behaviour.idleTimeout = 30s;
        const int box = network.addNat(behaviour);
        Host home(network.createTransportBehind(box));
        Host a(network.createTransport());
        home.send(a.endpoint());
        drain(clock);
        const Endpoint outside = a.senders.first();
        clock.advance(20s);
        a.send(outside); // in time, and it keeps the mapping alive
        drain(clock);
        clock.advance(29s);
        a.send(outside);
        drain(clock);
        QCOMPARE(home.senders.size(), 2);
        clock.advance(31s);
        a.send(outside);
        drain(clock);
        QCOMPARE(home.senders.size(), 2);
    }

    void aStreamDialledFromBehindABoxWorksBothWaysAndOneDialledInDoesNot() {
        ManualClock clock;
        SimNetwork network(clock, 6);
        const int box = network.addNat();
        auto homeDatagrams = network.createTransportBehind(box);
        auto homeStreams = network.createStreamTransport(homeDatagrams->localEndpoint());
        auto serverDatagrams = network.createTransport();
        auto serverStreams = network.createStreamTransport(serverDatagrams->localEndpoint());
        QVERIFY(serverStreams->listen(QHostAddress::Any, 4000).ok());
        QVERIFY(homeStreams->listen(QHostAddress::Any, 4000).ok());

        struct Keep final : StreamAcceptor {
            void onStream(std::unique_ptr<Stream> stream) override { streams.push_back(std::move(stream)); }
            std::vector<std::unique_ptr<Stream>> streams;
        } atServer, atHome;
        serverStreams->setAcceptor(&atServer);
        homeStreams->setAcceptor(&atHome);

        auto out = homeStreams->dial({serverDatagrams->localEndpoint().address, 4000});
        out->write(QByteArray(100'000, 'u'));
        clock.advance(5s);
        QCOMPARE(out->phase(), Stream::Phase::Open);
        QCOMPARE(atServer.streams.size(), std::size_t(1));
        Stream& accepted = *atServer.streams.front();
        QCOMPARE(accepted.peerEndpoint().address, network.nat(box).publicAddress());
        QCOMPARE(accepted.bytesAvailable(), qint64(100'000));
        accepted.write(QByteArray(50'000, 'd'));
        clock.advance(5s);
        QCOMPARE(out->bytesAvailable(), qint64(50'000));

        // Dialled from outside at the box's address: nothing maps the port, so the SYNs go unanswered.
        auto in = serverStreams->dial({network.nat(box).publicAddress(), 4000});
        clock.advance(200s);
        QCOMPARE(in->phase(), Stream::Phase::Closed);
        QCOMPARE(in->end(), StreamEnd::TimedOut);
        QVERIFY(atHome.streams.empty());
    }
};

QTEST_GUILESS_MAIN(TestSimNat)
#include "tst_simnat.moc"
