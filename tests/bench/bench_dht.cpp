// The DHT benchmark: lookup hops against ring size, lookups under churn, and records lost when many nodes
// crash at once, all on the simulated network. Prints tables and writes CSV files.
//
//   bench_dht            full sizes (by hand; minutes)
//   bench_dht --quick    small sizes (CI)
//   bench_dht --csv DIR  where the CSV files go (default: current directory)

#include "dht/simulation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <malloc.h>
#include <random>

using namespace ringshare;
using namespace ringshare::dht;
using namespace std::chrono_literals;

namespace {

SimulationOptions baseOptions(quint64 seed, bool fingers = true) {
    SimulationOptions o;
    o.seed = seed;
    o.chord.stabilizeInterval = 1000ms;
    o.chord.fixFingersInterval = 1000ms;
    o.chord.checkPredecessorInterval = 1000ms;
    o.chord.replicateInterval = 20s;
    o.chord.useFingers = fingers;
    // Walking successor lists alone takes about N/r hops; let such lookups run to the end.
    o.chord.maxLookupQueries = fingers ? 48 : 100'000;
    o.chord.rpc.timeout = 400ms;
    o.chord.rpc.attempts = 2;
    o.links.minLatency = 5ms;
    o.links.maxLatency = 60ms;
    return o;
}

// Heap bytes in use, from the allocator itself (resident-set deltas hide reuse of freed memory).
long heapKiB() {
    return long(mallinfo2().uordblks / 1024);
}

double percentile(std::vector<int> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(std::ceil(p * double(values.size())) - 1));
    return values[index];
}

// Builds a ring of n nodes: joins in waves through random members, then waits for an exact ring and a
// little longer so the fingers fill.
bool buildRing(Simulation& sim, int n) {
    for (int i = 0; i < n; ++i) {
        sim.addNode();
        if (i % 16 == 15)
            sim.run(200ms);
    }
    const bool exact = sim.runUntil([&] { return sim.converged(); }, 3600s, 1s);
    sim.run(60s);
    return exact;
}

struct CsvFile {
    QFile file;
    QTextStream out;
    CsvFile(const QString& dir, const QString& name, const QString& header)
        : file(QDir(dir).filePath(name)), out(&file) {
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out << header << '\n';
    }
};

void hopsTable(const QList<int>& sizes, int lookups, const QString& csvDir) {
    CsvFile csv(
        csvDir, QStringLiteral("dht_hops.csv"),
        QStringLiteral(
            "nodes,routing,mean_hops,p50,p99,half_log2n,log2n,failed,build_wall_s,heap_kib_per_node"));
    std::printf("\nLookup hops (%d random lookups from random nodes)\n", lookups);
    std::printf("%7s %-10s %9s %5s %5s %10s %7s %7s %9s %9s\n", "nodes", "routing", "mean", "p50", "p99",
                "0.5*log2N", "log2N", "failed", "build s", "KiB/node");
    for (int n : sizes) {
        for (bool fingers : {true, false}) {
            if (!fingers && n > 4096)
                continue; // walks along successor lists take O(N/r) hops; larger sizes add only time
            const long heapBefore = heapKiB();
            QElapsedTimer wall;
            wall.start();
            Simulation sim(baseOptions(quint64(n) * 2 + fingers, fingers));
            const bool exact = buildRing(sim, n);
            const double buildSeconds = double(wall.elapsed()) / 1000.0;
            const double perNode = double(heapKiB() - heapBefore) / std::max(n, 1);

            const QList<ChordNode*> nodes = sim.joinedNodes();
            SeededRandom random(7);
            std::vector<int> hops;
            int done = 0, failed = 0;
            for (int i = 0; i < lookups; ++i) {
                const NodeId key = NodeId::hashOf(random.bytes(16));
                const NodeId expected = sim.trueOwner(key);
                nodes[qsizetype(random.bounded(quint64(nodes.size())))]->lookup(
                    key, [&, expected](const LookupResult& r) {
                        ++done;
                        if (!r.found || r.owner.id != expected)
                            ++failed;
                        else
                            hops.push_back(r.hops());
                    });
                if (i % 200 == 199)
                    sim.run(50ms);
            }
            sim.runUntil([&] { return done == lookups; }, 600s, 100ms);
            double mean = 0;
            for (int h : hops)
                mean += h;
            mean /= std::max<size_t>(hops.size(), 1);
            const double log2n = std::log2(double(n));
            std::printf("%7d %-10s %9.2f %5.0f %5.0f %10.2f %7.2f %7d %9.1f %9.1f%s\n", n,
                        fingers ? "fingers" : "succ.list", mean, percentile(hops, 0.5),
                        percentile(hops, 0.99), 0.5 * log2n, log2n, failed + (lookups - done), buildSeconds,
                        perNode, exact ? "" : "  (ring not exact)");
            std::fflush(stdout);
            csv.out << n << ',' << (fingers ? "fingers" : "successor_list") << ',' << mean << ','
                    << percentile(hops, 0.5) << ',' << percentile(hops, 0.99) << ',' << 0.5 * log2n << ','
                    << log2n << ',' << failed + (lookups - done) << ',' << buildSeconds << ',' << perNode
                    << '\n';
        }
    }
}

// Chord's churn experiment: Poisson joins and crashes at rate R per stabilization period each, one lookup
// per second, failures counted against the oracle at the time each lookup completes.
void churnTable(int nodes, const QList<double>& rates, Millis duration, const QString& csvDir) {
    CsvFile csv(
        csvDir, QStringLiteral("dht_churn.csv"),
        QStringLiteral("nodes,events_per_stabilize_period,lookups,not_found,wrong_owner,failed_fraction"));
    std::printf(
        "\nChurn: %d nodes, joins and crashes each at the given rate, one lookup per second, %lld s\n", nodes,
        qlonglong(duration.count() / 1000));
    std::printf("%10s %8s %10s %12s %12s\n", "rate/per.", "lookups", "not found", "wrong owner", "failed %");
    for (double rate : rates) {
        Simulation sim(baseOptions(4000 + quint64(rate * 100)));
        buildRing(sim, nodes);
        std::mt19937_64 engine(99);
        const double periodMs = double(sim.options().chord.stabilizeInterval.count());
        std::exponential_distribution<double> gap(rate / periodMs);
        Millis nextJoin = sim.clock().now() + Millis(qint64(gap(engine)));
        Millis nextCrash = sim.clock().now() + Millis(qint64(gap(engine)));
        Millis nextLookup = sim.clock().now() + 1s;
        const Millis end = sim.clock().now() + duration;
        int issued = 0, done = 0, notFound = 0, wrong = 0;
        SeededRandom random(11);
        while (sim.clock().now() < end) {
            const Millis next = std::min({nextJoin, nextCrash, nextLookup});
            sim.clock().advanceTo(next);
            if (next == nextJoin) {
                sim.addNode();
                nextJoin += Millis(1 + qint64(gap(engine)));
            } else if (next == nextCrash) {
                const QList<ChordNode*> joined = sim.joinedNodes();
                if (joined.size() > 2)
                    sim.crash(*joined[qsizetype(random.bounded(quint64(joined.size())))]);
                nextCrash += Millis(1 + qint64(gap(engine)));
            } else {
                const QList<ChordNode*> joined = sim.joinedNodes();
                const NodeId key = NodeId::hashOf(random.bytes(16));
                ++issued;
                joined[qsizetype(random.bounded(quint64(joined.size())))]->lookup(
                    key, [&sim, &done, &notFound, &wrong, key](const LookupResult& r) {
                        ++done;
                        if (!r.found)
                            ++notFound;
                        else if (r.owner.id != sim.trueOwner(key))
                            ++wrong;
                    });
                nextLookup += 1s;
            }
        }
        sim.run(30s);
        const int failed = notFound + wrong + (issued - done);
        std::printf("%10.2f %8d %10d %12d %11.2f%%\n", rate, issued, notFound + (issued - done), wrong,
                    100.0 * failed / std::max(issued, 1));
        std::fflush(stdout);
        csv.out << nodes << ',' << rate << ',' << issued << ',' << notFound + (issued - done) << ',' << wrong
                << ',' << double(failed) / std::max(issued, 1) << '\n';
    }
}

// Many nodes crash at once; after the ring has repaired itself, how many records and lookups are lost?
void crashTable(int nodes, int records, const QList<int>& percents, const QList<int>& replicas,
                const QString& csvDir) {
    CsvFile csv(csvDir, QStringLiteral("dht_crash.csv"),
                QStringLiteral("nodes,records,crashed_percent,k,records_lost,lost_fraction,lookups_failed"));
    std::printf("\nSimultaneous crash: %d nodes, %d records, after repair\n", nodes, records);
    std::printf("%9s %4s %13s %9s %15s\n", "crashed", "k", "records lost", "lost %", "lookups failed");
    for (int k : replicas) {
        for (int percent : percents) {
            SimulationOptions o = baseOptions(7000 + quint64(percent) * 10 + quint64(k));
            o.chord.replicationFactor = k;
            Simulation run(o);
            buildRing(run, nodes);
            const crypto::Identity publisher = run.makeIdentity();
            QList<Record> stored;
            int answered = 0;
            const QList<ChordNode*> members = run.joinedNodes();
            for (int i = 0; i < records; ++i) {
                Record r = Record::create(publisher, recordKey(QStringLiteral("kw:r%1").arg(i)),
                                          QByteArray::number(i), run.clock().unixMillis(), 86'400);
                stored.append(r);
                members[i % members.size()]->put(r, [&](bool) { ++answered; });
            }
            run.runUntil([&] { return answered == records; }, 300s);
            run.run(30s);

            QList<ChordNode*> victims = run.joinedNodes();
            std::shuffle(victims.begin(), victims.end(), std::mt19937_64(quint64(percent)));
            for (int i = 0; i < int(victims.size()) * percent / 100; ++i)
                run.crash(*victims[i]);
            run.runUntil([&] { return run.converged(); }, 1200s, 1s);
            run.run(60s);

            int lost = 0, lookupsFailed = 0, done = 0;
            const QList<ChordNode*> survivors = run.joinedNodes();
            for (int i = 0; i < stored.size(); ++i) {
                const Record expected = stored[i];
                survivors[i % survivors.size()]->get(
                    expected.key, [&, expected](const QList<Record>& found, const LookupResult& lookup) {
                        ++done;
                        lost += !found.contains(expected);
                        lookupsFailed += !lookup.found || lookup.owner.id != run.trueOwner(expected.key);
                    });
            }
            run.runUntil([&] { return done == stored.size(); }, 600s);
            lost += int(stored.size()) - done;
            std::printf("%8d%% %4d %13d %8.2f%% %15d\n", percent, k, lost, 100.0 * lost / records,
                        lookupsFailed);
            std::fflush(stdout);
            csv.out << nodes << ',' << records << ',' << percent << ',' << k << ',' << lost << ','
                    << double(lost) / records << ',' << lookupsFailed << '\n';
        }
    }
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ringshare DHT benchmark on the simulated network."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Small sizes only (for CI)."));
    const QCommandLineOption csvDir(QStringLiteral("csv"), QStringLiteral("Write CSV files into <dir>."),
                                    QStringLiteral("dir"), QStringLiteral("."));
    const QCommandLineOption maxNodes(QStringLiteral("max-nodes"),
                                      QStringLiteral("Largest ring in the hops table (default 16384)."),
                                      QStringLiteral("n"), QStringLiteral("16384"));
    const QCommandLineOption only(QStringLiteral("only"),
                                  QStringLiteral("Run one table: hops, churn or crash."),
                                  QStringLiteral("table"));
    parser.addOptions({quick, csvDir, maxNodes, only});
    parser.process(app);
    const bool small = parser.isSet(quick);
    const QString dir = parser.value(csvDir);
    QDir().mkpath(dir);
    const QString table = parser.value(only);

    QElapsedTimer total;
    total.start();
    if (table.isEmpty() || table == QLatin1String("hops")) {
        QList<int> sizes = small ? QList<int>{64, 256} : QList<int>{64, 256, 1024, 4096, 16384};
        sizes.removeIf([&](int n) { return n > parser.value(maxNodes).toInt(); });
        hopsTable(sizes, small ? 2000 : 10'000, dir);
    }
    if (table.isEmpty() || table == QLatin1String("churn"))
        churnTable(small ? 100 : 500,
                   small ? QList<double>{1.0 / 3, 3} : QList<double>{1.0 / 3, 0.5, 1, 2, 3},
                   small ? 120s : 600s, dir);
    if (table.isEmpty() || table == QLatin1String("crash"))
        crashTable(small ? 200 : 1000, small ? 500 : 5000,
                   small ? QList<int>{25, 50} : QList<int>{10, 20, 30, 40, 50},
                   small ? QList<int>{8} : QList<int>{1, 4, 8}, dir);
    std::printf("\ntotal wall time %.1f s\n", double(total.elapsed()) / 1000.0);
    return 0;
}
