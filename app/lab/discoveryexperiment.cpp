// The discovery experiment's runs: queries, the busiest host's load, and success after hosts fail.
#include "lab/discoveryexperiment.h"

#include "base/random.h"
#include "lab/centraldirectory.h"
#include "lab/chorddiscovery.h"
#include "lab/flooding.h"
#include "lab/parallel.h"
#include "lab/ringonly.h"
#include "lab/statistics.h"

#include <QElapsedTimer>
#include <algorithm>
#include <memory>
#include <mutex>

namespace ringshare::lab {

namespace {

// `count` queries, each from a different live peer, for the item of another live peer.
QList<Discovery::Query> pickQueries(const Discovery& protocol, int count, Random& random) {
    QList<int> live;
    for (int peer : protocol.peers())
        if (protocol.isUp(peer))
            live.append(peer);
    QList<Discovery::Query> queries;
    if (live.size() < 2)
        return queries;
    std::shuffle(live.begin(), live.end(), std::mt19937_64(random.next64()));
    for (int i = 0; i < std::min<qsizetype>(count, live.size()); ++i) {
        int holder = live[qsizetype(random.bounded(quint64(live.size())))];
        while (holder == live[i])
            holder = live[qsizetype(random.bounded(quint64(live.size())))];
        queries.append({live[i], holder});
    }
    return queries;
}

double successRate(const Discovery::Batch& batch) {
    if (batch.outcomes.isEmpty())
        return 0;
    const auto found = std::count_if(batch.outcomes.begin(), batch.outcomes.end(),
                                     [](const QueryOutcome& o) { return o.found; });
    return double(found) / double(batch.outcomes.size());
}

DiscoveryRow summarize(const QString& name, int peers, const Discovery::Batch& batch, bool busiestIsServer) {
    DiscoveryRow row;
    row.protocol = name;
    row.peers = peers;
    row.queries = int(batch.outcomes.size());
    QList<double> hops, latency;
    for (const QueryOutcome& o : batch.outcomes)
        if (o.found) {
            hops.append(o.hops);
            latency.append(o.latencyMs);
        }
    row.meanHops = mean(hops);
    row.p99Hops = percentile(hops, 0.99);
    row.meanLatencyMs = mean(latency);
    row.p99LatencyMs = percentile(latency, 0.99);
    row.messagesPerQuery = double(batch.messages) / std::max(row.queries, 1);
    row.successRate = successRate(batch);
    row.busiestLoad = double(batch.busiestReceived) * double(peers) / std::max(row.queries, 1);
    row.busiestIsServer = busiestIsServer;
    return row;
}

struct Protocol {
    QString name;
    std::function<std::unique_ptr<Discovery>(int peers, quint64 seed)> make;
    int queries = 0;
    bool expensive = false; // build once, fail the busiest and then 20% more on the same network
};

DiscoveryRow runOne(const Protocol& protocol, int n, const DiscoverySettings& settings) {
    const quint64 seed = settings.seed * 1'000'003 + quint64(n);
    SeededRandom random(seed ^ 0x9e3779b97f4a7c15ULL);
    std::unique_ptr<Discovery> network = protocol.make(n, seed);
    const Discovery::Batch batch = network->run(pickQueries(*network, protocol.queries, random));
    DiscoveryRow row = summarize(protocol.name, n, batch,
                                 protocol.name == QLatin1String("central directory") &&
                                     batch.busiest == CentralDirectory::kServer);
    if (settings.failures && batch.busiest >= 0) {
        network->fail(batch.busiest);
        row.successAfterBusiestFails =
            successRate(network->run(pickQueries(*network, protocol.queries, random)));
        if (!protocol.expensive)
            network = protocol.make(n, seed);
        QList<int> victims = network->peers();
        std::shuffle(victims.begin(), victims.end(), std::mt19937_64(random.next64()));
        for (qsizetype i = 0; i < victims.size() / 5; ++i)
            network->fail(victims[i]);
        row.successAfterFifthFails =
            successRate(network->run(pickQueries(*network, protocol.queries, random)));
    }
    return row;
}

} // namespace

QList<DiscoveryRow> runDiscovery(const DiscoverySettings& settings) {
    QList<Protocol> protocols;
    protocols.append(
        {QStringLiteral("central directory"),
         [](int n, quint64 seed) { return std::unique_ptr<Discovery>(new CentralDirectory(n, seed)); },
         settings.maxQueries});
    for (int ttl : settings.floodingTtls)
        protocols.append(
            {QStringLiteral("flooding TTL %1").arg(ttl),
             [ttl](int n, quint64 seed) { return std::unique_ptr<Discovery>(new Flooding(n, ttl, seed)); },
             settings.floodingQueries});
    protocols.append({QStringLiteral("ring only"),
                      [](int n, quint64 seed) { return std::unique_ptr<Discovery>(new RingOnly(n, seed)); },
                      settings.maxQueries});
    protocols.append(
        {QStringLiteral("Chord"),
         [](int n, quint64 seed) { return std::unique_ptr<Discovery>(new ChordDiscovery(n, seed)); },
         settings.maxQueries, true});

    // One task per protocol and size, each with its own network, clock and seed, so tasks run side by side
    // on worker threads and the results do not depend on which thread ran what. The largest Chord rings
    // take longest: they start first.
    struct Task {
        const Protocol* protocol;
        int n;
        qsizetype row;
    };
    QList<Task> tasks;
    for (int n : settings.sizes)
        for (const Protocol& protocol : protocols)
            if (!protocol.expensive || n <= settings.chordMaxPeers)
                tasks.append({&protocol, n, tasks.size()});
    QList<Task> order = tasks;
    std::stable_sort(order.begin(), order.end(), [](const Task& a, const Task& b) {
        return std::pair(a.protocol->expensive, a.n) > std::pair(b.protocol->expensive, b.n);
    });

    QList<DiscoveryRow> rows(tasks.size());
    std::mutex progressLock;
    runParallel(int(order.size()), settings.threads, [&](int i) {
        const Task task = order[i];
        QElapsedTimer wall;
        wall.start();
        rows[task.row] = runOne(*task.protocol, task.n, settings);
        if (settings.progress) {
            const std::lock_guard lock(progressLock);
            settings.progress(QStringLiteral("discovery: %1, N = %2 (%3 s)")
                                  .arg(task.protocol->name)
                                  .arg(task.n)
                                  .arg(double(wall.elapsed()) / 1000.0, 0, 'f', 1));
        }
    });
    return rows;
}

} // namespace ringshare::lab
