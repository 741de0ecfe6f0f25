// The discovery experiment: every protocol at every network size, and how queries fare after failures.
#pragma once

#include <QList>
#include <QString>
#include <functional>

namespace ringshare::lab {

// One protocol at one network size: how its queries went, and how many still succeed after failures.
struct DiscoveryRow {
    QString protocol;
    int peers = 0;
    int queries = 0;
    // Over the queries that succeeded.
    double meanHops = 0;
    double p99Hops = 0;
    double meanLatencyMs = 0;
    double p99LatencyMs = 0;
    double messagesPerQuery = 0; // over all queries
    double successRate = 0;
    // Messages the busiest host receives in a round in which every peer asks once (measured over the
    // queries run, scaled by peers / queries when fewer queries than peers were run).
    double busiestLoad = 0;
    bool busiestIsServer = false;
    // Success of fresh queries (between live peers) right after the busiest host fails, and after 20% of
    // the peers fail at once; -1 when not measured.
    double successAfterBusiestFails = -1;
    double successAfterFifthFails = -1;
};

struct DiscoverySettings {
    QList<int> sizes{100, 1000, 10'000};
    int maxQueries = 500;
    // A flood at a large TTL reaches nearly every peer: fewer queries carry the same information.
    int floodingQueries = 100;
    QList<int> floodingTtls{2, 4, 6};
    int chordMaxPeers = 10'000; // the real ChordNode rings take most of the time: the largest one run
    bool failures = true;
    quint64 seed = 1;
    int threads = 2; // protocols and sizes run side by side
    std::function<void(const QString&)> progress;
};

// Runs the four discovery protocols (flooding once per TTL) at every size.
[[nodiscard]] QList<DiscoveryRow> runDiscovery(const DiscoverySettings& settings);

} // namespace ringshare::lab
