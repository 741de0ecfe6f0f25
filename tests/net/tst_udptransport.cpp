// Real sockets on loopback: the UDP transport itself, and Chord nodes forming and healing a ring over it.
#include "base/systemclock.h"
#include "crypto/securerandom.h"
#include "dht/chordnode.h"
#include "dht/ring.h"
#include "dht/ringcheck.h"
#include "net/message.h"
#include "net/udptransport.h"

#include <QTest>
#include <QUdpSocket>
#include <algorithm>

using namespace ringshare;
using namespace ringshare::net;
using namespace std::chrono_literals;

namespace {

class Inbox final : public DatagramReceiver {
public:
    void onDatagram(const Endpoint& from, const Endpoint& to, QByteArrayView datagram) override {
        senders.append(from);
        destinations.append(to);
        payloads.append(datagram.toByteArray());
    }
    QList<Endpoint> senders;
    QList<Endpoint> destinations;
    QList<QByteArray> payloads;
};

std::unique_ptr<UdpTransport> bindLoopback() {
    auto bound = UdpTransport::bind(QHostAddress::LocalHost, 0);
    return bound ? std::move(bound.value()) : nullptr;
}

// One real node: its own socket, clock and randomness, as in a separate process.
struct RealNode {
    std::unique_ptr<UdpTransport> transport;
    SystemClock clock;
    crypto::SecureRandom random;
    std::unique_ptr<dht::ChordNode> node;
};

dht::ChordConfig fastConfig() {
    dht::ChordConfig config;
    config.stabilizeInterval = 100ms;
    config.fixFingersInterval = 100ms;
    config.checkPredecessorInterval = 200ms;
    config.rpc.timeout = 200ms;
    return config;
}

dht::RingCheck check(const std::vector<std::unique_ptr<RealNode>>& nodes) {
    QList<dht::RingNodeView> views;
    for (const auto& n : nodes) {
        if (!n->node->isJoined())
            return {};
        dht::RingNodeView view{n->node->id(), std::nullopt, {}};
        if (n->node->predecessor())
            view.predecessor = n->node->predecessor()->id;
        for (const auto& s : n->node->successors().entries())
            view.successors.append(s.id);
        views.append(view);
    }
    return dht::checkRing(views, fastConfig().successorListSize);
}

} // namespace

class TestUdpTransport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void datagramsArriveWithTheirSender() {
        auto a = bindLoopback(), b = bindLoopback();
        QVERIFY(a && b);
        QVERIFY(a->localEndpoint().port != 0 && a->localEndpoint().port != b->localEndpoint().port);
        Inbox inbox;
        b->setReceiver(&inbox);
        a->send(b->localEndpoint(), "hello");
        QTRY_COMPARE_WITH_TIMEOUT(inbox.payloads.size(), 1, 5000);
        QCOMPARE(inbox.payloads.first(), QByteArray("hello"));
        QCOMPARE(inbox.senders.first(), a->localEndpoint());
        QCOMPARE(inbox.destinations.first(), b->localEndpoint());
        QCOMPARE(b->stats().received, 1u);
    }

    // A socket on the wildcard address reports which of its addresses each datagram came to, in the
    // plain IPv4 form, so that a node bound to every address can still name itself to its peers.
    void wildcardSocketLearnsTheAddressItWasReachedAt() {
        auto bound = UdpTransport::bind(QHostAddress::Any, 0);
        QVERIFY(bound);
        auto& wildcard = bound.value();
        auto a = bindLoopback();
        QVERIFY(a);
        Inbox inbox;
        wildcard->setReceiver(&inbox);
        const quint16 port = wildcard->localEndpoint().port;
        a->send({QHostAddress::LocalHost, port}, "one");
        QTRY_COMPARE_WITH_TIMEOUT(inbox.payloads.size(), 1, 5000);
        QCOMPARE(inbox.destinations.first(), (Endpoint{QHostAddress::LocalHost, port}));
        QCOMPARE(inbox.senders.first(), a->localEndpoint());
        QCOMPARE(inbox.senders.first().address.protocol(), QAbstractSocket::IPv4Protocol);
    }

    void oversizeDatagramsAreDroppedUnread() {
        auto b = bindLoopback();
        QVERIFY(b);
        Inbox inbox;
        b->setReceiver(&inbox);
        QUdpSocket raw;
        raw.writeDatagram(QByteArray(kMaxDatagramSize + 1, 'x'), QHostAddress::LocalHost,
                          b->localEndpoint().port);
        raw.writeDatagram(QByteArray(kMaxDatagramSize, 'y'), QHostAddress::LocalHost,
                          b->localEndpoint().port);
        QTRY_COMPARE_WITH_TIMEOUT(inbox.payloads.size(), 1, 5000);
        QCOMPARE(inbox.payloads.first().size(), kMaxDatagramSize);
        QCOMPARE(b->stats().oversize, 1u);
    }

    void takenPortIsAClearError() {
        auto a = bindLoopback();
        QVERIFY(a);
        const auto second = UdpTransport::bind(QHostAddress::LocalHost, a->localEndpoint().port);
        QVERIFY(!second);
        QVERIFY2(second.error().contains(QString::number(a->localEndpoint().port)),
                 qPrintable(second.error()));
    }

    // Six nodes on real sockets form one exact ring, route lookups to the right owner, store and fetch a
    // record, and heal after one of them vanishes.
    void chordRingOverRealUdp() {
        std::vector<std::unique_ptr<RealNode>> nodes;
        for (int i = 0; i < 6; ++i) {
            auto n = std::make_unique<RealNode>();
            n->transport = bindLoopback();
            QVERIFY(n->transport);
            n->node = std::make_unique<dht::ChordNode>(crypto::Identity::generate(), *n->transport, n->clock,
                                                       n->random, fastConfig());
            nodes.push_back(std::move(n));
        }
        nodes[0]->node->createRing();
        for (size_t i = 1; i < nodes.size(); ++i)
            nodes[i]->node->join({nodes[0]->node->self().endpoint});
        QTRY_VERIFY_WITH_TIMEOUT(check(nodes).exact(), 30'000);

        const auto trueOwner = [&](const NodeId& key) {
            NodeId best = nodes[0]->node->id();
            for (const auto& n : nodes)
                if (dht::clockwiseDistance(key, n->node->id()) < dht::clockwiseDistance(key, best))
                    best = n->node->id();
            return best;
        };
        int done = 0, wrong = 0;
        for (int i = 0; i < 60; ++i) {
            const NodeId key = NodeId::hashOf(QByteArray::number(i));
            const NodeId expected = trueOwner(key);
            nodes[size_t(i) % nodes.size()]->node->lookup(key, [&, expected](const dht::LookupResult& r) {
                ++done;
                wrong += !r.found || r.owner.id != expected;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 60, 30'000);
        QCOMPARE(wrong, 0);

        const crypto::Identity publisher = crypto::Identity::generate();
        const dht::Record record = dht::Record::create(publisher, dht::recordKey(QStringLiteral("kw:ring")),
                                                       "value", nodes[0]->clock.unixMillis(), 600);
        std::optional<bool> stored;
        nodes[1]->node->put(record, [&](bool ok) { stored = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10'000);
        QVERIFY(*stored);

        nodes.erase(nodes.begin() + 2); // gone without a word
        QTRY_VERIFY_WITH_TIMEOUT(check(nodes).exact(), 30'000);

        std::optional<QList<dht::Record>> fetched;
        nodes[3]->node->get(record.key,
                            [&](const QList<dht::Record>& r, const dht::LookupResult&) { fetched = r; });
        QTRY_VERIFY_WITH_TIMEOUT(fetched.has_value(), 10'000);
        QVERIFY(fetched->contains(record));
    }
};

QTEST_GUILESS_MAIN(TestUdpTransport)
#include "tst_udptransport.moc"
