#pragma once

#include "base/clock.h"
#include "base/inbox.h"
#include "base/random.h"
#include "base/workqueue.h"
#include "crypto/identity.h"
#include "share/library.h"
#include "share/link.h"
#include "transfer/partfile.h"
#include "transfer/peerconnection.h"
#include "transfer/piecepicker.h"
#include "transfer/ratelimiter.h"
#include "transfer/ratemeter.h"
#include "transfer/transferoptions.h"
#include "transfer/transferstatus.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <map>
#include <memory>

namespace ringshare::transfer {

// Moves files between peers over TCP. It serves the library's ready files and the verified chunks of its
// own downloads to any peer, and downloads from many peers at once: rarest chunks first, requests pipelined
// by each peer's speed, every chunk verified before it is written, and a peer that sends a bad chunk is
// dropped. Peers in a swarm introduce each other, so downloaders also trade with one another. A finished
// download is moved into place and shared.
class TransferManager final : public QObject {
    Q_OBJECT

public:
    TransferManager(crypto::Identity identity, share::Library& library, Clock& clock, Random& random,
                    TransferOptions options, QObject* parent = nullptr);
    ~TransferManager() override;

    // Accepts transfer connections on this address and port (0 picks a free port).
    Result<void> listen(const QHostAddress& address, quint16 port);
    [[nodiscard]] quint16 listenPort() const { return m_server.isListening() ? m_server.serverPort() : 0; }

    // Starts (or resumes) downloading what the link names into the download folder.
    Result<void> download(const share::Link& link);
    // A peer that may have the content: connects to it (or keeps it for later when at the limit).
    void addSource(const share::ContentId& id, const PeerAddress& peer);
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
    [[nodiscard]] qint64 uploadRate() const { return m_uploadMeter.rate(m_clock.now()); }
    [[nodiscard]] qint64 downloadRate() const { return m_downloadMeter.rate(m_clock.now()); }

    void setUploadLimit(qint64 bytesPerSecond) { m_uploadLimit.setRate(bytesPerSecond); }
    void setDownloadLimit(qint64 bytesPerSecond) { m_downloadLimit.setRate(bytesPerSecond); }
    [[nodiscard]] int connectionCount() const { return int(m_links.size()); }
    [[nodiscard]] const TransferStats& stats() const { return m_stats; }
    [[nodiscard]] const NodeId& id() const { return m_id; }

Q_SIGNALS:
    void downloadProgress(const ringshare::transfer::DownloadStatus& status);
    void downloadFinished(const ringshare::share::ContentId& id, const QString& path);
    void downloadFailed(const ringshare::share::ContentId& id, const QString& error);
    void downloadCancelled(const ringshare::share::ContentId& id);
    void peerDropped(const ringshare::NodeId& peer, const QString& reason);

private:
    struct PeerState;
    struct Swarm;
    struct Upload {
        share::ContentId id;
        int index = 0;
        int offset = 0;
    };
    // What was sent of one content in this run, and to whom lately.
    struct UploadTally {
        QString name;
        QHash<NodeId, Millis> askedAt; // each peer's latest request
        RateMeter meter;
        qint64 sent = 0;
    };
    struct Link {
        QList<Upload> queue; // requests to serve, oldest first; the head is being sent
        QSet<share::ContentId> swarms;
        QList<share::ContentId> pendingInterest; // swarms to join once the handshake is done
        Millis openedAt{0};
    };

    void accept();
    // Where an inbound connection comes from, for the caps: one IPv4 address, or one IPv6 /64 (what one
    // host or one home network is usually given; single IPv6 addresses cost an attacker nothing).
    [[nodiscard]] static QHostAddress sourceOf(const QHostAddress& address);
    [[nodiscard]] static bool isInboundHandshake(const PeerConnection* connection);
    [[nodiscard]] int handshakesFrom(const QHostAddress& source) const;
    // Makes room for a newcomer from `source` by closing an inbound connection still in its handshake;
    // false when fairness allows none (see the definition).
    bool evictHandshakeFor(const QHostAddress& source);
    PeerConnection* connectTo(const PeerAddress& peer);
    void adopt(PeerConnection* connection);
    void onReady(PeerConnection* connection);
    void onClosed(PeerConnection* connection, const QString& reason);
    void onMessage(PeerConnection* connection, const TransferMessage& message);
    void drop(PeerConnection* connection, const QString& reason);

    Swarm* swarmFor(const share::ContentId& id);
    // The peer is not dialled again for this swarm, nor let in by its Interested.
    void ban(Swarm& swarm, const NodeId& peer);
    Swarm* seedSwarm(const share::ContentId& id);
    void joinSwarm(PeerConnection* connection, Swarm& swarm, bool announce);
    void leaveSwarm(PeerConnection* connection, Swarm& swarm);
    void introduce(Swarm& swarm, PeerConnection* newcomer);
    void setPeerBits(Swarm& swarm, PeerState& peer, const QByteArray& bits, PeerConnection* connection);
    void onManifest(Swarm& swarm, PeerConnection* from, const QByteArray& bytes);
    void startWith(Swarm& swarm, std::unique_ptr<PartFile> part);
    void fillRequests(Swarm& swarm);
    void fillRequests(Swarm& swarm, PeerConnection* connection, PeerState& peer);
    void onBlock(Swarm& swarm, PeerConnection* connection, const TransferMessage& message);
    // Checks a complete chunk against its hash and writes it, on the worker thread; onVerified() follows.
    void verify(Swarm& swarm, PeerConnection* connection, int index, QByteArray data);
    // `serial` tells a chunk of this swarm from one of an earlier, cancelled download of the same content.
    void onVerified(const share::ContentId& id, quint64 serial, int index, qint64 size, const NodeId& from,
                    const QPointer<PeerConnection>& source, bool matches, const QString& writeError);
    // Withdraws every request in flight for the swarm, telling the peers.
    void cancelRequests(Swarm& swarm);
    void finishDownload(Swarm& swarm);
    void onFinished(const share::ContentId& id, quint64 serial, const Result<QString>& moved);
    void onResumed(const share::ContentId& id, quint64 serial, Result<std::unique_ptr<PartFile>>& resumed);
    // Keeps the link and paused flag of a download without a manifest on disk (on the worker).
    void savePending(const Swarm& swarm);
    void failDownload(Swarm& swarm, const QString& error);
    void saveState(Swarm& swarm, bool force);
    void reportProgress(Swarm& swarm);
    void connectKnown(Swarm& swarm);
    // Disconnects the swarm's sources that have sent nothing of what they were asked for in stallTimeout.
    void dropStalled(Swarm& swarm);
    void closeIdleSwarm(const share::ContentId& id);

    void onRequest(PeerConnection* connection, const TransferMessage& message);
    void countUpload(const share::ContentId& id, qint64 bytes);
    void schedulePump();
    void pump();
    [[nodiscard]] bool swarmHas(const Swarm& swarm, int index) const;
    [[nodiscard]] DownloadStatus statusOf(const Swarm& swarm) const;

    crypto::Identity m_identity;
    NodeId m_id;
    share::Library& m_library;
    Clock& m_clock;
    Random& m_random;
    TransferOptions m_options;
    QTcpServer m_server;
    RateLimiter m_uploadLimit;
    RateLimiter m_downloadLimit;
    TransferStats m_stats;
    RateMeter m_uploadMeter;
    RateMeter m_downloadMeter;
    std::map<share::ContentId, UploadTally> m_uploaded;
    quint64 m_nextSerial = 0;

    QHash<PeerConnection*, Link> m_links;
    QList<PeerConnection*> m_pumpOrder;          // round robin over links with uploads
    QHash<NodeId, PeerConnection*> m_byNode;     // ready connections
    QHash<NodeId, PeerConnection*> m_connecting; // outbound, handshake not done
    std::map<share::ContentId, std::unique_ptr<Swarm>> m_swarms;
    // Hashing and writing chunks happens here, off the thread that moves bytes: a download then uses a
    // second core, and the event loop of a GUI never waits for a disk.
    // One worker thread, first in first out: chunk writes, map saves, finishing and deleting a file run in
    // the order they were asked for. It keeps the normal priority: the event loop hands it work through
    // the queue's lock, and a lowered thread preempted while holding that lock would keep the loop waiting.
    // Its results come back through m_inbox, which outlives it.
    Inbox m_inbox;
    WorkQueue m_verifier;
    QSet<share::ContentId> m_discarding; // cancelled downloads whose files the worker has yet to delete
    std::unique_ptr<Timer> m_pumpTimer;
    std::unique_ptr<Timer> m_tickTimer;
    bool m_waitingForUploadTokens = false;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace ringshare::transfer
