// A Download's whole world in one process on a ManualClock: simulated sources that answer its messages
// after a latency and at a rate, the disk worker on the same clock, and the once-a-second tick the
// transfer manager gives it. The Download, its picker and its part file are the real ones.
#pragma once

#include "base/manualclock.h"
#include "base/random.h"
#include "crypto/identity.h"
#include "share/link.h"
#include "share/manifest.h"
#include "transfer/bitfield.h"
#include "transfer/diskworker.h"
#include "transfer/download.h"

#include <QHash>
#include <QList>
#include <map>
#include <memory>

namespace ringshare::transfer {

// One simulated peer that holds the whole file. `latency` is one way; blocks leave at `rate` bytes per
// second, one request after another.
struct SimSource {
    enum class Behaviour {
        Honest,
        Silent,         // takes requests and never answers them
        CorruptChunk,   // sends `chunk` (every chunk when -1) with one byte flipped
        VanishMidChunk, // its connection breaks after sending half of `chunk` (of any when -1)
    };
    Behaviour behaviour = Behaviour::Honest;
    int chunk = -1;
    Millis latency{10};
    qint64 rate = 8 * 1024 * 1024;

    NodeId id;
    PeerHandle handle = kNoPeer; // the open connection, if any
    Millis busyUntil{0};
    QHash<int, int> generation; // per chunk: a Cancel or a new Request makes blocks still queued stale
    QList<int> requested;       // every Request it received, in order
    int cancels = 0;
    int connections = 0;
    QString closedBecause;
};

class SimSwarm final : public DownloadHost, public DiskEvents {
public:
    SimSwarm(ManualClock& clock, QByteArray data, const QString& name, const TransferOptions& options,
             quint64 seed = 1)
        : m_clock(clock), m_random(seed), m_options(options), m_data(std::move(data)),
          m_disk(*this, clock, DiskWorker::Mode::OnClock) {
        crypto::Identity::Seed publisher;
        publisher.fill(7);
        m_manifest.name = name;
        m_manifest.size = m_data.size();
        m_manifest.chunkSize = share::Manifest::chunkSizeFor(m_data.size());
        for (qint64 offset = 0; offset < m_data.size(); offset += m_manifest.chunkSize)
            m_manifest.chunkHashes += share::Manifest::hashChunk(QByteArrayView(m_data).sliced(
                offset, qMin<qint64>(m_manifest.chunkSize, m_data.size() - offset)));
        m_manifest.sign(crypto::Identity::fromSeed(publisher));
        m_tick = clock.createTimer([this] {
            if (m_download)
                m_download->tick();
            m_tick->start(Millis(1000));
        });
        m_tick->start(Millis(1000));
    }
    ~SimSwarm() { stop(); }

    [[nodiscard]] share::Link link() const {
        return share::Link{m_manifest.contentId(), m_manifest.name, m_manifest.size};
    }
    [[nodiscard]] const share::Manifest& manifest() const { return m_manifest; }
    [[nodiscard]] Download* download() const { return m_download.get(); }
    [[nodiscard]] DiskWorker& diskWorker() { return m_disk; }
    [[nodiscard]] TransferStats& stats() { return m_stats; }

    Result<void> start() {
        auto started = Download::start(link(), *this, m_clock, m_random, m_options, m_stats, false);
        if (!started.ok())
            return Error{started.error()};
        m_download = std::move(started).value();
        return {};
    }
    // As a node that quits: the map is saved and the disk worker runs dry; then the download is gone.
    void stop() {
        if (!m_download)
            return;
        m_download->saveNow();
        m_disk.waitForDone();
        m_download.reset();
    }

    // A source the download learns of; it dials it as it would any.
    SimSource& addSource(SimSource source) {
        crypto::Identity::Seed seed;
        seed.fill(quint8(100 + m_sources.size()));
        source.id = crypto::Identity::fromSeed(seed).nodeId();
        m_sources.push_back(std::make_unique<SimSource>(std::move(source)));
        SimSource& added = *m_sources.back();
        m_download->addSource(PeerAddress{QHostAddress(QStringLiteral("198.18.0.1")),
                                          quint16(4000 + m_sources.size()), added.id});
        return added;
    }

    // What the host saw.
    QList<DownloadStatus> progress;
    QString placedAt;
    QString failure;
    QStringList dropped; // reasons

    // DownloadHost
    void send(PeerHandle peer, const TransferMessage& message) override {
        SimSource* source = sourceOf(peer);
        if (!source)
            return;
        switch (message.type) {
        case MessageType::GetManifest:
            deliver(*source, source->latency * 2,
                    [this, peer] { m_download->onManifest(peer, m_manifest.encode()); });
            return;
        case MessageType::Request:
            source->requested.append(int(message.index));
            serve(*source, int(message.index));
            return;
        case MessageType::Cancel:
            ++source->cancels;
            ++source->generation[int(message.index)];
            return;
        default:
            return;
        }
    }
    void drop(PeerHandle peer, const QString& reason) override {
        dropped.append(reason);
        if (SimSource* source = sourceOf(peer))
            m_download->ban(source->id);
        closeConnection(peer, reason);
    }
    void closeConnection(PeerHandle peer, const QString& reason) override {
        SimSource* source = sourceOf(peer);
        if (!source)
            return;
        source->handle = kNoPeer;
        source->closedBecause = reason;
        m_download->onMemberClosed(peer);
    }
    void connectFor(const share::ContentId&, const PeerAddress& peer) override {
        for (const auto& source : m_sources)
            if (source->id == peer.id && source->handle == kNoPeer) {
                source->handle = ++m_nextHandle;
                ++source->connections;
                source->busyUntil = Millis(0);
                const PeerHandle handle = source->handle;
                // The handshake takes a round trip; then both sides say what they have.
                deliver(*source, source->latency * 2, [this, handle] {
                    m_download->join(handle);
                    const QBitArray every(m_manifest.chunkCount(), true);
                    if (m_download->onAnnounced(handle, bitfieldBytes(every)) != Download::Announced::Dropped)
                        m_download->askFrom(handle);
                });
            }
    }
    [[nodiscard]] bool isReady(PeerHandle peer) const override { return sourceOf(peer) != nullptr; }
    [[nodiscard]] NodeId peerId(PeerHandle peer) const override {
        const SimSource* source = sourceOf(peer);
        return source ? source->id : NodeId();
    }
    [[nodiscard]] DiskWorker& disk() override { return m_disk; }
    void chunkAdded(const share::ContentId&, qint64) override {}
    void progressed(const DownloadStatus& status) override { progress.append(status); }
    void placed(const QString& path, const share::Manifest&) override { placedAt = path; }
    void failed(const share::ContentId&, const QString& error) override { failure = error; }

    // DiskEvents
    void onChunkChecked(const ChunkChecked& event) override {
        if (m_download && m_download->serial() == event.serial)
            m_download->onChunkChecked(event);
    }
    void onPartOpened(PartOpened& event) override {
        if (m_download && m_download->serial() == event.serial)
            m_download->onPartOpened(event);
    }
    void onPartFinished(const PartFinished& event) override {
        if (m_download && m_download->serial() == event.serial)
            m_download->onPartFinished(event);
    }
    void onFilesDiscarded(const FilesDiscarded&) override {}

private:
    [[nodiscard]] SimSource* sourceOf(PeerHandle peer) const {
        for (const auto& source : m_sources)
            if (peer != kNoPeer && source->handle == peer)
                return source.get();
        return nullptr;
    }

    // Runs `action` after `delay` if the connection it belongs to is still the one open then.
    template <typename Action>
    void deliver(SimSource& source, Millis delay, Action action) {
        const PeerHandle handle = source.handle;
        m_clock.post(delay, [this, &source, handle, action] {
            if (m_download && source.handle == handle)
                action();
        });
    }

    void serve(SimSource& source, int index) {
        if (source.behaviour == SimSource::Behaviour::Silent)
            return;
        const int length = m_manifest.chunkLength(index);
        QByteArray chunk = m_data.mid(m_manifest.chunkOffset(index), length);
        const bool chosen = source.chunk < 0 || index == source.chunk; // -1: every chunk
        if (source.behaviour == SimSource::Behaviour::CorruptChunk && chosen)
            chunk[length / 2] = char(chunk[length / 2] ^ 0x5a);
        const int generation = ++source.generation[index];
        const Millis arrives = m_clock.now() + source.latency; // the request reaches the source
        Millis leaves = std::max(arrives, source.busyUntil);
        const bool vanishes = source.behaviour == SimSource::Behaviour::VanishMidChunk && chosen;
        for (int offset = 0; offset < length; offset += TransferMessage::kBlockSize) {
            if (vanishes && offset >= length / 2) {
                const PeerHandle handle = source.handle;
                deliver(source, leaves - m_clock.now() + source.latency, [this, handle] {
                    closeConnection(handle, QStringLiteral("the peer closed the connection"));
                });
                return;
            }
            const int size = qMin(TransferMessage::kBlockSize, length - offset);
            leaves += Millis(qMax<qint64>(1, qint64(size) * 1000 / source.rate));
            TransferMessage block;
            block.type = MessageType::Block;
            block.id = m_manifest.contentId();
            block.index = quint32(index);
            block.offset = quint32(offset);
            block.data = chunk.mid(offset, size);
            const PeerHandle handle = source.handle;
            deliver(source, leaves - m_clock.now() + source.latency,
                    [this, &source, handle, block, generation] {
                        if (source.generation.value(int(block.index)) == generation)
                            m_download->onBlock(handle, block);
                    });
        }
        source.busyUntil = leaves;
    }

    ManualClock& m_clock;
    SeededRandom m_random;
    const TransferOptions& m_options;
    QByteArray m_data;
    share::Manifest m_manifest;
    TransferStats m_stats;
    DiskWorker m_disk;
    std::vector<std::unique_ptr<SimSource>> m_sources;
    PeerHandle m_nextHandle = kNoPeer;
    std::unique_ptr<Download> m_download;
    std::unique_ptr<Timer> m_tick;
};

} // namespace ringshare::transfer
