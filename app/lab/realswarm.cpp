// runSwarm(): starts the seeder and the downloaders with capped uploads and times every download.
#include "realswarm.h"

#include "peerthread.h"

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

namespace ringshare::bench {

namespace {
constexpr quint64 kSeederSeed = 1000;
} // namespace

SwarmOutcome runSwarm(const QString& parent, const QString& path, qint64 size, qint64 upload, int n) {
    SwarmOutcome outcome;
    outcome.n = n;
    outcome.csBound = double(n) * double(size) / double(upload);
    outcome.p2pBound = std::max(double(size) / double(upload),
                                double(n) * double(size) / (double(upload) + double(n) * double(upload)));
    QTemporaryDir root(QDir(parent).filePath(QStringLiteral("swarm-%1-XXXXXX").arg(n)));
    if (!root.isValid()) {
        outcome.error = QStringLiteral("cannot create a folder in %1").arg(parent);
        return outcome;
    }
    const Millis hashLimit(60'000);
    PeerThread seeder(root.path(), kSeederSeed, upload);
    const auto shared =
        seeder.withPeer([&](BenchPeer& peer) -> Result<std::pair<share::Link, transfer::PeerAddress>> {
            if (!peer.isListening())
                return Error{QStringLiteral("the seeder cannot listen on loopback")};
            auto link = peer.share(path, hashLimit);
            if (!link.ok())
                return Error{link.error()};
            return std::pair{link.value(), peer.address()};
        });
    if (!shared.ok()) {
        outcome.error = shared.error();
        return outcome;
    }
    const share::Link link = shared.value().first;
    const transfer::PeerAddress source = shared.value().second;

    // Each downloader notes its own finish on its own thread; the main thread only watches the count. These
    // outlive the downloaders, whose threads write them.
    QElapsedTimer timer;
    std::vector<double> finishedAt(size_t(n), 0.0);
    std::atomic<int> finished{0};
    std::mutex errorLock;
    QString firstError;
    std::vector<std::unique_ptr<PeerThread>> downloaders;
    for (int i = 0; i < n; ++i)
        downloaders.push_back(
            std::make_unique<PeerThread>(root.path(), kSeederSeed + 1 + quint64(i), upload));
    for (int i = 0; i < n; ++i) {
        const bool listening = downloaders[size_t(i)]->withPeer([&](BenchPeer& peer) {
            QObject::connect(&peer.manager(), &transfer::TransferManager::downloadFinished,
                             [&, i](const share::ContentId&, const QString&) {
                                 finishedAt[size_t(i)] = secondsSince(timer);
                                 ++finished;
                             });
            QObject::connect(&peer.manager(), &transfer::TransferManager::downloadFailed,
                             [&](const share::ContentId&, const QString& error) {
                                 const std::lock_guard lock(errorLock);
                                 if (firstError.isEmpty())
                                     firstError = error;
                             });
            return peer.isListening();
        });
        if (!listening) {
            outcome.error = QStringLiteral("a downloader cannot listen on loopback");
            return outcome;
        }
    }

    timer.start();
    for (auto& downloader : downloaders) {
        const QString started = downloader->withPeer([&](BenchPeer& peer) {
            auto result = peer.manager().download(link);
            if (result.ok())
                peer.manager().addSource(link.id, source);
            return result.ok() ? QString() : result.error();
        });
        if (!started.isEmpty()) {
            outcome.error = started;
            return outcome;
        }
    }
    const Millis limit(qint64(outcome.p2pBound * 5000) + 30'000);
    const bool done = runUntil(
        [&] {
            const std::lock_guard lock(errorLock);
            return finished.load() == n || !firstError.isEmpty();
        },
        limit, Millis(5));
    if (!firstError.isEmpty()) {
        outcome.error = firstError;
        return outcome;
    }
    if (!done) {
        outcome.error = QStringLiteral("n = %1: %2 of %3 downloads finished within %4 s")
                            .arg(n)
                            .arg(finished.load())
                            .arg(n)
                            .arg(limit.count() / 1000);
        return outcome;
    }
    outcome.seconds = *std::max_element(finishedAt.begin(), finishedAt.end());
    for (double at : finishedAt)
        outcome.meanSeconds += at / n;
    outcome.seederUploaded =
        seeder.withPeer([](BenchPeer& peer) { return peer.manager().stats().bytesUploaded; });
    for (auto& downloader : downloaders) {
        const transfer::TransferStats stats =
            downloader->withPeer([](BenchPeer& peer) { return peer.manager().stats(); });
        outcome.peersUploaded += stats.bytesUploaded;
        outcome.wasted += stats.bytesWasted;
    }
    return outcome;
}

} // namespace ringshare::bench
