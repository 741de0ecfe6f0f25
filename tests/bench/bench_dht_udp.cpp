// The DHT benchmark on real sockets: a Chord ring of N nodes in one process, each on its own UDP socket on
// loopback with its own system clock and randomness. Measures how long the ring takes to form, lookups
// (throughput, latency, hops, correctness against the true owner) next to the simulated network's hops for
// the same size, and what an idle node costs in memory, CPU and datagrams. Prints a table and writes CSV.
//
//   bench_dht_udp              200 nodes, 5000 lookups, 32 in flight (by hand; about a minute)
//   bench_dht_udp --quick      24 nodes, 300 lookups (CI; seconds)
//   bench_dht_udp --nodes N --lookups L --concurrency C
//   bench_dht_udp --csv DIR    where the CSV file goes (default: current directory)

#include "base/systemclock.h"
#include "benchpeer.h"
#include "crypto/cryptoinit.h"
#include "crypto/identity.h"
#include "crypto/securerandom.h"
#include "dht/ringcheck.h"
#include "dht/simulation.h"
#include "net/udptransport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <malloc.h>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;

namespace {

// Maintenance fast enough for a ring of a few hundred nodes to settle in seconds.
ChordConfig benchConfig() {
    ChordConfig config;
    config.stabilizeInterval = 200ms;
    config.fixFingersInterval = 200ms;
    config.checkPredecessorInterval = 200ms;
    config.rpc.timeout = 500ms;
    return config;
}

constexpr int kJoinBatch = 10;
constexpr Millis kJoinBatchLimit = 30s;
constexpr Millis kRingLimit = 120s;
constexpr Millis kFingerLimit = 60s;
constexpr Millis kLookupLimit = 300s;

// One node as it would run in a process of its own. Members die in reverse order of declaration: the
// node before its transport.
struct UdpMember {
    std::unique_ptr<net::UdpTransport> transport;
    SystemClock clock;
    crypto::SecureRandom random;
    std::unique_ptr<ChordNode> node;
};
using Members = std::vector<std::unique_ptr<UdpMember>>;

// Runs the event loop for `span`.
void runFor(Millis span) {
    QEventLoop loop;
    QTimer::singleShot(span, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

double secondsSince(const QElapsedTimer& timer) {
    return double(timer.nsecsElapsed()) / 1e9;
}

// Resident set of this process, from the kernel.
long rssKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return 0;
}

// Heap bytes in use, from the allocator itself (resident-set deltas hide reuse of freed memory).
long heapKiB() {
    return long(mallinfo2().uordblks / 1024);
}

// User plus system CPU time of this process.
double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

template <typename T>
double percentile(std::vector<T> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(std::ceil(p * double(values.size())) - 1));
    return double(values[index]);
}

template <typename T>
double mean(const std::vector<T>& values) {
    double sum = 0;
    for (const T& v : values)
        sum += double(v);
    return sum / double(std::max<size_t>(values.size(), 1));
}

// The true owner of any key: the first node ID at or after it, going clockwise.
class Oracle final {
public:
    explicit Oracle(const Members& members) {
        for (const auto& m : members)
            m_ids.push_back(m->node->id());
        std::sort(m_ids.begin(), m_ids.end());
    }
    [[nodiscard]] NodeId owner(const NodeId& key) const {
        const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), key);
        return it == m_ids.end() ? m_ids.front() : *it;
    }

private:
    std::vector<NodeId> m_ids;
};

// All members joined, and the ring exactly right (as Simulation::converged() decides it).
RingCheck checkMembers(const Members& members) {
    QList<RingNodeView> views;
    for (const auto& m : members) {
        const ChordNode& node = *m->node;
        if (!node.isJoined()) {
            RingCheck notYet;
            notYet.problem = QStringLiteral("node %1 has not joined").arg(node.id().shortHex());
            return notYet;
        }
        RingNodeView view;
        view.id = node.id();
        if (node.predecessor())
            view.predecessor = node.predecessor()->id;
        for (const NodeRef& s : node.successors().entries())
            view.successors.append(s.id);
        views.append(view);
    }
    return checkRing(views, benchConfig().successorListSize);
}

// Finger entries that name the true owner of their start, as a fraction of all entries that should name
// another node. A converged ring reaches 1 once every node has gone once round its finger table.
double fingerAccuracy(const Members& members, const Oracle& oracle) {
    qint64 right = 0, needed = 0;
    for (const auto& m : members) {
        const FingerTable& fingers = m->node->fingers();
        for (int i = 0; i < FingerTable::kSize; ++i) {
            const NodeId owner = oracle.owner(fingers.start(i));
            if (owner == m->node->id())
                continue;
            ++needed;
            right += fingers.at(i) && fingers.at(i)->id == owner;
        }
    }
    return needed == 0 ? 1.0 : double(right) / double(needed);
}

double meanDistinctFingers(const Members& members) {
    double sum = 0;
    for (const auto& m : members)
        sum += double(m->node->fingers().distinct().size());
    return sum / double(std::max<size_t>(members.size(), 1));
}

struct Traffic {
    quint64 datagrams = 0; // everything the sockets sent: requests, retries and answers
    quint64 requests = 0;  // RPC requests, retries included
};

Traffic traffic(const Members& members) {
    Traffic t;
    for (const auto& m : members) {
        t.datagrams += m->transport->stats().sent;
        t.requests += m->node->rpcStats().requestsSent + m->node->rpcStats().retries;
    }
    return t;
}

struct BuildResult {
    bool ok = false;
    QString problem;
    double joinedSeconds = 0;
    double exactSeconds = 0;
    double fingersSeconds = 0;
    double fingerAccuracy = 0;
    double distinctFingers = 0;
};

// Node 0 creates the ring; the others join through it, a batch at a time, each batch joined before the
// next starts. Then waits for an exact ring and for every finger to name its true owner.
BuildResult buildRing(Members& members, int n) {
    BuildResult result;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < n; ++i) {
        auto bound = net::UdpTransport::bind(QHostAddress(QHostAddress::LocalHost), 0);
        if (!bound) {
            result.problem = bound.error();
            return result;
        }
        auto member = std::make_unique<UdpMember>();
        member->transport = std::move(bound.value());
        member->node = std::make_unique<ChordNode>(crypto::Identity::generate(), *member->transport,
                                                   member->clock, member->random, benchConfig());
        members.push_back(std::move(member));
    }
    members.front()->node->createRing();
    const net::Endpoint bootstrap = members.front()->node->self().endpoint;
    for (int first = 1; first < n; first += kJoinBatch) {
        const int last = std::min(n, first + kJoinBatch);
        for (int i = first; i < last; ++i)
            members[size_t(i)]->node->join({bootstrap});
        const bool joined = bench::runUntil(
            [&] {
                return std::all_of(members.begin() + first, members.begin() + last,
                                   [](const auto& m) { return m->node->isJoined(); });
            },
            kJoinBatchLimit);
        if (!joined) {
            result.problem = QStringLiteral("nodes %1 to %2 did not all join within %3 s")
                                 .arg(first)
                                 .arg(last - 1)
                                 .arg(kJoinBatchLimit.count() / 1000);
            return result;
        }
    }
    result.joinedSeconds = secondsSince(wall);

    if (!bench::runUntil([&] { return checkMembers(members).exact(); }, kRingLimit, 100ms)) {
        result.problem = QStringLiteral("the ring was not exact after %1 s: %2")
                             .arg(kRingLimit.count() / 1000)
                             .arg(checkMembers(members).problem);
        return result;
    }
    result.exactSeconds = secondsSince(wall);

    const Oracle oracle(members);
    const bool fingersExact =
        bench::runUntil([&] { return fingerAccuracy(members, oracle) == 1.0; }, kFingerLimit, 250ms);
    result.fingersSeconds = secondsSince(wall);
    result.fingerAccuracy = fingerAccuracy(members, oracle);
    result.distinctFingers = meanDistinctFingers(members);
    if (!fingersExact) {
        result.problem = QStringLiteral("only %1% of the fingers were right after %2 s")
                             .arg(100.0 * result.fingerAccuracy, 0, 'f', 2)
                             .arg(kFingerLimit.count() / 1000);
        return result;
    }
    result.ok = true;
    return result;
}

struct LookupFigures {
    int issued = 0;
    int done = 0;
    int notFound = 0;
    int wrong = 0;
    std::vector<int> hops;         // of the lookups that found the true owner
    std::vector<double> latencyMs; // of every lookup that completed
    double wallSeconds = 0;
    double cpuSeconds = 0;

    // One completed lookup, judged against the key's true owner.
    void tally(const LookupResult& r, const NodeId& expected) {
        ++done;
        if (!r.found)
            ++notFound;
        else if (r.owner.id != expected)
            ++wrong;
        else
            hops.push_back(r.hops());
    }

    [[nodiscard]] int failed() const { return notFound + wrong + (issued - done); }
    [[nodiscard]] double successPercent() const { return 100.0 * double(hops.size()) / std::max(issued, 1); }
};

// Lookups of random keys from random nodes, `concurrency` in flight at any time, each new one started as
// soon as one completes. The figures are shared with the callbacks so that lookups still running when the
// time limit ends the run have somewhere harmless to report to.
LookupFigures realLookups(const Members& members, int total, int concurrency) {
    struct State {
        LookupFigures figures;
        int inFlight = 0;
        bool issuing = false;
        QEventLoop* loop = nullptr;
    };
    const auto state = std::make_shared<State>();
    const Oracle oracle(members);
    SeededRandom random(7);

    std::function<void()> issue;
    issue = [&, state] {
        // A lookup a node answers from its own state completes at once, inside lookup(); the loop below
        // then simply carries on instead of recursing.
        if (state->issuing)
            return;
        state->issuing = true;
        while (state->figures.issued < total && state->inFlight < concurrency) {
            const NodeId key = NodeId::hashOf(random.bytes(16));
            const NodeId expected = oracle.owner(key);
            ChordNode& from = *members[size_t(random.bounded(quint64(members.size())))]->node;
            ++state->figures.issued;
            ++state->inFlight;
            const auto started = std::chrono::steady_clock::now();
            from.lookup(key, [&issue, state, expected, started, total](const LookupResult& r) {
                const std::chrono::duration<double, std::milli> latency =
                    std::chrono::steady_clock::now() - started;
                LookupFigures& f = state->figures;
                --state->inFlight;
                f.tally(r, expected);
                f.latencyMs.push_back(latency.count());
                if (!state->loop)
                    return; // the run is over
                if (f.done == total)
                    state->loop->quit();
                else
                    issue();
            });
        }
        state->issuing = false;
    };

    QElapsedTimer wall;
    wall.start();
    const double cpuBefore = cpuSeconds();
    QEventLoop loop;
    state->loop = &loop;
    issue();
    if (state->figures.done < total) {
        QTimer::singleShot(kLookupLimit, &loop, &QEventLoop::quit);
        loop.exec();
    }
    state->loop = nullptr;
    state->figures.wallSeconds = secondsSince(wall);
    state->figures.cpuSeconds = cpuSeconds() - cpuBefore;
    return state->figures;
}

// The same number of lookups on the simulated network, for a ring of the same size built the way
// bench_dht builds its rings.
LookupFigures simulatedLookups(int n, int total) {
    SimulationOptions options;
    options.seed = quint64(n) * 2 + 1;
    options.chord = benchConfig();
    Simulation sim(options);
    for (int i = 0; i < n; ++i) {
        sim.addNode();
        if (i % 16 == 15)
            sim.run(200ms);
    }
    sim.runUntil([&] { return sim.converged(); }, 3600s, 1s);
    sim.run(60s);

    LookupFigures f;
    const QList<ChordNode*> nodes = sim.joinedNodes();
    SeededRandom random(7);
    for (int i = 0; i < total; ++i) {
        const NodeId key = NodeId::hashOf(random.bytes(16));
        const NodeId expected = sim.trueOwner(key);
        ++f.issued;
        nodes[qsizetype(random.bounded(quint64(nodes.size())))]->lookup(
            key, [&f, expected](const LookupResult& r) { f.tally(r, expected); });
        if (i % 200 == 199)
            sim.run(50ms);
    }
    sim.runUntil([&] { return f.done == total; }, 600s, 100ms);
    return f;
}

struct IdleCost {
    double seconds = 0;
    double cpuPercentPerNode = 0;
    double datagramsPerSecondPerNode = 0;
    double requestsPerSecondPerNode = 0;
};

// What ring maintenance alone costs: a window with no lookups.
IdleCost idleCost(const Members& members, Millis window) {
    const Traffic before = traffic(members);
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    runFor(window);
    IdleCost cost;
    cost.seconds = secondsSince(wall);
    const double cpu = cpuSeconds() - cpuBefore;
    const Traffic after = traffic(members);
    const double perNodeSecond = cost.seconds * double(members.size());
    cost.cpuPercentPerNode = 100.0 * cpu / perNodeSecond;
    cost.datagramsPerSecondPerNode = double(after.datagrams - before.datagrams) / perNodeSecond;
    cost.requestsPerSecondPerNode = double(after.requests - before.requests) / perNodeSecond;
    return cost;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Ringshare DHT benchmark: a Chord ring on real UDP sockets on loopback, in one process."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("Small sizes only (for CI): 24 nodes, 300 lookups."));
    const QCommandLineOption csvDir(QStringLiteral("csv"), QStringLiteral("Write the CSV file into <dir>."),
                                    QStringLiteral("dir"), QStringLiteral("."));
    const QCommandLineOption nodesOption(
        QStringLiteral("nodes"), QStringLiteral("Nodes in the ring (default 200)."), QStringLiteral("n"));
    const QCommandLineOption lookupsOption(
        QStringLiteral("lookups"), QStringLiteral("Lookups to run (default 5000)."), QStringLiteral("n"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("Lookups in flight at once (default 32)."),
                                               QStringLiteral("n"), QStringLiteral("32"));
    parser.addOptions({quick, csvDir, nodesOption, lookupsOption, concurrencyOption});
    parser.process(app);
    const bool small = parser.isSet(quick);
    const int n = parser.isSet(nodesOption) ? parser.value(nodesOption).toInt() : (small ? 24 : 200);
    const int lookups =
        parser.isSet(lookupsOption) ? parser.value(lookupsOption).toInt() : (small ? 300 : 5000);
    const int concurrency = parser.value(concurrencyOption).toInt();
    const Millis idleWindow = small ? 2s : 5s;
    if (n < 2 || lookups < 1 || concurrency < 1) {
        std::fprintf(stderr,
                     "bench_dht_udp: --nodes must be at least 2, --lookups and --concurrency at least 1\n");
        return 1;
    }
    const QString dir = parser.value(csvDir);
    QDir().mkpath(dir);
    crypto::requireInitialized();

    QElapsedTimer total;
    total.start();
    const ChordConfig config = benchConfig();
    std::printf("\nRing of %d nodes on loopback UDP in one process, joined %d at a time through node 0\n"
                "(stabilize, fix fingers and check predecessor every %lld ms; RPC timeout %lld ms)\n",
                n, kJoinBatch, qlonglong(config.stabilizeInterval.count()),
                qlonglong(config.rpc.timeout.count()));
    std::fflush(stdout);

    const long rssBefore = rssKiB();
    const long heapBefore = heapKiB();
    Members members;
    const BuildResult build = buildRing(members, n);
    if (!build.ok) {
        std::fprintf(stderr, "bench_dht_udp: %s\n", qPrintable(build.problem));
        return 1;
    }
    const double rssPerNode = double(rssKiB() - rssBefore) / n;
    const double heapPerNode = double(heapKiB() - heapBefore) / n;
    std::printf("  %-30s %8.1f s\n", "all joined after", build.joinedSeconds);
    std::printf("  %-30s %8.1f s\n", "ring exact after", build.exactSeconds);
    std::printf("  %-30s %8.1f s   (%.1f distinct per node; log2N %.2f)\n", "every finger right after",
                build.fingersSeconds, build.distinctFingers, std::log2(double(n)));
    std::fflush(stdout);

    const IdleCost idle = idleCost(members, idleWindow);
    const LookupFigures real = realLookups(members, lookups, concurrency);
    if (real.done < real.issued)
        std::fprintf(stderr, "bench_dht_udp: %d of %d lookups had not completed after %lld s\n",
                     real.issued - real.done, real.issued, qlonglong(kLookupLimit.count() / 1000));
    // Idle maintenance goes on during the lookups too; taking its share out leaves the lookups' own cost.
    const double maintenanceCpu = idle.cpuPercentPerNode / 100.0 * n * real.wallSeconds;
    const double cpuMsPerLookup = 1000.0 * real.cpuSeconds / std::max(real.done, 1);
    const double lookupOnlyCpuMs =
        1000.0 * std::max(0.0, real.cpuSeconds - maintenanceCpu) / std::max(real.done, 1);
    members.clear();

    const LookupFigures sim = simulatedLookups(n, lookups);

    std::printf("\nLookups: %d random keys from random nodes, %d in flight\n", lookups, concurrency);
    std::printf("  %-30s %10s %10s\n", "", "real UDP", "simulated");
    std::printf("  %-30s %10.0f %10s\n", "lookups/s (wall)", real.done / std::max(real.wallSeconds, 1e-9),
                "-");
    std::printf("  %-30s %10.2f %10s\n", "latency p50 ms", percentile(real.latencyMs, 0.5), "-");
    std::printf("  %-30s %10.2f %10s\n", "latency p99 ms", percentile(real.latencyMs, 0.99), "-");
    std::printf("  %-30s %10.2f %10s\n", "latency max ms", percentile(real.latencyMs, 1.0), "-");
    std::printf("  %-30s %10.2f %10.2f\n", "mean hops", mean(real.hops), mean(sim.hops));
    std::printf("  %-30s %10.0f %10.0f\n", "p99 hops", percentile(real.hops, 0.99),
                percentile(sim.hops, 0.99));
    std::printf("  %-30s %10d %10d\n", "not found or unfinished", real.notFound + (real.issued - real.done),
                sim.notFound + (sim.issued - sim.done));
    std::printf("  %-30s %10d %10d\n", "wrong owner", real.wrong, sim.wrong);
    std::printf("  %-30s %9.2f%% %9.2f%%\n", "success", real.successPercent(), sim.successPercent());
    std::printf("  %-30s %10.2f %10s\n", "0.5*log2N", 0.5 * std::log2(double(n)), "");

    std::printf("\nCost per node (%d nodes; idle window %.1f s with no lookups)\n", n, idle.seconds);
    std::printf("  %-30s %10.1f\n", "RSS KiB/node", rssPerNode);
    std::printf("  %-30s %10.1f\n", "heap KiB/node", heapPerNode);
    std::printf("  %-30s %10.3f\n", "idle CPU %/node", idle.cpuPercentPerNode);
    std::printf("  %-30s %10.2f\n", "idle datagrams sent/s/node", idle.datagramsPerSecondPerNode);
    std::printf("  %-30s %10.2f\n", "idle RPC requests/s/node", idle.requestsPerSecondPerNode);
    std::printf("  %-30s %10.3f\n", "CPU ms/lookup (all)", cpuMsPerLookup);
    std::printf("  %-30s %10.3f\n", "CPU ms/lookup (less idle)", lookupOnlyCpuMs);
    std::printf("\ntotal wall time %.1f s\n", double(total.elapsed()) / 1000.0);
    std::fflush(stdout);

    QFile file(QDir(dir).filePath(QStringLiteral("dht_udp.csv")));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QTextStream csv(&file);
        csv << "nodes,lookups,concurrency,joined_s,ring_exact_s,fingers_right_s,distinct_fingers,"
               "lookups_per_s,latency_p50_ms,latency_p99_ms,latency_max_ms,mean_hops,p99_hops,"
               "sim_mean_hops,sim_p99_hops,failed,wrong_owner,sim_failed,rss_kib_per_node,heap_kib_per_node,"
               "idle_cpu_percent_per_node,idle_datagrams_per_s_per_node,idle_requests_per_s_per_node,"
               "cpu_ms_per_lookup,cpu_ms_per_lookup_less_idle\n";
        csv << n << ',' << lookups << ',' << concurrency << ',' << build.joinedSeconds << ','
            << build.exactSeconds << ',' << build.fingersSeconds << ',' << build.distinctFingers << ','
            << real.done / std::max(real.wallSeconds, 1e-9) << ',' << percentile(real.latencyMs, 0.5) << ','
            << percentile(real.latencyMs, 0.99) << ',' << percentile(real.latencyMs, 1.0) << ','
            << mean(real.hops) << ',' << percentile(real.hops, 0.99) << ',' << mean(sim.hops) << ','
            << percentile(sim.hops, 0.99) << ',' << real.failed() << ',' << real.wrong << ',' << sim.failed()
            << ',' << rssPerNode << ',' << heapPerNode << ',' << idle.cpuPercentPerNode << ','
            << idle.datagramsPerSecondPerNode << ',' << idle.requestsPerSecondPerNode << ',' << cpuMsPerLookup
            << ',' << lookupOnlyCpuMs << '\n';
    }
    return real.done == real.issued ? 0 : 1;
}
