// The churn experiment: record lookups on a real Chord ring while nodes crash and join.
#pragma once

#include "base/clock.h"

#include <QList>
#include <QString>
#include <functional>

namespace ringshare::lab {

// Records looked up on a Chord ring (real ChordNodes on the simulation) while nodes crash and join.
struct ChurnRow {
    QString variant;
    double eventsPerSecond = 0; // crashes per second, and as many joins
    int lookups = 0;
    int failed = 0; // the record was not found, after any retries
    [[nodiscard]] double failedFraction() const { return lookups ? double(failed) / lookups : 0; }
};

struct ChurnSettings {
    int nodes = 100;
    int records = 200;
    QList<double> rates{0.1, 0.3, 1, 3};
    Millis duration{120'000};
    Millis lookupInterval{500};
    quint64 seed = 1;
    int threads = 2; // runs side by side
    std::function<void(const QString&)> progress;
};

// For each rate: no replication and no retries; replication; replication and retries.
[[nodiscard]] QList<ChurnRow> runChurn(const ChurnSettings& settings);

} // namespace ringshare::lab
