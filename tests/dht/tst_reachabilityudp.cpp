// The reachability check on real sockets: three ChordNodes on 127.0.0.1, each with its own UDP socket,
// and probes sent from fresh UDP sockets; the checking node becomes Reachable.
#include "base/systemclock.h"
#include "crypto/securerandom.h"
#include "dht/chordnode.h"
#include "net/udptransport.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace ringshare;
using namespace std::chrono_literals;

namespace {

struct RealNode {
    std::unique_ptr<net::UdpTransport> transport;
    std::unique_ptr<net::SocketFactory> sockets;
    SystemClock clock;
    crypto::SecureRandom random;
    std::unique_ptr<dht::ChordNode> node;
};

dht::ChordConfig loopbackConfig(bool check) {
    dht::ChordConfig config;
    config.stabilizeInterval = 100ms;
    config.fixFingersInterval = 100ms;
    config.checkPredecessorInterval = 200ms;
    config.rpc.timeout = 200ms;
    config.checkReachability = check;
    // Every node has the one address 127.0.0.1: members and helpers are told apart by port, and the
    // probe must still come from another socket than the member's.
    config.reachability.distinctAddresses = false;
    config.reachability.probeTimeout = 2000ms;
    config.dialBack.distinctAddresses = false;
    return config;
}

} // namespace

class TestReachabilityUdp final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aNodeOnLoopbackBecomesReachable() {
        std::vector<std::unique_ptr<RealNode>> nodes;
        for (int i = 0; i < 3; ++i) {
            auto n = std::make_unique<RealNode>();
            auto bound = net::UdpTransport::bind(QHostAddress::LocalHost, 0);
            QVERIFY2(bound, qPrintable(bound ? QString() : bound.error()));
            n->transport = std::move(bound.value());
            n->sockets = net::UdpTransport::freshSockets(QHostAddress::LocalHost);
            n->node = std::make_unique<dht::ChordNode>(crypto::Identity::generate(), *n->transport, n->clock,
                                                       n->random, loopbackConfig(i == 2));
            n->node->setFreshSockets(n->sockets.get());
            nodes.push_back(std::move(n));
        }
        nodes[0]->node->createRing();
        nodes[1]->node->join({nodes[0]->node->self().endpoint});
        nodes[2]->node->join({nodes[0]->node->self().endpoint});
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(nodes.begin(), nodes.end(),
                                             [](const auto& n) {
                                                 return n->node->isJoined() &&
                                                        n->node->successors().entries().size() >= 2;
                                             }),
                                 20'000);

        dht::ChordNode& checker = *nodes[2]->node;
        QSignalSpy changed(&checker, &dht::ChordNode::reachabilityChanged);
        // Peers on one address never make a quorum of observers, so the endpoint is claimed, as a port
        // mapper would claim the one it made.
        checker.setClaimedEndpoint(checker.self().endpoint);
        QTRY_COMPARE_WITH_TIMEOUT(checker.reachability().state, dht::Reachability::Reachable, 15'000);
        QCOMPARE(checker.reachability().endpoint, checker.self().endpoint);
        QCOMPARE(checker.reachability().confirmations, 2);
        QVERIFY(changed.count() >= 2); // Checking, then Reachable
        quint64 probes = 0;
        for (const auto& n : nodes)
            probes += n->node->dialBackStats().probesSent;
        QVERIFY(probes >= 2);
    }
};

QTEST_GUILESS_MAIN(TestReachabilityUdp)
#include "tst_reachabilityudp.moc"
