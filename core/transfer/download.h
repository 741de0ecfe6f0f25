// One content being fetched: its life as one phase, the picker, the part file and the book of what was
// asked of whom. It knows peers only by handle and reaches the network, the disk and the clock only through
// its DownloadHost, so it runs the same on real sockets and in a simulation.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "share/link.h"
#include "share/manifest.h"
#include "transfer/banlist.h"
#include "transfer/diskworker.h"
#include "transfer/partfile.h"
#include "transfer/peerhandle.h"
#include "transfer/piecepicker.h"
#include "transfer/ratemeter.h"
#include "transfer/transfermessage.h"
#include "transfer/transferoptions.h"
#include "transfer/transferstatus.h"

#include <QBitArray>
#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <memory>

namespace ringshare::transfer {

// What a download needs from the rooms around it.
class DownloadHost {
public:
    virtual void send(PeerHandle peer, const TransferMessage& message) = 0;
    // The peer broke the protocol: it is banned from every swarm it is in and its connection closed.
    virtual void drop(PeerHandle peer, const QString& reason) = 0;
    // Closes the connection without a ban: the peer may be dialled again.
    virtual void closeConnection(PeerHandle peer, const QString& reason) = 0;
    // Connects to `peer` for this content; it joins the swarm once its connection is ready.
    virtual void connectFor(const share::ContentId& id, const PeerAddress& peer) = 0;
    [[nodiscard]] virtual bool isReady(PeerHandle peer) const = 0;
    [[nodiscard]] virtual NodeId peerId(PeerHandle peer) const = 0;
    [[nodiscard]] virtual DiskWorker& disk() = 0;
    // A chunk was verified and written (others may now be served it).
    virtual void chunkAdded(const share::ContentId& id, qint64 bytes) = 0;
    virtual void progressed(const DownloadStatus& status) = 0;
    // The file is in place, under `path`; the download now serves it from there.
    // The finished file is in place under `path`: it is shared before the download says it is finished.
    virtual void placed(const QString& path, const share::Manifest& manifest) = 0;
    virtual void failed(const share::ContentId& id, const QString& error) = 0;

protected:
    ~DownloadHost() = default;
};

class Download final {
    // Why a download failed or dropped a peer reaches the user, in their language.
    Q_DECLARE_TR_FUNCTIONS(ringshare::transfer::Download)

public:
    // The life of a download. Paused is the user's word while the download could otherwise fetch (before or
    // after its manifest); a download paused while it is checked stays Checking until the check is done.
    enum class Phase {
        AwaitingManifest, // asking the peers for the manifest
        Checking,         // its part file is being created, or an earlier run's checked, on the disk worker
        Fetching,
        Paused,
        Moving,   // every chunk verified; the file is flushed and moved into place
        Finished, // in place and shared; the download goes on serving it
        Failed,
    };

    // Starts (or picks up from the resume map or pending link an earlier run left) a download of `link`;
    // an error when its resume map cannot be read.
    [[nodiscard]] static Result<std::unique_ptr<Download>>
    start(const share::Link& link, DownloadHost& host, Clock& clock, Random& random,
          const TransferOptions& options, TransferStats& stats, bool filesBeingDeleted);
    ~Download();
    Download(const Download&) = delete;
    Download& operator=(const Download&) = delete;

    [[nodiscard]] const share::ContentId& id() const { return m_ticket.id; }
    [[nodiscard]] const QString& name() const { return m_name; }
    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] bool isPaused() const { return m_userPaused; }
    [[nodiscard]] bool isActive() const { return m_phase != Phase::Finished && m_phase != Phase::Failed; }
    [[nodiscard]] DownloadStatus status() const;
    [[nodiscard]] const std::shared_ptr<const share::Manifest>& manifest() const { return m_manifest; }
    [[nodiscard]] const QBitArray& have() const { return m_picker.have(); }
    // A descriptor to serve verified chunks from, or -1.
    [[nodiscard]] int fd() const { return m_part ? m_part->fd() : -1; }
    [[nodiscard]] bool hasChunk(int index) const {
        return m_manifest && fd() >= 0 && index >= 0 && index < m_manifest->chunkCount() &&
               m_picker.have().testBit(index);
    }

    // The swarm. A member is a connection that said it wants or holds this content.
    void join(PeerHandle peer);
    // The member's requests are released; refill() hands them to others.
    void leave(PeerHandle peer);
    void refill() { fillRequests(); }
    [[nodiscard]] bool isMember(PeerHandle peer) const { return m_members.contains(peer); }
    [[nodiscard]] QList<PeerHandle> members() const { return m_members.keys(); }
    [[nodiscard]] int memberCount() const { return int(m_members.size()); }
    [[nodiscard]] bool isBanned(const NodeId& peer) const { return m_banned.contains(peer); }
    // The peer is not dialled again for this download, nor let in by its Interested.
    void ban(const NodeId& peer);
    // A peer that may have the content: remembered, and dialled while the download fetches.
    void addSource(const PeerAddress& peer);

    // What members say; a liar is dropped through the host, after which its handle is gone.
    enum class Announced { Dropped, First, Again };
    // Its bitfield, with an Interested or as the answer to ours.
    Announced onAnnounced(PeerHandle peer, const QByteArray& bits);
    // After a member announced itself: ask it for the manifest or for chunks, whichever is due.
    void askFrom(PeerHandle peer);
    void onHave(PeerHandle peer, quint32 index);
    void onManifest(PeerHandle peer, const QByteArray& bytes);
    void onBlock(PeerHandle peer, const TransferMessage& message);
    void onReject(PeerHandle peer, quint32 index);
    // A member's connection closed: its requests go to others and known sources are dialled.
    void onMemberClosed(PeerHandle peer);

    // From the disk worker.
    void onChunkChecked(const ChunkChecked& event);
    void onPartOpened(PartOpened& event);
    // True when the file is in place (the caller then announces it); false when moving it failed.
    bool onPartFinished(const PartFinished& event);
    [[nodiscard]] quint64 serial() const { return m_ticket.serial; }

    // The user.
    void pause();
    void resume();
    [[nodiscard]] bool isCancellable() const {
        return m_phase != Phase::Moving && m_phase != Phase::Finished;
    }
    // Cancels for good: requests withdrawn and the files deleted on the disk worker. The caller tells the
    // members and lets the download go.
    void cancel();
    [[nodiscard]] const QString& finalPath() const { return m_finalPath; }

    // Once a second: saves the map if due, drops stalled sources, dials known ones, reports progress.
    void tick();
    // Before the node stops: the map reaches the disk worker.
    void saveNow();

private:
    // One member of the swarm: what it has and what we asked of it.
    struct Member {
        QBitArray has;
        QByteArray rawBits;     // what it announced before we knew the manifest
        QList<int> asked;       // chunks asked of it that have not arrived
        Millis waitingSince{0}; // its last block, or the request that ended a spell of nothing asked
        QHash<int, QByteArray> incoming;
        QSet<int> cancelled;
        qint64 unaskedBytes = 0;
        RateMeter meter;
        bool manifestAsked = false;
        bool announced = false; // its bitfield arrived
        // Until one of its chunks proves good, a source is asked for two at most, counting those being
        // checked: a liar then costs two chunks, however fast it sends and however slow the disk worker.
        int checking = 0;
        bool proven = false;
    };

    Download(const share::Link& link, DownloadHost& host, Clock& clock, Random& random,
             const TransferOptions& options, TransferStats& stats);
    // The one way the phase changes; progress is reported after.
    void moveTo(Phase next);
    [[nodiscard]] Phase fetchingOrPaused() const {
        return m_userPaused ? Phase::Paused : m_manifest ? Phase::Fetching : Phase::AwaitingManifest;
    }
    [[nodiscard]] bool fetching() const { return m_phase == Phase::Fetching; }
    void setBits(PeerHandle handle, Member& member, const QByteArray& bits);
    void askManifest(PeerHandle handle, Member& member);
    void startWith(std::unique_ptr<PartFile> part);
    void fillRequests();
    void fillRequests(PeerHandle handle, Member& member);
    void check(PeerHandle from, int index, QByteArray data);
    void cancelRequests();
    // Every chunk is verified: the file is moved into place on the disk worker.
    void finish();
    void dropStalled();
    void connectKnown();
    void fail(const QString& error);
    void saveState(bool force);
    void savePending();
    void report();
    [[nodiscard]] TransferMessage message(MessageType type, quint32 index = 0) const {
        TransferMessage message;
        message.type = type;
        message.id = m_ticket.id;
        message.index = index;
        return message;
    }

    DownloadHost& m_host;
    Clock& m_clock;
    Random& m_random;
    const TransferOptions& m_options;
    TransferStats& m_stats;
    DiskTicket m_ticket;
    Phase m_phase = Phase::AwaitingManifest;
    // The user's word, kept in the map or the pending link: set while Paused, and during Checking it says
    // where the check leads.
    bool m_userPaused = false;
    bool m_fromMap = false; // picked up from an earlier run's resume map
    QString m_name;
    qint64 m_linkSize = 0;
    std::shared_ptr<const share::Manifest> m_manifest;
    // Shared with the chunks being written on the disk worker, so a cancelled download's file stays open
    // until the last of them is done with it.
    std::shared_ptr<PartFile> m_part;
    PiecePicker m_picker;
    QHash<PeerHandle, Member> m_members;
    QList<PeerAddress> m_known; // candidates, connected or not
    BanList m_banned;
    QSet<NodeId> m_stalled; // disconnected once for sending nothing asked of it; a second time bans it
    QSet<int> m_verifying;  // complete chunks being checked and written on the disk worker
    RateMeter m_meter;
    Millis m_lastSave{0};
    bool m_stateDirty = false;
    QString m_finalPath;
    QString m_error;
};

} // namespace ringshare::transfer
