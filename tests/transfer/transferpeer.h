// One honest transfer peer for tests: its own data, download and shared folders, a library and a transfer
// manager on a real loopback port. tst_transfer and the hostile-peer tests both build on it.
#pragma once

#include "base/systemclock.h"
#include "crypto/identity.h"
#include "crypto/securerandom.h"
#include "share/library.h"
#include "share/link.h"
#include "transfer/transfermanager.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

namespace ringshare::transfer {

struct TransferPeer {
    // `dataDir` replaces the peer's own data folder (to start again on what an earlier peer left).
    explicit TransferPeer(TransferOptions options = {}, const QString& dataDir = {})
        : dataPath(dataDir.isEmpty() ? data.path() : dataDir) {
        identity.emplace(crypto::Identity::loadOrCreate(dataPath).value());
        library = std::make_unique<share::Library>(identity->clone(), dataPath, clock);
        options.downloadDir = downloads.path();
        options.stateDir = dataPath;
        manager = std::make_unique<TransferManager>(identity->clone(), *library, clock, random, options);
        listening = manager->listen(QHostAddress::LocalHost, 0).ok();
    }

    [[nodiscard]] PeerAddress address() const {
        return {QHostAddress::LocalHost, manager->listenPort(), identity->nodeId()};
    }

    // Shares `bytes` as `name` and waits until it is hashed; its link, or an empty one.
    share::Link share(const QString& name, const QByteArray& bytes) {
        const QString path = shared.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        file.close();
        if (!library->add(path).ok() || !QTest::qWaitFor([&] { return library->isIdle(); }, 20'000))
            return {};
        for (const share::SharedFile& shared : library->files())
            if (shared.path.endsWith(name))
                return share::Link{shared.id(), name, shared.size};
        return {};
    }

    // Waits for the download of `id` to finish or fail; its final path, or empty.
    QString waitFinished(const share::ContentId& id, int timeoutMs = 30'000) {
        (void)QTest::qWaitFor(
            [&] {
                const auto status = manager->downloadStatus(id);
                return status && (!status->path.isEmpty() || status->state == DownloadStatus::State::Failed);
            },
            timeoutMs);
        const auto status = manager->downloadStatus(id);
        return status ? status->path : QString();
    }

    QTemporaryDir data, downloads, shared;
    QString dataPath;
    SystemClock clock;
    crypto::SecureRandom random;
    std::optional<crypto::Identity> identity;
    std::unique_ptr<share::Library> library;
    std::unique_ptr<TransferManager> manager;
    bool listening = false;
};

} // namespace ringshare::transfer
