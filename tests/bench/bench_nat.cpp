// The ring with most nodes behind NAT, on the simulated network: public members and nodes behind NAT boxes
// of mixed kinds, every node checking its reachability by dial-back. Prints, per NAT kind, how many became
// members or clients and how long the verdict took, whether any client got into a member's routing state,
// and the success of lookups and of record reads (what a search by name does) from members and clients.
//
//   bench_nat            1,000 nodes, 60 % behind NAT (by hand; a few minutes)
//   bench_nat --quick    100 nodes (CI)

#include "crypto/identity.h"
#include "dht/record.h"
#include "dht/simulation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <cstdio>
#include <map>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;

namespace {

SimulationOptions natOptions(quint64 seed) {
    SimulationOptions o;
    o.seed = seed;
    o.chord.stabilizeInterval = 1000ms;
    o.chord.fixFingersInterval = 1000ms;
    o.chord.checkPredecessorInterval = 1000ms;
    o.chord.replicateInterval = 20s;
    o.chord.rpc.timeout = 400ms;
    o.chord.rpc.attempts = 2;
    o.chord.checkReachability = true;
    o.chord.reachability.probeTimeout = 3000ms;
    o.links.minLatency = 5ms;
    o.links.maxLatency = 60ms;
    return o;
}

struct Kind {
    const char* name;
    net::NatBehaviour behaviour;
    int share; // percent of the NATed nodes
};

QList<Kind> kinds() {
    using net::NatFiltering;
    using net::NatMapping;
    const auto nat = [](NatMapping mapping, NatFiltering filtering, bool preserve) {
        net::NatBehaviour b;
        b.mapping = mapping;
        b.filtering = filtering;
        b.preservePorts = preserve;
        return b;
    };
    // Port-restricted cone is the usual home router; the rest in the proportions measurement papers give
    // roughly.
    return {{"port-restricted",
             nat(NatMapping::EndpointIndependent, NatFiltering::AddressAndPortDependent, true), 50},
            {"restricted", nat(NatMapping::EndpointIndependent, NatFiltering::AddressDependent, true), 15},
            {"full-cone", nat(NatMapping::EndpointIndependent, NatFiltering::EndpointIndependent, true), 10},
            {"symmetric",
             nat(NatMapping::AddressAndPortDependent, NatFiltering::AddressAndPortDependent, false), 25}};
}

struct Verdict {
    QString kind;
    Millis added{0};
    std::optional<Millis> decided;
};

// Members whose predecessor, successors or fingers name a client.
int membersRoutingToClients(Simulation& sim) {
    QSet<NodeId> clients;
    for (const ChordNode* node : sim.joinedNodes())
        if (node->isClient())
            clients.insert(node->id());
    int wrong = 0;
    for (const ChordNode* member : sim.members()) {
        QList<NodeRef> routing = member->successors().entries() + member->fingers().distinct();
        if (member->predecessor())
            routing.append(*member->predecessor());
        wrong += std::any_of(routing.begin(), routing.end(),
                             [&](const NodeRef& node) { return clients.contains(node.id); });
    }
    return wrong;
}

struct Tally {
    int done = 0, ok = 0;
};

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption quickOption(QStringLiteral("quick"), QStringLiteral("Small sizes (CI)."));
    parser.addOption(quickOption);
    parser.process(app);
    const bool quick = parser.isSet(quickOption);
    const int total = quick ? 100 : 1000;
    const int natted = total * 60 / 100;
    const int lookups = quick ? 200 : 1000;
    const int records = quick ? 50 : 300;

    QElapsedTimer wall;
    wall.start();
    Simulation sim(natOptions(19));
    for (int i = 0; i < total - natted; ++i) {
        sim.addNode();
        if (i % 16 == 15)
            sim.run(200ms);
    }
    const bool publicRing = sim.runUntil([&] { return sim.converged(); }, 3600s, 1s);
    sim.run(30s);

    // NATed nodes join in waves, each behind its own box, kinds interleaved.
    const QList<Kind> natKinds = kinds();
    QList<QString> plan;
    for (const Kind& kind : natKinds)
        for (int i = 0; i < natted * kind.share / 100; ++i)
            plan.append(QString::fromLatin1(kind.name));
    for (qsizetype i = plan.size() - 1; i > 0; --i)
        plan.swapItemsAt(i, qsizetype(sim.random().bounded(quint64(i + 1))));
    std::map<ChordNode*, Verdict> verdicts;
    int maxWrong = 0;
    for (qsizetype i = 0; i < plan.size(); ++i) {
        const Kind& kind = *std::find_if(natKinds.begin(), natKinds.end(),
                                         [&](const Kind& k) { return plan[i] == QLatin1String(k.name); });
        ChordNode& node = sim.addNodeBehind(sim.network().addNat(kind.behaviour));
        verdicts[&node] = {plan[i], sim.clock().now(), std::nullopt};
        if (i % 16 == 15) {
            sim.run(200ms);
            maxWrong = std::max(maxWrong, membersRoutingToClients(sim));
        }
    }
    // Until every NATed node has a verdict (or ten minutes), checking the routing state each second.
    const auto decideAll = [&] {
        for (auto& [node, verdict] : verdicts) {
            const Reachability state = node->reachability().state;
            if (!verdict.decided && (state == Reachability::Reachable || state == Reachability::Unreachable))
                verdict.decided = sim.clock().now() - verdict.added;
        }
        maxWrong = std::max(maxWrong, membersRoutingToClients(sim));
        return std::all_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.second.decided; });
    };
    const bool allDecided = sim.runUntil(decideAll, 600s, 1s);
    const bool ring = sim.runUntil([&] { return sim.converged(); }, 600s, 1s);
    sim.run(30s);
    maxWrong = std::max(maxWrong, membersRoutingToClients(sim));

    std::printf("Ring of %d nodes, %d behind NAT (one box each); public ring settled: %s; every NATed node "
                "decided: %s; members' ring exact: %s\n",
                total, int(plan.size()), publicRing ? "yes" : "no", allDecided ? "yes" : "no",
                ring ? "yes" : "no");
    if (!ring) {
        const RingCheck check = sim.checkRing();
        int unjoined = 0;
        for (const ChordNode* node : sim.nodes())
            unjoined += !node->isJoined();
        std::printf("members' ring: %s; nodes not joined: %d\n",
                    check.problem.isEmpty() ? "exact" : qPrintable(check.problem), unjoined);
    }
    std::printf("\n%-16s %6s %8s %8s %12s %12s\n", "NAT kind", "nodes", "members", "clients", "verdict p50 s",
                "verdict max s");
    for (const Kind& kind : natKinds) {
        int count = 0, members = 0, clients = 0;
        std::vector<double> times;
        for (const auto& [node, verdict] : verdicts) {
            if (verdict.kind != QLatin1String(kind.name))
                continue;
            ++count;
            members += node->isMember();
            clients += node->isClient();
            if (verdict.decided)
                times.push_back(double(verdict.decided->count()) / 1000.0);
        }
        std::sort(times.begin(), times.end());
        std::printf("%-16s %6d %8d %8d %12.1f %12.1f\n", kind.name, count, members, clients,
                    times.empty() ? -1.0 : times[times.size() / 2], times.empty() ? -1.0 : times.back());
    }
    std::printf("\nmembers routing to a client (most at any check): %d\n", maxWrong);

    // Lookups and record reads, from members and from clients.
    const QList<ChordNode*> joined = sim.joinedNodes();
    QList<ChordNode*> fromMembers, fromClients;
    for (ChordNode* node : joined)
        (node->isClient() ? fromClients : fromMembers).append(node);
    SeededRandom random(23);
    const auto pick = [&](const QList<ChordNode*>& from) {
        return from[qsizetype(random.bounded(quint64(from.size())))];
    };
    std::map<QString, Tally> lookup, reads;
    for (int i = 0; i < lookups; ++i) {
        const bool client = i % 2 == 1 && !fromClients.isEmpty();
        const QString who = client ? QStringLiteral("client") : QStringLiteral("member");
        const NodeId key = NodeId::hashOf(random.bytes(16));
        const NodeId expected = sim.trueOwner(key);
        pick(client ? fromClients : fromMembers)->lookup(key, [&, who, expected](const LookupResult& r) {
            ++lookup[who].done;
            lookup[who].ok += r.found && r.owner.id == expected;
        });
    }
    sim.runUntil(
        [&] {
            return lookup[QStringLiteral("member")].done + lookup[QStringLiteral("client")].done >= lookups;
        },
        600s, 100ms);

    // Records put from one side, read from either: what publishing a keyword and searching for it does.
    const crypto::Identity publisher = sim.makeIdentity();
    QList<NodeId> keys;
    int stored = 0, putDone = 0;
    for (int i = 0; i < records; ++i) {
        const NodeId key = NodeId::hashOf(QByteArray("nat bench keyword ") + QByteArray::number(i));
        keys.append(key);
        const Record record = Record::create(publisher, key, "a file", sim.clock().unixMillis(), 3600);
        pick(i % 2 ? fromClients.isEmpty() ? fromMembers : fromClients : fromMembers)
            ->put(record, [&](bool ok) {
                ++putDone;
                stored += ok;
            });
    }
    sim.runUntil([&] { return putDone >= records; }, 600s, 100ms);
    sim.run(5s);
    for (int i = 0; i < records; ++i) {
        const bool client = i % 2 == 0 && !fromClients.isEmpty();
        const QString who = client ? QStringLiteral("client") : QStringLiteral("member");
        pick(client ? fromClients : fromMembers)
            ->get(keys[i], [&, who](const QList<Record>& found, const LookupResult&) {
                ++reads[who].done;
                reads[who].ok += !found.isEmpty();
            });
    }
    sim.runUntil(
        [&] {
            return reads[QStringLiteral("member")].done + reads[QStringLiteral("client")].done >= records;
        },
        600s, 100ms);

    std::printf("\n%-8s %16s %16s\n", "from", "lookups right", "records read");
    for (const QString& who : {QStringLiteral("member"), QStringLiteral("client")})
        std::printf("%-8s %9d / %-5d %9d / %-5d\n", qPrintable(who), lookup[who].ok, lookup[who].done,
                    reads[who].ok, reads[who].done);
    std::printf("records stored: %d / %d\n", stored, records);
    std::printf("\nTransfers from a client need reverse connection, hole punching or a relay (not built yet):"
                " no download figures.\nwall time %.1f s\n",
                double(wall.elapsed()) / 1000.0);
    // Fails only when the public ring never formed: the rest are the figures this bench is for.
    return publicRing ? 0 : 1;
}
