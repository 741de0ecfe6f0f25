// Tests for SimNetwork: exact latency, loss, hosts going down, partitions, re-entrant receivers,
// determinism from the seed, thousands of hosts.
#include "base/manualclock.h"
#include "base/random.h"
#include "net/simnetwork.h"

#include <QTest>
#include <functional>
#include <memory>
#include <set>
#include <vector>

using namespace ringshare;
using namespace ringshare::net;
using namespace std::chrono_literals;

namespace ringshare::net {

// Endpoint::toString lives in another change; failure messages need only this much.
QString label(const Endpoint& endpoint) {
    return endpoint.address.toString() + u':' + QString::number(endpoint.port);
}

char* toString(const Endpoint& endpoint) {
    return QTest::toString(label(endpoint));
}

} // namespace ringshare::net

namespace {

struct Arrival {
    Endpoint from;
    QByteArray payload;
    Millis at;
};

// Records what reaches one transport and, optionally, reacts to it.
class Inbox final : public DatagramReceiver {
public:
    Inbox(const ManualClock& clock, Transport& transport) : m_clock(clock) { transport.setReceiver(this); }

    void onDatagram(const Endpoint& from, const Endpoint&, QByteArrayView datagram) override {
        arrivals.push_back({from, datagram.toByteArray(), m_clock.now()});
        if (onArrival)
            onArrival(from, datagram);
    }

    std::vector<Arrival> arrivals;
    std::function<void(const Endpoint&, QByteArrayView)> onArrival;

private:
    const ManualClock& m_clock;
};

// A host with its inbox, for tests that need a few of them.
struct Node {
    Node(ManualClock& clock, SimNetwork& network)
        : transport(network.createTransport()), endpoint(transport->localEndpoint()),
          inbox(std::make_unique<Inbox>(clock, *transport)) {}

    void send(const Node& to, const QByteArray& datagram) { transport->send(to.endpoint, datagram); }
    [[nodiscard]] std::size_t received() const { return inbox->arrivals.size(); }

    std::unique_ptr<Transport> transport;
    Endpoint endpoint;
    std::unique_ptr<Inbox> inbox;
};

std::vector<Node> makeNodes(ManualClock& clock, SimNetwork& network, int count) {
    std::vector<Node> nodes;
    nodes.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        nodes.emplace_back(clock, network);
    return nodes;
}

void drain(ManualClock& clock) {
    while (clock.runNext()) {
    }
}

struct LossRun {
    quint64 dropped = 0;
    quint64 delivered = 0;
    quint64 received = 0;
    friend bool operator==(const LossRun&, const LossRun&) = default;
};

// `count` datagrams over one link with the given seed and loss rate.
LossRun lossRun(quint64 seed, double lossRate, int count) {
    ManualClock clock;
    SimNetwork network(clock, seed, {Millis(5), Millis(60), lossRate});
    auto nodes = makeNodes(clock, network, 2);
    for (int i = 0; i < count; ++i)
        nodes[0].send(nodes[1], QByteArray::number(i));
    drain(clock);
    return {network.stats().dropped, network.stats().delivered, nodes[1].received()};
}

// A fixed script of sends, replies, crashes and partitions; returns everything delivered, in order.
QStringList deliveryLog(quint64 seed) {
    ManualClock clock;
    SimNetwork network(clock, seed, {Millis(2), Millis(80), 0.1});
    auto nodes = makeNodes(clock, network, 30);
    QStringList log;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        Node& node = nodes[i];
        node.inbox->onArrival = [&, i](const Endpoint& from, QByteArrayView datagram) {
            log << QStringLiteral("%1 %2 <- %3 %4")
                       .arg(clock.now().count())
                       .arg(label(nodes[i].endpoint), label(from), QString::fromLatin1(datagram));
            if (!datagram.startsWith("re:"))
                nodes[i].transport->send(from, "re:" + datagram.toByteArray());
        };
    }
    for (std::size_t round = 0; round < 5; ++round) {
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const std::size_t to = (i * 7 + round * 3 + 1) % nodes.size();
            nodes[i].send(nodes[to], QByteArray::number(qulonglong(round * 100 + i)));
        }
        if (round == 2) {
            network.setDown(nodes[3].endpoint, true);
            network.setGroup(nodes[4].endpoint, 1);
        }
        clock.advance(25ms);
    }
    drain(clock);
    return log;
}

} // namespace

class TestSimNetwork final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hostsGetSequentialBenchmarkAddresses() {
        ManualClock clock;
        SimNetwork network(clock, 1);
        std::vector<std::unique_ptr<Transport>> transports;
        for (int i = 0; i < 300; ++i)
            transports.push_back(network.createTransport());
        QCOMPARE(transports[0]->localEndpoint(),
                 (Endpoint{QHostAddress(QStringLiteral("198.18.0.1")), 4000}));
        QCOMPARE(transports[1]->localEndpoint(),
                 (Endpoint{QHostAddress(QStringLiteral("198.18.0.2")), 4000}));
        QCOMPARE(transports[299]->localEndpoint(),
                 (Endpoint{QHostAddress(QStringLiteral("198.18.1.44")), 4000}));
        // Addresses are never reused, not even after their host is gone.
        transports.pop_back();
        QCOMPARE(network.createTransport()->localEndpoint(),
                 (Endpoint{QHostAddress(QStringLiteral("198.18.1.45")), 4000}));
    }

    void deliversAfterExactlyTheLinkLatency() {
        ManualClock clock;
        SimNetwork network(clock, 42);
        auto nodes = makeNodes(clock, network, 2);
        clock.advance(37ms); // latency is counted from the send, not from the clock's start
        const Millis latency = network.latency(nodes[0].endpoint, nodes[1].endpoint);
        nodes[0].send(nodes[1], "hello");
        clock.advance(latency - 1ms);
        QCOMPARE(nodes[1].received(), 0u);
        clock.advance(1ms);
        QCOMPARE(nodes[1].received(), 1u);
        const Arrival& arrival = nodes[1].inbox->arrivals[0];
        QCOMPARE(arrival.at, 37ms + latency);
        QCOMPARE(arrival.from, nodes[0].endpoint);
        QCOMPARE(arrival.payload, QByteArray("hello"));

        // The way back takes as long.
        nodes[1].send(nodes[0], "back");
        clock.advance(latency);
        QCOMPARE(nodes[0].received(), 1u);
        QCOMPARE(nodes[0].inbox->arrivals[0].at, 37ms + 2 * latency);
    }

    void sendingToSelfTakesOneMillisecond() {
        ManualClock clock;
        SimNetwork network(clock, 42);
        auto nodes = makeNodes(clock, network, 1);
        QCOMPARE(network.latency(nodes[0].endpoint, nodes[0].endpoint), 1ms);
        nodes[0].send(nodes[0], "me");
        clock.advance(1ms);
        QCOMPARE(nodes[0].received(), 1u);
        QCOMPARE(nodes[0].inbox->arrivals[0].from, nodes[0].endpoint);
    }

    void latencyIsSymmetricBoundedAndStable() {
        ManualClock clock;
        SimNetwork network(clock, 9, {Millis(5), Millis(60), 0.0});
        auto nodes = makeNodes(clock, network, 40);
        std::vector<Millis> before;
        std::set<qint64> distinct;
        for (const Node& a : nodes) {
            for (const Node& b : nodes) {
                if (a.endpoint == b.endpoint)
                    continue;
                const Millis latency = network.latency(a.endpoint, b.endpoint);
                QVERIFY2(latency >= 5ms && latency <= 60ms,
                         qPrintable(label(a.endpoint) + u' ' + label(b.endpoint)));
                QCOMPARE(network.latency(b.endpoint, a.endpoint), latency);
                before.push_back(latency);
                distinct.insert(latency.count());
            }
        }
        // Spread over the range, not a constant.
        QVERIFY(distinct.size() > 40);
        QVERIFY(*distinct.begin() < 15 && *distinct.rbegin() > 50);

        // Traffic in any order leaves the latencies as they were.
        for (std::size_t i = nodes.size(); i-- > 0;)
            nodes[i].send(nodes[(i * 13) % nodes.size()], "x");
        drain(clock);
        std::size_t index = 0;
        for (const Node& a : nodes) {
            for (const Node& b : nodes) {
                if (!(a.endpoint == b.endpoint))
                    QCOMPARE(network.latency(a.endpoint, b.endpoint), before[index++]);
            }
        }

        // A degenerate range gives exactly that latency.
        network.setProfile({Millis(20), Millis(20), 0.0});
        QCOMPARE(network.latency(nodes[0].endpoint, nodes[1].endpoint), 20ms);
        QCOMPARE(network.profile().minLatency, 20ms);
    }

    void lossRateIsRoughlyHonoured() {
        const LossRun run = lossRun(2024, 0.25, 10'000);
        QCOMPARE(run.dropped + run.delivered, 10'000u);
        QCOMPARE(run.received, run.delivered);
        // Expected 2500 with a standard deviation of about 43: a band of 7 deviations either way.
        QVERIFY2(run.dropped >= 2200 && run.dropped <= 2800, QByteArray::number(run.dropped));
        // The exact count follows from the seed.
        QVERIFY(lossRun(2024, 0.25, 10'000) == run);
        QVERIFY(lossRun(2025, 0.25, 10'000) != run);
        QCOMPARE(lossRun(2024, 0.0, 1000).dropped, 0u);
        QCOMPARE(lossRun(2024, 1.0, 1000).dropped, 1000u);
    }

    void downHostsNeitherSendNorReceive() {
        ManualClock clock;
        SimNetwork network(clock, 3);
        auto nodes = makeNodes(clock, network, 3);
        Node& a = nodes[0];
        Node& b = nodes[1];
        Node& c = nodes[2];
        network.setDown(b.endpoint, true);
        QVERIFY(network.isDown(b.endpoint));
        QVERIFY(!network.isDown(a.endpoint));
        a.send(b, "to b");
        b.send(a, "from b");
        a.send(c, "to c");
        // Refused at the sender: only the datagram to c is on the wire.
        QCOMPARE(network.stats().dropped, 2u);
        QCOMPARE(clock.pendingCount(), 1u);
        drain(clock);
        QCOMPARE(b.received(), 0u);
        QCOMPARE(a.received(), 0u);
        QCOMPARE(c.received(), 1u);
        QCOMPARE(network.stats().dropped, 2u);

        network.setDown(b.endpoint, false);
        QVERIFY(!network.isDown(b.endpoint));
        a.send(b, "to b");
        b.send(a, "from b");
        drain(clock);
        QCOMPARE(b.received(), 1u);
        QCOMPARE(a.received(), 1u);
        QCOMPARE(network.stats().delivered, 3u);
    }

    void unknownHostsAreLeftAloneWithAWarning() {
        ManualClock clock;
        SimNetwork network(clock, 3);
        auto nodes = makeNodes(clock, network, 1);
        const Endpoint gone = nodes[0].endpoint;
        nodes[0].transport.reset();
        QTest::ignoreMessage(QtWarningMsg, "SimNetwork::setDown: no host 198.18.0.1:4000");
        network.setDown(gone, true);
        QVERIFY(!network.isDown(gone));
        QTest::ignoreMessage(QtWarningMsg, "SimNetwork::setGroup: no host 198.18.0.1:4000");
        network.setGroup(gone, 1);
        network.healPartitions();
    }

    void partitionsDropCrossGroupTrafficBothWays() {
        ManualClock clock;
        SimNetwork network(clock, 3);
        auto nodes = makeNodes(clock, network, 4);
        network.setGroup(nodes[2].endpoint, 1);
        network.setGroup(nodes[3].endpoint, 1);
        for (Node& from : nodes) {
            for (const Node& to : nodes)
                from.send(to, "x");
        }
        drain(clock);
        // Each host reaches itself and the other host of its group.
        for (const Node& node : nodes)
            QCOMPARE(node.received(), 2u);
        QCOMPARE(network.stats().dropped, 8u);

        network.healPartitions();
        for (Node& from : nodes) {
            for (const Node& to : nodes)
                from.send(to, "x");
        }
        drain(clock);
        for (const Node& node : nodes)
            QCOMPARE(node.received(), 6u);
        QCOMPARE(network.stats().dropped, 8u);
    }

    void inFlightDatagramsToGoneOrCutOffHostsAreDropped() {
        ManualClock clock;
        SimNetwork network(clock, 5);
        auto nodes = makeNodes(clock, network, 6);
        for (std::size_t i = 1; i < nodes.size(); ++i)
            nodes[0].send(nodes[i], "in flight");
        nodes[5].send(nodes[4], "from a host that moves away");
        QCOMPARE(clock.pendingCount(), 6u);

        const Endpoint gone = nodes[1].endpoint;
        nodes[1].transport.reset();
        network.setDown(nodes[2].endpoint, true);
        network.setGroup(nodes[3].endpoint, 2);
        network.setGroup(nodes[5].endpoint, 3);
        drain(clock);
        QCOMPARE(nodes[1].received(), 0u);
        QCOMPARE(nodes[2].received(), 0u);
        QCOMPARE(nodes[3].received(), 0u);
        QCOMPARE(nodes[4].received(), 1u); // from nodes[0]; nodes[5]'s datagram was cut off with it
        QCOMPARE(nodes[5].received(), 0u);
        QCOMPARE(network.deliveredTo(gone), 0u);
        QCOMPARE(network.stats().dropped, 5u);
        QCOMPARE(network.stats().delivered, 1u);

        // What is on the wire still arrives when its sender crashes or leaves after sending.
        nodes[0].send(nodes[4], "last words");
        nodes[0].send(nodes[4], "more last words");
        network.setDown(nodes[0].endpoint, true);
        drain(clock);
        QCOMPARE(nodes[4].received(), 3u);
        network.setDown(nodes[0].endpoint, false);
        nodes[0].send(nodes[4], "goodbye");
        nodes[0].transport.reset();
        drain(clock);
        QCOMPARE(nodes[4].received(), 4u);
        QCOMPARE(nodes[4].inbox->arrivals.back().payload, QByteArray("goodbye"));
    }

    void receiverMayDestroyTransportsAndReply() {
        ManualClock clock;
        SimNetwork network(clock, 11);
        auto nodes = makeNodes(clock, network, 4);
        Node& a = nodes[0];
        Node& b = nodes[1];
        Node& c = nodes[2];
        Node& d = nodes[3];
        b.inbox->onArrival = [&](const Endpoint& from, QByteArrayView datagram) {
            c.transport.reset();
            b.transport->send(from, "re:" + datagram.toByteArray());
            d.transport.reset(); // while b's own reply is on its way
            b.transport.reset(); // and its own
        };
        a.send(b, "ping");
        // Sent just before b's callback runs, so still in flight when it destroys c and d.
        const Millis toB = network.latency(a.endpoint, b.endpoint);
        clock.post(toB - 1ms, [&] {
            a.send(c, "in flight");
            a.send(d, "in flight");
        });
        drain(clock);
        QVERIFY(!b.transport && !c.transport && !d.transport);
        QCOMPARE(b.received(), 1u);
        QCOMPARE(a.received(), 1u);
        QCOMPARE(a.inbox->arrivals[0].payload, QByteArray("re:ping"));
        QCOMPARE(a.inbox->arrivals[0].from, b.endpoint);
        QCOMPARE(c.received(), 0u);
        QCOMPARE(d.received(), 0u);
        QCOMPARE(network.stats().sent, 4u);
        QCOMPARE(network.stats().delivered, 2u);
        QCOMPARE(network.stats().dropped, 2u);
    }

    void receiverMayDestroyTheNetwork() {
        ManualClock clock;
        auto network = std::make_unique<SimNetwork>(clock, 12);
        auto nodes = makeNodes(clock, *network, 2);
        nodes[1].inbox->onArrival = [&](const Endpoint&, QByteArrayView) {
            nodes[1].transport->send(nodes[0].endpoint, "reply into the void");
            network.reset();
        };
        nodes[0].send(nodes[1], "one");
        nodes[0].send(nodes[0], "two");
        drain(clock);
        QVERIFY(!network);
        QCOMPARE(nodes[1].received(), 1u);
        QCOMPARE(nodes[0].received(), 1u); // its datagram to itself, but not the reply
        QCOMPARE(nodes[0].inbox->arrivals[0].payload, QByteArray("two"));
        // Transports outliving their network do nothing, quietly.
        nodes[0].send(nodes[1], "after");
        drain(clock);
        nodes.clear();
    }

    void networkGoneWithDatagramsInFlightIsHarmless() {
        ManualClock clock;
        {
            SimNetwork network(clock, 13);
            auto nodes = makeNodes(clock, network, 2);
            nodes[0].send(nodes[1], "orphan");
            nodes[1].send(nodes[0], "orphan");
        }
        QCOMPARE(clock.pendingCount(), 2u);
        drain(clock);
        QCOMPARE(clock.pendingCount(), 0u);
    }

    void statsAndDeliveredTo() {
        ManualClock clock;
        SimNetwork network(clock, 17);
        auto nodes = makeNodes(clock, network, 3);
        nodes[0].send(nodes[1], "12345");
        nodes[0].send(nodes[1], "123");
        nodes[2].send(nodes[1], "1");
        nodes[1].send(nodes[2], "12");
        nodes[0].transport->send(Endpoint{QHostAddress(QStringLiteral("198.18.9.9")), 4000}, "nobody");
        nodes[0].transport->send(Endpoint{nodes[1].endpoint.address, 4001}, "wrong port");
        network.setDown(nodes[0].endpoint, true);
        nodes[0].send(nodes[2], "down");
        network.setDown(nodes[0].endpoint, false);

        // A host with no receiver still takes delivery; the datagram just goes unread.
        nodes[2].transport->setReceiver(nullptr);
        drain(clock);
        QCOMPARE(network.stats().sent, 7u);
        QCOMPARE(network.stats().bytesSent, quint64(5 + 3 + 1 + 2 + 6 + 10 + 4));
        QCOMPARE(network.stats().delivered, 4u);
        QCOMPARE(network.stats().dropped, 3u);
        QCOMPARE(network.deliveredTo(nodes[0].endpoint), 0u);
        QCOMPARE(network.deliveredTo(nodes[1].endpoint), 3u);
        QCOMPARE(network.deliveredTo(nodes[2].endpoint), 1u);
        QCOMPARE(nodes[2].received(), 0u);

        // Counts outlive their host until the next reset.
        const Endpoint b = nodes[1].endpoint;
        nodes[1].transport.reset();
        QCOMPARE(network.deliveredTo(b), 3u);
        network.resetStats();
        QCOMPARE(network.stats().sent, 0u);
        QCOMPARE(network.stats().bytesSent, 0u);
        QCOMPARE(network.stats().delivered, 0u);
        QCOMPARE(network.stats().dropped, 0u);
        QCOMPARE(network.deliveredTo(b), 0u);
        QCOMPARE(network.deliveredTo(nodes[2].endpoint), 0u);

        nodes[0].send(nodes[2], "after reset");
        drain(clock);
        QCOMPARE(network.stats().sent, 1u);
        QCOMPARE(network.stats().delivered, 1u);
        QCOMPARE(network.deliveredTo(nodes[2].endpoint), 1u);
    }

    void sameSeedSameDeliveries() {
        const QStringList first = deliveryLog(77);
        QVERIFY(first.size() > 50);
        QCOMPARE(deliveryLog(77), first);
        QVERIFY(deliveryLog(78) != first);
    }

    void differentSeedDifferentLatencies() {
        ManualClock clock;
        SimNetwork one(clock, 1);
        SimNetwork same(clock, 1);
        SimNetwork other(clock, 2);
        auto nodes = makeNodes(clock, one, 20);
        int differing = 0;
        for (const Node& a : nodes) {
            for (const Node& b : nodes) {
                // Latency depends on the endpoints and the seed only, not on which network holds them.
                QCOMPARE(same.latency(a.endpoint, b.endpoint), one.latency(a.endpoint, b.endpoint));
                if (other.latency(a.endpoint, b.endpoint) != one.latency(a.endpoint, b.endpoint))
                    ++differing;
            }
        }
        QVERIFY(differing > 300);
    }

    void thousandsOfHosts() {
        ManualClock clock;
        SimNetwork network(clock, 2000, {Millis(5), Millis(60), 0.0});
        constexpr int kHosts = 2000;
        constexpr int kPerHost = 50;
        std::vector<std::unique_ptr<Transport>> transports;
        std::vector<Endpoint> endpoints;
        transports.reserve(kHosts);
        for (int i = 0; i < kHosts; ++i) {
            transports.push_back(network.createTransport());
            endpoints.push_back(transports.back()->localEndpoint());
        }
        SeededRandom random(5);
        const QByteArray payload(100, 'p');
        for (int round = 0; round < kPerHost; ++round) {
            for (auto& transport : transports)
                transport->send(endpoints[random.bounded(kHosts)], payload);
            clock.advance(1ms);
        }
        drain(clock);
        QCOMPARE(network.stats().sent, quint64(kHosts * kPerHost));
        QCOMPARE(network.stats().delivered, quint64(kHosts * kPerHost));
        quint64 total = 0;
        for (const Endpoint& endpoint : endpoints)
            total += network.deliveredTo(endpoint);
        QCOMPARE(total, quint64(kHosts * kPerHost));
    }
};

QTEST_GUILESS_MAIN(TestSimNetwork)
#include "tst_simnetwork.moc"
