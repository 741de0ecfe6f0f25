// The distribution experiment: textbook lower bounds against real and simulated swarms.
#pragma once

#include <QList>
#include <QString>
#include <functional>

namespace ringshare::lab {

// The textbook model's lower bounds on the time to send a file of F bytes from one server to n peers:
// client-server max(nF/u_s, F/d_min), peer-to-peer max(F/u_s, F/d_min, nF/(u_s + sum of u_i)).
struct DistributionModel {
    double fileBytes = 0;
    double serverUpload = 0; // u_s, bytes per second
    double peerUpload = 0;   // every u_i
    double minDownload = 0;  // d_min; 0 means unlimited

    [[nodiscard]] double clientServerBound(int n) const;
    [[nodiscard]] double peerToPeerBound(int n) const;
};

// One swarm size: the bounds, and what was measured or simulated (-1 where not run).
struct DistributionRow {
    int n = 0;
    double clientServerBound = 0;
    double peerToPeerBound = 0;
    double realSeconds = -1;         // real Ringshare peers over loopback (small n)
    double simulatedP2pSeconds = -1; // chunk-level swarm model, peers upload
    double simulatedCsSeconds = -1;  // the same model, only the server uploads
};

struct DistributionSettings {
    // Real transfers: F and u (for the seeder and every peer), and the swarm sizes.
    qint64 realFileBytes = 4 * 1024 * 1024;
    qint64 realUpload = 2 * 1024 * 1024;
    QList<int> realSizes{1, 2, 4, 8};
    QString tempDir; // where the real peers keep their folders (default: the system's)
    // The swarm model: F, u and the sizes.
    double modelFileBytes = 64.0 * 1024 * 1024;
    double modelUpload = 4.0 * 1024 * 1024;
    int modelChunks = 64;
    QList<int> modelSizes{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10'000};
    int modelCsLimit = 10'000; // the client-server model runs n * chunks slots: cap it
    quint64 seed = 1;
    std::function<void(const QString&)> progress;
};

struct DistributionResult {
    QList<DistributionRow> real;  // bounds for the real runs' F and u
    QList<DistributionRow> model; // bounds for the model's F and u
    QString error;                // a real run that failed, in words
};

[[nodiscard]] DistributionResult runDistribution(const DistributionSettings& settings);

} // namespace ringshare::lab
