// Tests for Rpc on the simulated network: padding and cookies (the 3x rule for unproven addresses),
// impostors, garbage senders and per-peer rate limits.
#include "base/manualclock.h"
#include "base/random.h"
#include "crypto/nodeid.h"
#include "net/codec.h"
#include "net/rpc.h"
#include "net/simnetwork.h"

#include <QTest>
#include <memory>

using namespace ringshare;
using namespace ringshare::net;
using namespace std::chrono_literals;

namespace {

NodeId idOf(int n) {
    return NodeId::hashOf(QByteArray::number(n));
}

QList<NodeRef> manyNodes() {
    QList<NodeRef> nodes;
    for (int i = 0; i < kMaxNodeRefs; ++i)
        nodes.append({idOf(i), {QHostAddress(QStringLiteral("2001:db8::1")), quint16(1000 + i)}});
    return nodes;
}

// Answers Ping with an empty Pong (short) and FindNode with sixteen IPv6 nodes (long), and records what
// it was asked.
class Server final : public RequestHandler {
public:
    std::optional<Body> handleRequest(const RequestContext& context, const Message& request) override {
        contexts.append(context);
        if (std::holds_alternative<FindNode>(request.body))
            return FindNodeReply{false, manyNodes()};
        if (std::holds_alternative<Ping>(request.body))
            return Pong{};
        return std::nullopt;
    }
    QList<RequestContext> contexts;
};

// A bare host that sends hand-made datagrams and keeps what comes back.
class RawPeer final : public DatagramReceiver {
public:
    explicit RawPeer(SimNetwork& network) : transport(network.createTransport()) {
        transport->setReceiver(this);
    }
    void onDatagram(const Endpoint&, const Endpoint&, QByteArrayView datagram) override {
        received.append(datagram.toByteArray());
    }
    QByteArray send(const Endpoint& to, const Message& message) {
        const QByteArray bytes = encode(message).value();
        transport->send(to, bytes);
        return bytes;
    }
    std::unique_ptr<Transport> transport;
    QList<QByteArray> received;
};

Message findNode(quint64 id, QByteArray cookie = {}, int padding = 0) {
    return {.transactionId = id,
            .sender = std::nullopt,
            .body = FindNode{idOf(99)},
            .cookie = cookie,
            .padding = padding};
}

// Padded enough for a Pong with a cookie, which is longer than three bare Pings.
Message ping(quint64 id, std::optional<NodeId> sender = std::nullopt) {
    return {.transactionId = id, .sender = sender, .body = Ping{}, .cookie = {}, .padding = 40};
}

struct Fixture {
    ManualClock clock;
    SimNetwork network{clock, 1, {.minLatency = 5ms, .maxLatency = 5ms}};
    SeededRandom random{7};
    std::unique_ptr<Transport> serverTransport = network.createTransport();
    Server handler;
    std::unique_ptr<Rpc> server;

    explicit Fixture(RpcOptions options = {}) {
        server = std::make_unique<Rpc>(*serverTransport, clock, random, idOf(1000), options);
        server->setHandler(&handler);
    }
    Endpoint serverAt() const { return serverTransport->localEndpoint(); }
    void settle() { clock.advance(100ms); }
};

} // namespace

class TestRpc final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void firstRequestIsPaddedAndLaterOnesShowTheCookie() {
        Fixture f;
        auto clientTransport = f.network.createTransport();
        SeededRandom random(3);
        Rpc client(*clientTransport, f.clock, random, std::nullopt);
        const quint64 sentBefore = f.network.stats().bytesSent;

        int answered = 0;
        client.request(f.serverAt(), FindNode{idOf(5)}, [&](const Message* reply) {
            QVERIFY(reply);
            QCOMPARE(std::get<FindNodeReply>(reply->body).nodes.size(), kMaxNodeRefs);
            ++answered;
        });
        f.settle();
        QCOMPARE(answered, 1);
        const quint64 firstExchange = f.network.stats().bytesSent - sentBefore;
        // The padded request lets the long answer through in one round trip.
        QCOMPARE(f.server->stats().answersWithheld, quint64(0));
        QVERIFY(f.server->stats().unprovenBytesIn >= quint64(kPaddedRequestSize));
        QVERIFY(f.server->stats().unprovenBytesOut <=
                quint64(kAmplificationLimit) * f.server->stats().unprovenBytesIn);
        QVERIFY(!f.handler.contexts.last().addressProven);

        const quint64 before = f.network.stats().bytesSent;
        client.request(f.serverAt(), FindNode{idOf(6)}, [&](const Message* reply) {
            QVERIFY(reply);
            ++answered;
        });
        f.settle();
        QCOMPARE(answered, 2);
        QVERIFY(f.handler.contexts.last().addressProven);
        // Same answer, a far shorter request.
        QVERIFY(f.network.stats().bytesSent - before < firstExchange - 250);
        QCOMPARE(client.stats().retries, quint64(0));
    }

    void longAnswerToAnUnprovenAddressIsWithheld() {
        Fixture f;
        RawPeer attacker(f.network);
        const QByteArray request = attacker.send(f.serverAt(), findNode(1));
        f.settle();
        QVERIFY(attacker.received.isEmpty());
        QCOMPARE(f.server->stats().answersWithheld, quint64(1));
        QCOMPARE(f.server->stats().unprovenBytesOut, quint64(0));
        QCOMPARE(f.server->stats().unprovenBytesIn, quint64(request.size()));
    }

    void shortAnswerCarriesACookieThatUnlocksLongOnes() {
        Fixture f;
        RawPeer peer(f.network);
        const QByteArray request = peer.send(f.serverAt(), ping(1));
        f.settle();
        QCOMPARE(peer.received.size(), 1);
        QVERIFY(peer.received[0].size() <= kAmplificationLimit * request.size());
        const Message pong = decode(peer.received[0]).message.value();
        QCOMPARE(pong.cookie.size(), kCookieSize);

        peer.send(f.serverAt(), findNode(2, pong.cookie));
        f.settle();
        QCOMPARE(peer.received.size(), 2);
        const Message reply = decode(peer.received[1]).message.value();
        QCOMPARE(std::get<FindNodeReply>(reply.body).nodes.size(), kMaxNodeRefs);
        QVERIFY(reply.cookie.isEmpty()); // a current cookie needs no replacement
        QVERIFY(f.handler.contexts.last().addressProven);

        // The same cookie from another address proves nothing.
        RawPeer thief(f.network);
        thief.send(f.serverAt(), findNode(3, pong.cookie));
        f.settle();
        QVERIFY(thief.received.isEmpty());
        QVERIFY(!f.handler.contexts.last().addressProven);

        // A made-up cookie neither.
        thief.send(f.serverAt(), findNode(4, QByteArray(kCookieSize, 'x')));
        f.settle();
        QVERIFY(thief.received.isEmpty());
        QCOMPARE(f.server->stats().answersWithheld, quint64(2));
    }

    void oldCookieIsRenewedAndStaleOneFallsBackToPadding() {
        Fixture f;
        auto clientTransport = f.network.createTransport();
        SeededRandom random(3);
        Rpc client(*clientTransport, f.clock, random, std::nullopt);
        int answers = 0;
        const auto ask = [&] {
            client.request(f.serverAt(), FindNode{idOf(5)}, [&](const Message* reply) {
                if (reply)
                    ++answers;
            });
            f.clock.advance(5s);
        };
        // Epochs of 60 s. A cookie from late in the first epoch is still shown in the second, accepted,
        // and replaced; the replacement carries the client on into the third.
        f.clock.advanceTo(50s);
        ask();
        QVERIFY(!f.handler.contexts.last().addressProven);
        f.clock.advanceTo(70s);
        ask();
        QVERIFY(f.handler.contexts.last().addressProven);
        f.clock.advanceTo(125s);
        ask();
        QVERIFY(f.handler.contexts.last().addressProven);
        QCOMPARE(answers, 3);

        // The server restarts with a new secret: the client's young cookie is now worthless. Its first try
        // gets no answer, the retry goes padded and succeeds.
        f.server.reset();
        f.server = std::make_unique<Rpc>(*f.serverTransport, f.clock, f.random, idOf(1000));
        f.server->setHandler(&f.handler);
        ask();
        QCOMPARE(answers, 4);
        QCOMPARE(client.stats().retries, quint64(1));
        QCOMPARE(f.server->stats().answersWithheld, quint64(1));
    }

    void impostorClaimingOurIdIsIgnored() {
        Fixture f;
        RawPeer impostor(f.network);
        impostor.send(f.serverAt(), ping(1, idOf(1000)));
        f.settle();
        QVERIFY(impostor.received.isEmpty());
        QCOMPARE(f.server->stats().impostors, quint64(1));
        // Honest-looking traffic from it is ignored too, for a while.
        impostor.send(f.serverAt(), ping(2, idOf(5)));
        f.settle();
        QVERIFY(impostor.received.isEmpty());
        QVERIFY(f.handler.contexts.isEmpty());
        f.clock.advance(f.server->filter().stats().peersIgnored ? PeerFilterOptions{}.ignoreFor : 0ms);
        impostor.send(f.serverAt(), ping(3, idOf(5)));
        f.settle();
        QCOMPARE(impostor.received.size(), 1);
    }

    void garbageSenderIsIgnoredOthersAreNot() {
        Fixture f;
        RawPeer noisy(f.network);
        RawPeer honest(f.network);
        for (int i = 0; i < PeerFilterOptions{}.garbageLimit; ++i)
            noisy.transport->send(f.serverAt(), QByteArray("\xa1\x00", 2) + char(i));
        f.settle();
        QVERIFY(f.server->filter().isIgnored(noisy.transport->localEndpoint()));
        noisy.send(f.serverAt(), ping(1));
        honest.send(f.serverAt(), ping(1));
        f.settle();
        QVERIFY(noisy.received.isEmpty());
        QCOMPARE(honest.received.size(), 1);
        quint64 decodeErrors = 0;
        for (const quint64 count : f.server->stats().decodeErrors)
            decodeErrors += count;
        QCOMPARE(decodeErrors, quint64(PeerFilterOptions{}.garbageLimit));
    }

    void floodIsRateLimitedPerPeer() {
        RpcOptions options;
        options.filter.datagramsPerSecond = 100;
        options.filter.burst = 20;
        Fixture f(options);
        RawPeer flooder(f.network);
        RawPeer quiet(f.network);
        for (quint64 i = 1; i <= 500; ++i)
            flooder.send(f.serverAt(), ping(i));
        quiet.send(f.serverAt(), ping(1));
        f.settle();
        QCOMPARE(flooder.received.size(), 20);
        QCOMPARE(quiet.received.size(), 1);
        QCOMPARE(f.server->filter().stats().rateLimited, quint64(480));
        f.clock.advance(1s);
        for (quint64 i = 1; i <= 500; ++i)
            flooder.send(f.serverAt(), ping(i));
        f.settle();
        QCOMPARE(flooder.received.size(), 40);
    }
};

QTEST_GUILESS_MAIN(TestRpc)
#include "tst_rpc.moc"
