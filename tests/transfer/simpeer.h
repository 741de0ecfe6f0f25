// Transfer peers on the simulated network: each a real TransferManager and Library (hashing and disk work
// on the clock) on a SimNetwork host, all on one ManualClock, so no socket, thread or wall-clock wait.
#pragma once

#include "base/manualclock.h"
#include "base/random.h"
#include "crypto/identity.h"
#include "net/simnetwork.h"
#include "share/library.h"
#include "share/link.h"
#include "transfer/transfermanager.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ringshare::transfer {

// A machine on the simulated network: its datagram endpoint and its streams, which peers (processes)
// on it use. It stays up when they quit, so what they sent on their way out still arrives.
struct SimHost {
    explicit SimHost(net::SimNetwork& network)
        : datagrams(network.createTransport()),
          streams(network.createStreamTransport(datagrams->localEndpoint())) {}
    [[nodiscard]] QHostAddress address() const { return datagrams->localEndpoint().address; }

    std::unique_ptr<net::Transport> datagrams;
    std::unique_ptr<net::StreamTransport> streams;
};

// The one clock and network every SimPeer of a test shares.
struct SimWorld {
    explicit SimWorld(quint64 seed = 1) : network(clock, seed) {}

    // Connections close themselves from the event loop (deleteLater, a queued close): with no loop
    // running, what they posted is delivered after each step of the clock.
    static void deliverPosted() {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    // Runs the clock event by event until `done`, or until `limit` of simulated time has passed.
    bool runUntil(const std::function<bool()>& done, Millis limit = Millis(120'000)) {
        const Millis until = clock.now() + limit;
        deliverPosted();
        while (!done()) {
            const std::optional<Millis> next = clock.nextDeadline();
            if (!next || *next > until)
                break;
            clock.runNext();
            deliverPosted();
        }
        return done();
    }

    // Lets `span` of simulated time pass, running everything due on the way.
    void runFor(Millis span) {
        const Millis until = clock.now() + span;
        (void)runUntil([] { return false; }, span);
        clock.advanceTo(until);
        deliverPosted();
    }

    // A new machine, up until the world ends.
    SimHost& addHost() {
        hosts.push_back(std::make_unique<SimHost>(network));
        return *hosts.back();
    }

    ManualClock clock;
    net::SimNetwork network;
    std::vector<std::unique_ptr<SimHost>> hosts;
};

struct SimPeer {
    // `seed` picks the peer's identity (the same seed is the same peer after a restart); `dataDir`
    // replaces its own data folder.
    SimPeer(SimWorld& world, quint8 seed, TransferOptions options = {}, const QString& dataDir = {})
        : world(world), host(world.addHost()), dataPath(dataDir.isEmpty() ? data.path() : dataDir),
          random(seed) {
        crypto::Identity::Seed bytes;
        bytes.fill(seed);
        identity.emplace(crypto::Identity::fromSeed(bytes));
        library =
            std::make_unique<share::Library>(identity->clone(), dataPath, world.clock, WorkMode::OnClock);
        baseOptions = options;
        listening = restart(downloads.path(), dataPath);
    }

    // A new transfer manager, as after a restart: same identity, library and address, downloads going to
    // `downloadDir` with their maps in `stateDir`.
    bool restart(const QString& downloadDir, const QString& stateDir) {
        manager.reset();
        TransferOptions options = baseOptions;
        options.downloadDir = downloadDir;
        options.stateDir = stateDir;
        options.diskWork = WorkMode::OnClock;
        manager = std::make_unique<TransferManager>(identity->clone(), *library, *host.streams, world.clock,
                                                    random, options);
        return manager->listen(host.address(), 0).ok();
    }

    [[nodiscard]] PeerAddress address() const {
        return {host.address(), manager->listenPort(), identity->nodeId()};
    }

    // Shares `bytes` as `name` and runs the clock until it is hashed; its link, or an empty one.
    share::Link share(const QString& name, const QByteArray& bytes) {
        const QString path = shared.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        file.close();
        if (!library->add(path).ok() || !world.runUntil([&] { return library->isIdle(); }))
            return {};
        for (const share::SharedFile& file : library->files())
            if (file.path.endsWith(name))
                return share::Link{file.id(), name, file.size};
        return {};
    }

    [[nodiscard]] qint64 done(const share::ContentId& id) const {
        const auto status = manager->downloadStatus(id);
        return status ? status->done : -1;
    }

    // Runs the clock until the download of `id` finishes or fails; its final path, or empty.
    QString waitFinished(const share::ContentId& id, Millis limit = Millis(30'000)) {
        (void)world.runUntil(
            [&] {
                const auto status = manager->downloadStatus(id);
                return !status || !status->path.isEmpty() || status->state == DownloadStatus::State::Failed;
            },
            limit);
        const auto status = manager->downloadStatus(id);
        return status ? status->path : QString();
    }

    SimWorld& world;
    SimHost& host; // the world's: destroyed, a peer is a process that quit, its machine still up
    QTemporaryDir data, downloads, shared;
    QString dataPath;
    SeededRandom random;
    std::optional<crypto::Identity> identity;
    std::unique_ptr<share::Library> library;
    TransferOptions baseOptions;
    std::unique_ptr<TransferManager> manager;
    bool listening = false;
};

} // namespace ringshare::transfer
