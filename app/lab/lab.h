// The lab's entry points: which experiments to run, and the writers of their tables, CSV files and charts.
#pragma once

#include "lab/churnexperiment.h"
#include "lab/discoveryexperiment.h"
#include "lab/distributionexperiment.h"

#include <QStringList>
#include <QTextStream>
#include <functional>

namespace ringshare::lab {

// What to run and where the results go.
struct LabOptions {
    QString outDir = QStringLiteral("lab-results");
    bool quick = false; // small sizes: seconds, for tests and CI
    QString only;       // discovery, distribution or churn; empty for all
    quint64 seed = 1;
    QString tempDir; // for the real transfers' folders
    int chordMaxPeers = 10'000; // discovery: the largest Chord ring built
    std::function<void(const QString&)> progress;
};

struct LabResults {
    QList<DiscoveryRow> discovery;
    DistributionResult distribution;
    QList<ChurnRow> churn;
    QStringList files; // written, absolute paths
    QString error;     // empty when every experiment ran and every file was written
};

[[nodiscard]] QStringList experimentNames();

// The settings each experiment runs with, full or quick.
[[nodiscard]] DiscoverySettings discoverySettings(const LabOptions& options);
[[nodiscard]] DistributionSettings distributionSettings(const LabOptions& options);
[[nodiscard]] ChurnSettings churnSettings(const LabOptions& options);

// Runs the experiments, prints the tables to `table` and writes CSV files and PNG charts to outDir.
[[nodiscard]] LabResults runLab(const LabOptions& options, QTextStream& table);

// The writers, one per experiment (each returns the files it wrote, or an error).
void reportDiscovery(const QList<DiscoveryRow>& rows, const QString& dir, QTextStream& table,
                     LabResults& results);
void reportDistribution(const DistributionResult& result, const DistributionSettings& settings,
                        const QString& dir, QTextStream& table, LabResults& results);
void reportChurn(const QList<ChurnRow>& rows, const QString& dir, QTextStream& table, LabResults& results);

} // namespace ringshare::lab
