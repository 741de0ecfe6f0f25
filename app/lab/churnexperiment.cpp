// The churn experiment's runs: with and without replication and retries, at each churn rate.
#include "lab/churnexperiment.h"

#include "lab/chordring.h"
#include "lab/parallel.h"

#include <memory>
#include <mutex>
#include <random>

using namespace std::chrono_literals;

namespace ringshare::lab {

namespace {

struct Variant {
    QString name;
    int replication = 1; // k: the owner and k-1 successors hold each record
    int rpcAttempts = 1; // sends of each request before it counts as timed out
    int retries = 0;     // further gets, a second apart from other nodes, after one that found nothing
};

ChurnRow runOne(const ChurnSettings& settings, const Variant& variant, double rate) {
    dht::SimulationOptions options = chordOptions(settings.seed * 7919 + quint64(rate * 1000));
    options.chord.replicationFactor = variant.replication;
    options.chord.rpc.attempts = variant.rpcAttempts;
    dht::Simulation sim(options);
    buildRing(sim, settings.nodes);

    const crypto::Identity publisher = sim.makeIdentity();
    QList<dht::Record> records;
    int stored = 0;
    const QList<dht::ChordNode*> members = sim.joinedNodes();
    for (int i = 0; i < settings.records; ++i) {
        records.append(dht::Record::create(publisher, dht::recordKey(QStringLiteral("kw:churn%1").arg(i)),
                                           QByteArray::number(i), sim.clock().unixMillis(), 86'400));
        members[i % members.size()]->put(records.last(), [&stored](bool) { ++stored; });
    }
    sim.runUntil([&] { return stored == settings.records; }, 300s);
    sim.run(30s);

    std::mt19937_64 engine(settings.seed + quint64(rate * 1000));
    std::exponential_distribution<double> gap(rate / 1000.0); // per millisecond
    const auto nextGap = [&] { return Millis(1 + qint64(gap(engine))); };
    const Millis start = sim.clock().now();
    Millis nextJoin = start + nextGap();
    Millis nextCrash = start + nextGap();
    Millis nextLookup = start + settings.lookupInterval;
    const Millis end = start + settings.duration;
    SeededRandom random(settings.seed ^ 0xc4u);

    ChurnRow row{.variant = variant.name, .eventsPerSecond = rate};
    int finished = 0;
    // One get from a random live node; on nothing found, try again later while retries are left.
    std::function<void(int, int)> ask = [&](int index, int triesLeft) {
        const QList<dht::ChordNode*> joined = sim.joinedNodes();
        const dht::Record expected = records[index];
        joined[qsizetype(random.bounded(quint64(joined.size())))]->get(
            expected.key,
            [&, expected, index, triesLeft](const QList<dht::Record>& found, const dht::LookupResult&) {
                if (found.contains(expected)) {
                    ++finished;
                    return;
                }
                if (triesLeft > 0) {
                    sim.clock().post(1s, [&ask, index, triesLeft] { ask(index, triesLeft - 1); });
                    return;
                }
                ++row.failed;
                ++finished;
            });
    };
    while (sim.clock().now() < end) {
        const Millis next = std::min({nextJoin, nextCrash, nextLookup});
        sim.clock().advanceTo(next);
        if (next == nextJoin) {
            sim.addNode();
            nextJoin += nextGap();
        } else if (next == nextCrash) {
            const QList<dht::ChordNode*> joined = sim.joinedNodes();
            if (joined.size() > 8)
                sim.crash(*joined[qsizetype(random.bounded(quint64(joined.size())))]);
            nextCrash += nextGap();
        } else {
            ++row.lookups;
            ask(int(random.bounded(quint64(records.size()))), variant.retries);
            nextLookup += settings.lookupInterval;
        }
    }
    // Lookups still under way when no answer comes at all count as failed.
    sim.runUntil([&] { return finished == row.lookups; }, 60s);
    row.failed += row.lookups - finished;
    return row;
}

} // namespace

QList<ChurnRow> runChurn(const ChurnSettings& settings) {
    const QList<Variant> variants{
        {QStringLiteral("no replication, no retries"), 1, 1, 0},
        {QStringLiteral("replication (k = 4)"), 4, 1, 0},
        {QStringLiteral("replication and retries"), 4, 2, 2},
    };
    // Every run has its own simulation: they go side by side on worker threads.
    const int rates = int(settings.rates.size());
    QList<ChurnRow> rows(variants.size() * rates);
    std::mutex progressLock;
    runParallel(int(rows.size()), settings.threads, [&](int i) {
        const Variant& variant = variants[i / rates];
        const ChurnRow row = runOne(settings, variant, settings.rates[i % rates]);
        rows[i] = row;
        if (settings.progress) {
            const std::lock_guard lock(progressLock);
            settings.progress(QStringLiteral("churn: %1 at %2 events/s: %3 of %4 lookups failed")
                                  .arg(variant.name)
                                  .arg(row.eventsPerSecond)
                                  .arg(row.failed)
                                  .arg(row.lookups));
        }
    });
    return rows;
}

} // namespace ringshare::lab
