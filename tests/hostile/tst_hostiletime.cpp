// The hostile transfer peers of tst_hostilepeers whose cases only needed time to pass (handshake timeouts,
// stalls, slow uploads, waits for what must not happen): a slowloris, absurd manifests, corrupt chunks and
// a silent seeder, the same hostile bytes on the simulated network and a ManualClock, so a stall timeout
// costs no wall time and every run replays the same.
#include "../transfer/simpeer.h"
#include "crypto/cryptoinit.h"
#include "honestnetwork.h"
#include "hostilepeer.h"
#include "streamslowloris.h"
#include "transfer/transfermanager.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace ringshare;
using namespace ringshare::hostile;
using namespace std::chrono_literals;
using transfer::SimHost;
using transfer::SimPeer;
using transfer::SimWorld;
using transfer::TransferManager;
using transfer::TransferMessage;

namespace {

// A hostile seeder on a machine of its own.
std::unique_ptr<HostileSeeder> hostileSeeder(SimWorld& world, crypto::Identity identity) {
    transfer::SimHost& host = world.addHost();
    return std::make_unique<HostileSeeder>(world.clock, std::move(identity), *host.streams, host.address());
}

} // namespace

class TestHostileTime final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    // 5. A host that opens many transfer connections and sends nothing, and one that sends a handshake one
    // byte at a time, while an honest peer downloads.
    void slowlorisConnections() {
        SimWorld world;
        transfer::TransferOptions options;
        options.handshakeTimeout = 1500ms;
        SimPeer seeder(world, 1, options), downloader(world, 2);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(3 * 1024 * 1024 + 123, 5);
        const share::Link link = seeder.share(QStringLiteral("film.mkv"), data);
        QVERIFY(link.size == data.size());

        const net::Endpoint target{seeder.address().address, seeder.address().port};
        SimHost& silentHost = world.addHost();
        SimHost& tricklerHost = world.addHost();
        StreamSlowloris silent(*silentHost.streams);
        silent.open(target, 40);
        StreamSlowloris trickler(*tricklerHost.streams);
        trickler.open(target, 3);
        int maxConnections = 0;
        const std::unique_ptr<Timer> sample = world.clock.createTimer([&] {
            maxConnections = std::max(maxConnections, seeder.manager->connectionCount());
            trickler.trickle();
            sample->start(100ms);
        });
        sample->start(100ms);
        // Beyond maxHandshakesPerSource the silent host's connections are refused at once.
        const int cap = options.maxHandshakesPerSource;
        QVERIFY(world.runUntil([&] { return silent.ended() >= 40 - cap; }, 5000ms));

        // The honest peer downloads meanwhile, on a slot the slowloris could not take.
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);

        // The rest closed when their handshake ran out of time. The trickler's bytes bought it nothing:
        // it was cut off while it still had bytes of its opening to send.
        QVERIFY(world.runUntil([&] { return trickler.ended() == 3; }, 6000ms));
        QCOMPARE(trickler.ended(), 3);
        QVERIFY2(trickler.bytesLeft() > 0, "the trickler was let finish its opening");
        QVERIFY(world.runUntil([&] { return silent.ended() == 40; }, 6000ms));
        QCOMPARE(silent.ended(), 40);
        sample->stop();
        QVERIFY(seeder.manager->stats().connectionsRefused >= 40 - cap);
        QVERIFY2(maxConnections <= 2 * cap + 1, qPrintable(QString::number(maxConnections)));
        QVERIFY(world.runUntil([&] { return seeder.manager->connectionCount() == 1; }, 3000ms));
        QCOMPARE(seeder.manager->connectionCount(), 1); // the honest one
        QCOMPARE(filesUnder(downloader.downloads.path()), QStringList{QStringLiteral("film.mkv")});
    }

    // 5b. The same from many addresses (as anyone with an IPv6 prefix has), enough to fill every slot, and
    // reconnecting whenever a connection ends; handshakes are given long here. An honest peer still gets in,
    // at once rather than when the slowloris's handshakes run out of time.
    void slowlorisFromManyAddresses() {
        SimWorld world;
        transfer::TransferOptions options;
        options.maxConnections = 16;
        options.handshakeTimeout = 60s;
        SimPeer seeder(world, 1, options), downloader(world, 2);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(2 * 1024 * 1024 + 5, 9);
        const share::Link link = seeder.share(QStringLiteral("talk.ogg"), data);
        QVERIFY(link.size == data.size());

        const net::Endpoint target{seeder.address().address, seeder.address().port};
        std::vector<std::unique_ptr<StreamSlowloris>> slowloris;
        for (int i = 0; i < 8; ++i) {
            slowloris.push_back(std::make_unique<StreamSlowloris>(*world.addHost().streams));
            slowloris.back()->setReopen(true);
            slowloris.back()->open(target, options.maxHandshakesPerSource);
        }
        QVERIFY(world.runUntil([&] { return seeder.manager->connectionCount() == options.maxConnections; },
                               10'000ms));

        const Millis start = world.clock.now();
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id, 20'000ms);
        QVERIFY2(!path.isEmpty(), "the honest peer never got in");
        const qint64 took = (world.clock.now() - start).count();
        QVERIFY2(took < 20'000, qPrintable(QString::number(took)));
        QCOMPARE(readFile(path), data);
        QVERIFY(seeder.manager->connectionCount() <= options.maxConnections);
        QVERIFY(seeder.manager->stats().connectionsEvicted > 0);
    }

    // 6. Sources that answer the manifest request with absurd manifests: a chunk count and size at the
    // limit of the format, a size far beyond it, a size that does not fit the chunk list. Then one with a
    // valid manifest that names the file "../../" out of the download folder.
    void absurdManifests() {
        SimWorld world;
        SimPeer seeder(world, 1), downloader(world, 2);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(1024 * 1024 + 77, 6);
        const share::Link link = seeder.share(QStringLiteral("notes.txt"), data);
        QVERIFY(link.size == data.size());
        const share::Manifest genuine = *seeder.library->fileFor(link.id)->manifest;
        const crypto::Identity liarKey = identityFor(600);

        QList<QByteArray> absurd;
        {
            // Every field at the format's limit: 65,536 chunk hashes of 4 MiB chunks.
            QByteArray m =
                manifestHeader(quint64(share::Manifest::kMaxFileSize), share::Manifest::kMaxChunkSize, 1);
            m += 'x';
            m += liarKey.publicKey().toByteArray();
            m += QByteArray(qsizetype(share::Manifest::kMaxChunkCount) * share::Manifest::kHashSize, '\x11');
            m += QByteArray(64, '\x22');
            absurd.append(m);
        }
        absurd.append(manifestHeader(quint64(1) << 62, share::Manifest::kMaxChunkSize, 0) +
                      QByteArray(200, 'z'));
        {
            // The genuine hashes with a size that needs ten times as many chunks.
            QByteArray m =
                manifestHeader(quint64(data.size()) * 10, share::Manifest::chunkSizeFor(data.size() * 10), 0);
            m += liarKey.publicKey().toByteArray() + genuine.chunkHashes + QByteArray(64, '\0');
            absurd.append(m);
        }

        QVERIFY(downloader.manager->download(link).ok());
        QSignalSpy dropped(downloader.manager.get(), &TransferManager::peerDropped);
        std::vector<std::unique_ptr<HostileSeeder>> liars;
        for (int i = 0; i < absurd.size(); ++i) {
            auto liar = hostileSeeder(world, identityFor(610 + i));
            liar->onMessage = [&, bytes = absurd[i]](transfer::PeerConnection& c, const TransferMessage& m) {
                if (m.type == transfer::MessageType::Interested) {
                    TransferMessage bits = reply(transfer::MessageType::Bitfield, m.id);
                    bits.data = QByteArray(TransferMessage::kMaxBitfieldBytes, '\xff');
                    c.send(bits);
                } else if (m.type == transfer::MessageType::GetManifest) {
                    TransferMessage manifest = reply(transfer::MessageType::ManifestData, m.id);
                    manifest.data = bytes;
                    c.send(manifest);
                }
            };
            downloader.manager->addSource(link.id, liar->address());
            liars.push_back(std::move(liar));
        }
        QVERIFY(world.runUntil([&] { return dropped.size() == int(absurd.size()); }, 10'000ms));
        QCOMPARE(dropped.size(), int(absurd.size()));
        for (const auto& liar : liars) {
            QVERIFY(world.runUntil([&] { return liar->open() == 0; }, 5000ms));
            QCOMPARE(liar->open(), 0);
            QCOMPARE(liar->accepted(), 1);
        }
        // Nothing was made of them: no part file, let alone one of 256 GiB.
        QCOMPARE(filesUnder(downloader.downloads.path()), QStringList{});
        QCOMPARE(downloader.manager->downloadStatus(link.id)->total, link.size);

        // Banned from the swarm: named again, they are not dialled again.
        for (const auto& liar : liars)
            downloader.manager->addSource(link.id, liar->address());
        world.runFor(300ms);
        for (const auto& liar : liars)
            QCOMPARE(liar->accepted(), 1);

        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        QCOMPARE(filesUnder(downloader.downloads.path()), QStringList{QStringLiteral("notes.txt")});

        // A well-formed manifest for the same content, signed by the liar, naming a file outside the
        // download folder; the link carries no name, so the manifest's is the one used.
        SimPeer second(world, 3);
        QTemporaryDir outside;
        const QString escape =
            QDir(second.downloads.path()).relativeFilePath(outside.filePath(QStringLiteral("escaped.txt")));
        QVERIFY(escape.startsWith(QLatin1String("../")));
        share::Manifest renamed = genuine;
        renamed.name = escape;
        renamed.sign(liarKey);
        const std::unique_ptr<HostileSeeder> namerOwned = hostileSeeder(world, identityFor(620));
        HostileSeeder& namer = *namerOwned;
        namer.onMessage = [&](transfer::PeerConnection& c, const TransferMessage& m) {
            if (m.type == transfer::MessageType::Interested) {
                c.send(reply(transfer::MessageType::Bitfield, m.id));
            } else if (m.type == transfer::MessageType::GetManifest) {
                TransferMessage manifest = reply(transfer::MessageType::ManifestData, m.id);
                manifest.data = renamed.encode();
                c.send(manifest);
            }
        };
        const share::Link nameless{link.id, QString(), link.size};
        QVERIFY(second.manager->download(nameless).ok());
        second.manager->addSource(link.id, namer.address());
        QVERIFY(world.runUntil([&] { return !filesUnder(second.downloads.path()).isEmpty(); }, 10'000ms));
        second.manager->addSource(link.id, seeder.address());
        const QString secondPath = second.waitFinished(link.id);
        QVERIFY(!secondPath.isEmpty());
        QCOMPARE(readFile(secondPath), data);
        QCOMPARE(QFileInfo(secondPath).absolutePath(), QFileInfo(second.downloads.path()).absoluteFilePath());
        QCOMPARE(filesUnder(outside.path()), QStringList{});
        QCOMPARE(filesUnder(second.downloads.path()).size(), 1);
    }

    // 7. Sources that answer requests with wrong bytes: a whole chunk of garbage, a block out of place, a
    // block of a chunk nobody asked for. No bad byte reaches the file, and each is dropped.
    void corruptChunks() {
        SimWorld world;
        SimPeer seeder(world, 1), downloader(world, 2);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(2 * 1024 * 1024 + 999, 7);
        const share::Link link = seeder.share(QStringLiteral("album.flac"), data);
        QVERIFY(link.size == data.size());
        const share::Manifest manifest = *seeder.library->fileFor(link.id)->manifest;
        enum class Kind { Garbage, OutOfPlace, Unasked };
        const QList<Kind> kinds{Kind::Garbage, Kind::OutOfPlace, Kind::Unasked};
        std::vector<std::unique_ptr<HostileSeeder>> liars;
        int blocksSent = 0;
        for (int i = 0; i < kinds.size(); ++i) {
            auto liar = hostileSeeder(world, identityFor(700 + i));
            liar->onMessage = [&, kind = kinds[i]](transfer::PeerConnection& c, const TransferMessage& m) {
                if (claimEveryChunk(c, m, manifest))
                    return;
                if (m.type == transfer::MessageType::Request) {
                    const int index = int(m.index);
                    const int length = manifest.chunkLength(index);
                    TransferMessage block = reply(transfer::MessageType::Block, m.id, m.index);
                    if (kind == Kind::Unasked)
                        block.index = quint32(manifest.chunkCount() + 5);
                    for (int offset = 0; offset < length; offset += TransferMessage::kBlockSize) {
                        block.offset = quint32(kind == Kind::OutOfPlace ? offset + 1 : offset);
                        block.data = QByteArray(qMin(TransferMessage::kBlockSize, length - offset), '\xab');
                        c.send(block);
                        ++blocksSent;
                    }
                }
            };
            liars.push_back(std::move(liar));
        }
        QVERIFY(downloader.manager->download(link).ok());
        QSignalSpy dropped(downloader.manager.get(), &TransferManager::peerDropped);
        for (const auto& liar : liars)
            downloader.manager->addSource(link.id, liar->address());
        QVERIFY(world.runUntil([&] { return dropped.size() == int(liars.size()); }, 15'000ms));
        QCOMPARE(dropped.size(), int(liars.size()));
        QVERIFY(blocksSent > 0);
        QVERIFY(downloader.manager->stats().badChunks >= 1);
        // Each cost at most the two chunks a new source is first asked for.
        QVERIFY(downloader.manager->stats().bytesWasted <= qint64(liars.size()) * 2 * manifest.chunkSize);
        QCOMPARE(downloader.manager->downloadStatus(link.id)->done, 0);
        // The part file holds nothing but the zeros it was created with.
        const QStringList parts = filesUnder(downloader.downloads.path());
        QCOMPARE(parts.size(), 1);
        QVERIFY(parts.first().endsWith(QLatin1String(".part")));
        world.runFor(200ms); // anything still on the worker lands first
        const QByteArray part = readFile(QDir(downloader.downloads.path()).filePath(parts.first()));
        QCOMPARE(part.size(), data.size());
        QCOMPARE(part.count('\xab'), 0);

        // Dropped for good: named again, none of them is dialled again.
        for (const auto& liar : liars) {
            QVERIFY(world.runUntil([&] { return liar->open() == 0; }, 5000ms));
            QCOMPARE(liar->open(), 0);
            downloader.manager->addSource(link.id, liar->address());
        }
        world.runFor(300ms);
        for (const auto& liar : liars)
            QCOMPARE(liar->accepted(), 1);

        downloader.manager->addSource(link.id, seeder.address());
        const QString path = downloader.waitFinished(link.id);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        QCOMPARE(filesUnder(downloader.downloads.path()), QStringList{QStringLiteral("album.flac")});
    }

    // A source that says it has every chunk and then sends none of those asked of it: its requests go to
    // the honest seeder, it is disconnected after the stall timeout, and the second time it stalls the
    // download it is dropped for good.
    void silentSeeder() {
        SimWorld world;
        SimPeer seeder(world, 1);
        transfer::TransferOptions options;
        options.stallTimeout = Millis(1500);
        SimPeer downloader(world, 2, options);
        QVERIFY(seeder.listening && downloader.listening);
        const QByteArray data = patterned(4 * 1024 * 1024, 8);
        const share::Link link = seeder.share(QStringLiteral("quiet.mkv"), data);
        const share::Manifest manifest = *seeder.library->fileFor(link.id)->manifest;
        // Slow enough that the download outlasts two stalls.
        seeder.manager->setUploadLimit(384 * 1024);

        SimHost& silentHost = world.addHost();
        HostileSeeder silent(world.clock, identityFor(710), *silentHost.streams, silentHost.address());
        int requests = 0;
        silent.onMessage = [&](transfer::PeerConnection& c, const TransferMessage& m) {
            if (!claimEveryChunk(c, m, manifest) && m.type == transfer::MessageType::Request)
                ++requests;
        };
        QSignalSpy dropped(downloader.manager.get(), &TransferManager::peerDropped);
        QVERIFY(downloader.manager->download(link).ok());
        downloader.manager->addSource(link.id, silent.address());
        QVERIFY(world.runUntil([&] { return requests > 0; }, 5000ms));
        downloader.manager->addSource(link.id, seeder.address());

        const QString path = downloader.waitFinished(link.id, 30'000ms);
        QVERIFY(!path.isEmpty());
        QCOMPARE(readFile(path), data);
        // Disconnected once and dialled again, then dropped: two connections, and no third.
        QCOMPARE(downloader.manager->stats().peersStalled, 2);
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.first().at(0).value<NodeId>(), silent.address().id);
        QVERIFY(
            dropped.first().at(1).toString().startsWith(QLatin1String("sent nothing of what it was asked")));
        QCOMPARE(silent.accepted(), 2);
        QVERIFY(world.runUntil([&] { return silent.open() == 0; }, 5000ms));
        downloader.manager->addSource(link.id, silent.address());
        world.runFor(200ms);
        QCOMPARE(silent.accepted(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHostileTime)
#include "tst_hostiletime.moc"
