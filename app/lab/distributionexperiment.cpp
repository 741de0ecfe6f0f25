// The distribution experiment: the client-server and peer-to-peer bounds, real swarms and simulations.
#include "lab/distributionexperiment.h"

#include "benchpeer.h"
#include "lab/swarmsimulation.h"
#include "realswarm.h"

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>

namespace ringshare::lab {

double DistributionModel::clientServerBound(int n) const {
    const double download = minDownload > 0 ? fileBytes / minDownload : 0;
    return std::max(double(n) * fileBytes / serverUpload, download);
}

double DistributionModel::peerToPeerBound(int n) const {
    const double download = minDownload > 0 ? fileBytes / minDownload : 0;
    return std::max({fileBytes / serverUpload, download,
                     double(n) * fileBytes / (serverUpload + double(n) * peerUpload)});
}

namespace {

void runReal(const DistributionSettings& settings, DistributionResult& result) {
    const DistributionModel model{.fileBytes = double(settings.realFileBytes),
                                  .serverUpload = double(settings.realUpload),
                                  .peerUpload = double(settings.realUpload)};
    const QString parent = settings.tempDir.isEmpty() ? QDir::tempPath() : settings.tempDir;
    QTemporaryDir root(QDir(parent).filePath(QStringLiteral("ringshare-lab-XXXXXX")));
    const QString path = root.filePath(QStringLiteral("payload.bin"));
    if (!root.isValid()) {
        result.error = QStringLiteral("cannot create a folder in %1").arg(parent);
        return;
    }
    if (auto written = bench::writePatternFile(path, settings.realFileBytes); !written.ok()) {
        result.error = written.error();
        return;
    }
    for (int n : settings.realSizes) {
        const bench::SwarmOutcome outcome =
            bench::runSwarm(root.path(), path, settings.realFileBytes, settings.realUpload, n);
        if (!outcome.error.isEmpty()) {
            result.error = QStringLiteral("real swarm of %1: %2").arg(n).arg(outcome.error);
            return;
        }
        result.real.append(DistributionRow{.n = n,
                                           .clientServerBound = model.clientServerBound(n),
                                           .peerToPeerBound = model.peerToPeerBound(n),
                                           .realSeconds = outcome.seconds});
        if (settings.progress)
            settings.progress(QStringLiteral("distribution: real swarm of %1 took %2 s")
                                  .arg(n)
                                  .arg(outcome.seconds, 0, 'f', 2));
    }
}

} // namespace

DistributionResult runDistribution(const DistributionSettings& settings) {
    DistributionResult result;
    if (!settings.realSizes.isEmpty())
        runReal(settings, result);

    const DistributionModel model{.fileBytes = settings.modelFileBytes,
                                  .serverUpload = settings.modelUpload,
                                  .peerUpload = settings.modelUpload,
                                  .minDownload = settings.modelUpload};
    for (int n : settings.modelSizes) {
        SwarmSimulation swarm{.peers = n,
                              .chunks = settings.modelChunks,
                              .fileBytes = settings.modelFileBytes,
                              .uploadBytesPerSecond = settings.modelUpload,
                              .seed = settings.seed + quint64(n)};
        DistributionRow row{.n = n,
                            .clientServerBound = model.clientServerBound(n),
                            .peerToPeerBound = model.peerToPeerBound(n),
                            .simulatedP2pSeconds = swarm.run().seconds};
        if (n <= settings.modelCsLimit) {
            swarm.peersUpload = false;
            row.simulatedCsSeconds = swarm.run().seconds;
        }
        result.model.append(row);
        if (settings.progress)
            settings.progress(QStringLiteral("distribution: swarm model of %1").arg(n));
    }
    return result;
}

} // namespace ringshare::lab
