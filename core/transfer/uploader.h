// Serving chunks to peers: the requests each connection has queued with us, sent one block per connection
// in turn so no peer starves another, paced by the upload limit, and what was sent of each content.
#pragma once

#include "base/clock.h"
#include "share/contentid.h"
#include "share/manifest.h"
#include "transfer/peerhandle.h"
#include "transfer/ratelimiter.h"
#include "transfer/ratemeter.h"
#include "transfer/transfermessage.h"
#include "transfer/transferstatus.h"

#include <QHash>
#include <QList>
#include <map>
#include <memory>

namespace ringshare::transfer {

// What the uploader needs from the rest of the transfer rooms.
class UploadHost {
public:
    // The bytes of one servable chunk: the content's manifest and a descriptor to read it from.
    struct Chunk {
        const share::Manifest* manifest = nullptr;
        int fd = -1;
    };
    // Chunk `index` of `id` when this node holds it verified; an empty Chunk when not.
    [[nodiscard]] virtual Chunk servable(const share::ContentId& id, int index) const = 0;
    // Only members of a content's swarm may ask for its chunks.
    [[nodiscard]] virtual bool isMember(PeerHandle peer, const share::ContentId& id) const = 0;
    [[nodiscard]] virtual QString nameOf(const share::ContentId& id) const = 0;
    virtual void send(PeerHandle peer, const TransferMessage& message) = 0;
    [[nodiscard]] virtual bool isBusy(PeerHandle peer) const = 0;
    [[nodiscard]] virtual bool isClosed(PeerHandle peer) const = 0;
    [[nodiscard]] virtual NodeId peerId(PeerHandle peer) const = 0;

protected:
    ~UploadHost() = default;
};

class Uploader final {
public:
    Uploader(UploadHost& host, Clock& clock, qint64 uploadLimit, int maxQueuedRequests, TransferStats& stats);
    ~Uploader();
    Uploader(const Uploader&) = delete;
    Uploader& operator=(const Uploader&) = delete;

    void onRequest(PeerHandle peer, const share::ContentId& id, int index);
    void onCancel(PeerHandle peer, const share::ContentId& id, int index);
    // The peer's connection is gone, or it left the content's swarm: its requests are dropped unanswered.
    void forget(PeerHandle peer);
    void forget(PeerHandle peer, const share::ContentId& id);
    [[nodiscard]] bool hasQueued(PeerHandle peer) const { return !m_queues.value(peer).isEmpty(); }
    // Something may be sendable again (a connection drained, a chunk became available).
    void schedulePump();

    [[nodiscard]] QList<UploadStatus> uploads() const;
    [[nodiscard]] qint64 rate() const { return m_meter.rate(m_clock.now()); }
    void setLimit(qint64 bytesPerSecond) { m_limit.setRate(bytesPerSecond); }

private:
    struct Upload {
        share::ContentId id;
        int index = 0;
        int offset = 0;
    };
    // What was sent of one content in this run, and to whom lately.
    struct Tally {
        QString name;
        QHash<NodeId, Millis> askedAt; // each peer's latest request
        RateMeter meter;
        qint64 sent = 0;
    };

    void pump();
    void count(const share::ContentId& id, qint64 bytes);
    void reject(PeerHandle peer, const share::ContentId& id, int index);

    UploadHost& m_host;
    Clock& m_clock;
    int m_maxQueued;
    TransferStats& m_stats;
    RateLimiter m_limit;
    RateMeter m_meter;
    QHash<PeerHandle, QList<Upload>> m_queues; // oldest first; the head is being sent
    QList<PeerHandle> m_order;                 // round robin over connections with requests
    std::map<share::ContentId, Tally> m_tallies;
    std::unique_ptr<Timer> m_pumpTimer;
    bool m_waitingForTokens = false;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace ringshare::transfer
