// The transfer rooms behind one small facade: the session, the views and the tests see this class; the
// connection pool, the downloads, the uploader and the disk worker do the work.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "crypto/identity.h"
#include "net/stream.h"
#include "share/library.h"
#include "share/link.h"
#include "transfer/awaitedpeers.h"
#include "transfer/banlist.h"
#include "transfer/connectionpool.h"
#include "transfer/diskworker.h"
#include "transfer/download.h"
#include "transfer/ratelimiter.h"
#include "transfer/ratemeter.h"
#include "transfer/transferoptions.h"
#include "transfer/transferstatus.h"
#include "transfer/uploader.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <map>
#include <memory>

namespace ringshare::transfer {

// Moves files between peers over TCP. It serves the library's ready files and the verified chunks of its
// own downloads to any peer, and downloads from many peers at once: rarest chunks first, requests pipelined
// by each peer's speed, every chunk verified before it is written, and a peer that sends a bad chunk is
// dropped. Peers in a swarm introduce each other, so downloaders also trade with one another. A finished
// download is moved into place and shared.
class TransferManager final : public QObject,
                              private PoolEvents,
                              private DownloadHost,
                              private UploadHost,
                              private DiskEvents {
    Q_OBJECT

public:
    // Transfers over `streams` (real TCP, or the simulator's), which must outlive the manager.
    TransferManager(crypto::Identity identity, share::Library& library, net::StreamTransport& streams,
                    Clock& clock, Random& random, TransferOptions options, QObject* parent = nullptr);
    // Transfers over a TCP transport of its own.
    TransferManager(crypto::Identity identity, share::Library& library, Clock& clock, Random& random,
                    TransferOptions options, QObject* parent = nullptr);
    ~TransferManager() override;

    // Accepts transfer connections on this address and port (0 picks a free port).
    Result<void> listen(const QHostAddress& address, quint16 port) { return m_pool.listen(address, port); }
    [[nodiscard]] quint16 listenPort() const { return m_pool.listenPort(); }

    // Starts (or resumes) downloading what the link names into the download folder.
    Result<void> download(const share::Link& link);
    // A peer that may have the content: connects to it (or keeps it for later when at the limit). A peer
    // known only by its rendezvous is asked, through the function given to setReverseConnector(), to
    // connect here; its connection, when it comes, joins the swarm.
    void addSource(const share::ContentId& id, const PeerAddress& peer);
    // How a peer behind NAT is asked to connect to this node: through its rendezvous (the session sends
    // the request over the DHT). Without one such peers are never reached.
    using ReverseConnector = std::function<void(const PeerAddress& peer)>;
    void setReverseConnector(ReverseConnector connector) { m_reverseConnector = std::move(connector); }
    // A peer asked (through this node's rendezvous) that this node connect to it: dials it. What the
    // connection is for, the peer says once it is up.
    void connectTo(const PeerAddress& peer);
    [[nodiscard]] std::optional<DownloadStatus> downloadStatus(const share::ContentId& id) const;
    [[nodiscard]] QList<DownloadStatus> downloads() const;
    [[nodiscard]] bool isDownloading(const share::ContentId& id) const;
    // Paused by the user (now or in an earlier run, as its map says), even while its chunks are checked.
    [[nodiscard]] bool isPaused(const share::ContentId& id) const;

    // Stops asking for chunks (requests in flight are cancelled) but keeps what is verified, the part file
    // and the resume map, and goes on serving the chunks it has. A paused download stays paused across
    // restarts. Chunks already being checked may still land.
    void pauseDownload(const share::ContentId& id);
    // Asks for chunks again, reconnecting the sources it knows.
    void resumeDownload(const share::ContentId& id);
    // Stops an unfinished download for good: deletes its part file and resume map, leaves its swarm and
    // closes the connections that were only for it. Chunks still being checked are thrown away.
    void cancelDownload(const share::ContentId& id);
    // The downloads an earlier run left unfinished, from their resume maps, and those whose manifest had
    // not come, from their pending links (damaged ones are skipped); download() picks each up where it
    // stopped, paused if it was.
    [[nodiscard]] QList<share::Link> unfinishedDownloads() const;

    // What is being served right now: one row per content a peer asked for in the last few seconds.
    [[nodiscard]] QList<UploadStatus> uploads() const;
    // Bytes per second over the last few seconds, over every transfer: sent, and received and verified.
    [[nodiscard]] qint64 uploadRate() const { return m_uploader.rate(); }
    [[nodiscard]] qint64 downloadRate() const { return m_downloadMeter.rate(m_clock.now()); }

    void setUploadLimit(qint64 bytesPerSecond) { m_uploader.setLimit(bytesPerSecond); }
    void setDownloadLimit(qint64 bytesPerSecond) { m_downloadLimit.setRate(bytesPerSecond); }
    [[nodiscard]] int connectionCount() const { return m_pool.count(); }
    [[nodiscard]] const TransferStats& stats() const { return m_stats; }
    [[nodiscard]] const NodeId& id() const { return m_id; }

Q_SIGNALS:
    void downloadProgress(const ringshare::transfer::DownloadStatus& status);
    void downloadFinished(const ringshare::share::ContentId& id, const QString& path);
    void downloadFailed(const ringshare::share::ContentId& id, const QString& error);
    void downloadCancelled(const ringshare::share::ContentId& id);
    void peerDropped(const ringshare::NodeId& peer, const QString& reason);

private:
    // `streams`, or `own` when it is null.
    TransferManager(crypto::Identity identity, share::Library& library,
                    std::unique_ptr<net::StreamTransport> own, net::StreamTransport* streams, Clock& clock,
                    Random& random, TransferOptions options, QObject* parent);

    // One library file being served to peers that asked for it (a content this node is not downloading).
    struct Seed {
        std::shared_ptr<const share::Manifest> manifest;
        QBitArray have; // every chunk
        int fd = -1;
        QHash<PeerHandle, bool> members; // whether each has announced its bitfield
        BanList banned;
        ~Seed();
    };
    // What one connection is for.
    struct Link {
        QSet<share::ContentId> swarms;
        QList<share::ContentId> pendingInterest; // swarms to join once the handshake is done
        bool ready = false;
    };

    // PoolEvents
    void onPeerReady(PeerHandle peer) override;
    void onPeerMerged(PeerHandle lost, PeerHandle kept) override;
    void onPeerClosed(PeerHandle peer, const QString& reason) override;
    void onPeerMessage(PeerHandle peer, const TransferMessage& message) override;
    void onPeerWritable(PeerHandle peer) override;
    // DownloadHost
    void send(PeerHandle peer, const TransferMessage& message) override;
    void drop(PeerHandle peer, const QString& reason) override;
    void closeConnection(PeerHandle peer, const QString& reason) override;
    void connectFor(const share::ContentId& id, const PeerAddress& peer) override;
    [[nodiscard]] bool isReady(PeerHandle peer) const override;
    [[nodiscard]] NodeId peerId(PeerHandle peer) const override;
    [[nodiscard]] DiskWorker& disk() override { return m_disk; }
    void chunkAdded(const share::ContentId& id, qint64 bytes) override;
    void progressed(const DownloadStatus& status) override;
    void placed(const QString& path, const share::Manifest& manifest) override;
    void failed(const share::ContentId& id, const QString& error) override;
    // UploadHost
    [[nodiscard]] UploadHost::Chunk servable(const share::ContentId& id, int index) const override;
    [[nodiscard]] bool isMember(PeerHandle peer, const share::ContentId& id) const override;
    [[nodiscard]] QString nameOf(const share::ContentId& id) const override;
    [[nodiscard]] bool isBusy(PeerHandle peer) const override;
    [[nodiscard]] bool isClosed(PeerHandle peer) const override;
    // DiskEvents
    void onChunkChecked(const ChunkChecked& event) override;
    void onPartOpened(PartOpened& event) override;
    void onPartFinished(const PartFinished& event) override;
    void onFilesDiscarded(const FilesDiscarded& event) override;

    [[nodiscard]] Download* downloadFor(const share::ContentId& id) const;
    // The download with this serial: the disk worker's results for an earlier one are dropped.
    [[nodiscard]] Download* downloadFor(const share::ContentId& id, quint64 serial) const;
    [[nodiscard]] Seed* seedFor(const share::ContentId& id) const;
    // A library file someone asked for: served from here on.
    Seed* openSeed(const share::ContentId& id);
    void onInterested(PeerHandle peer, const TransferMessage& message);
    void onBitfield(PeerHandle peer, const TransferMessage& message);
    void onNotFound(PeerHandle peer, const share::ContentId& id);
    void joinSwarm(PeerHandle peer, const share::ContentId& id, bool announce);
    // Tells the swarm's other members about the newcomer and the newcomer about them.
    void introduce(const share::ContentId& id, PeerHandle newcomer);
    // Lets a swarm go that nobody downloads: a seed nobody is in, or a finished download whose file is no
    // longer shared.
    void closeSwarm(const share::ContentId& id);
    void forgetSwarm(const share::ContentId& id, const QList<PeerHandle>& members);

    void awaitReverse(const share::ContentId& id, const PeerAddress& peer);

    std::unique_ptr<net::StreamTransport> m_ownStreams;
    crypto::Identity m_identity;
    NodeId m_id;
    share::Library& m_library;
    Clock& m_clock;
    Random& m_random;
    TransferOptions m_options;
    TransferStats m_stats;
    RateLimiter m_downloadLimit;
    RateMeter m_downloadMeter;
    QHash<PeerHandle, Link> m_links;
    std::map<share::ContentId, std::unique_ptr<Download>> m_downloads;
    std::map<share::ContentId, std::unique_ptr<Seed>> m_seeds;
    QSet<share::ContentId> m_discarding; // cancelled downloads whose files the disk worker has yet to delete
    // Hashing and writing chunks happens on the disk worker, off the thread that moves bytes: a download
    // then uses a second core, and the event loop of a GUI never waits for a disk.
    DiskWorker m_disk;
    Uploader m_uploader;
    ConnectionPool m_pool;
    std::unique_ptr<Timer> m_tickTimer;
    ReverseConnector m_reverseConnector;
    AwaitedPeers m_awaited;
};

} // namespace ringshare::transfer
