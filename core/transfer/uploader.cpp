// Serving chunks to peers; see uploader.h.
#include "transfer/uploader.h"

#include "base/fileio.h"

#include <algorithm>

namespace ringshare::transfer {

namespace {

// A peer counts as downloading from us this long after its last request: a chunk takes a few requests'
// time to send, and a list of uploads should not flicker between them.
constexpr Millis kUploadActive{5000};

} // namespace

Uploader::Uploader(UploadHost& host, Clock& clock, qint64 uploadLimit, int maxQueuedRequests,
                   TransferStats& stats)
    : m_host(host), m_clock(clock), m_maxQueued(maxQueuedRequests), m_stats(stats), m_limit(clock) {
    m_limit.setRate(uploadLimit);
    m_pumpTimer = clock.createTimer([this] { pump(); });
}

Uploader::~Uploader() {
    *m_alive = false;
}

void Uploader::reject(PeerHandle peer, const share::ContentId& id, int index) {
    TransferMessage reply;
    reply.type = MessageType::Reject;
    reply.id = id;
    reply.index = quint32(index);
    m_host.send(peer, reply);
}

void Uploader::onRequest(PeerHandle peer, const share::ContentId& id, int index) {
    QList<Upload>& queue = m_queues[peer];
    if (!m_host.isMember(peer, id) || !m_host.servable(id, index).manifest || queue.size() >= m_maxQueued) {
        if (queue.isEmpty())
            m_queues.remove(peer);
        reject(peer, id, index);
        return;
    }
    queue.append(Upload{id, index, 0});
    Tally& tally = m_tallies[id];
    tally.name = m_host.nameOf(id);
    const Millis now = m_clock.now();
    tally.askedAt.insert(m_host.peerId(peer), now);
    tally.askedAt.removeIf([now](const auto& asked) { return now - asked.value() > kUploadActive; });
    if (!m_order.contains(peer))
        m_order.append(peer);
    schedulePump();
}

void Uploader::onCancel(PeerHandle peer, const share::ContentId& id, int index) {
    const auto it = m_queues.find(peer);
    if (it == m_queues.end())
        return;
    for (qsizetype i = 0; i < it->size(); ++i)
        if ((*it)[i].id == id && (*it)[i].index == index) {
            it->removeAt(i);
            break;
        }
}

void Uploader::forget(PeerHandle peer) {
    m_queues.remove(peer);
    m_order.removeAll(peer);
}

void Uploader::forget(PeerHandle peer, const share::ContentId& id) {
    const auto it = m_queues.find(peer);
    if (it != m_queues.end())
        it->removeIf([&](const Upload& upload) { return upload.id == id; });
}

void Uploader::count(const share::ContentId& id, qint64 bytes) {
    const Millis now = m_clock.now();
    m_stats.bytesUploaded += bytes;
    m_meter.add(bytes, now);
    Tally& tally = m_tallies[id];
    tally.meter.add(bytes, now);
    tally.sent += bytes;
}

QList<UploadStatus> Uploader::uploads() const {
    const Millis now = m_clock.now();
    QList<UploadStatus> rows;
    for (const auto& [id, tally] : m_tallies) {
        const auto peers = std::count_if(tally.askedAt.cbegin(), tally.askedAt.cend(),
                                         [now](Millis asked) { return now - asked <= kUploadActive; });
        if (peers > 0)
            rows.append(UploadStatus{id, tally.name, int(peers), tally.meter.rate(now), tally.sent});
    }
    return rows;
}

void Uploader::schedulePump() {
    if (!m_pumpTimer->isActive() && !m_waitingForTokens)
        m_pumpTimer->start(Millis(0));
}

// Sends one block to each connection in turn, round after round, until every connection is busy, has
// nothing to send, or the upload limit says wait.
void Uploader::pump() {
    bool progress = true;
    while (progress) {
        progress = false;
        for (qsizetype i = 0; i < m_order.size();) {
            const PeerHandle peer = m_order[i];
            QList<Upload>& queue = m_queues[peer];
            if (queue.isEmpty() || m_host.isClosed(peer)) {
                m_order.removeAt(i);
                continue;
            }
            ++i;
            if (m_host.isBusy(peer))
                continue;
            Upload& upload = queue.front();
            const UploadHost::Chunk chunk = m_host.servable(upload.id, upload.index);
            if (!chunk.manifest) {
                reject(peer, upload.id, upload.index);
                queue.removeFirst();
                progress = true;
                continue;
            }
            const int chunkLength = chunk.manifest->chunkLength(upload.index);
            const int length = qMin(TransferMessage::kBlockSize, chunkLength - upload.offset);
            if (m_limit.grant(length) == 0) {
                m_waitingForTokens = true;
                m_limit.whenReady([this, alive = m_alive] {
                    if (!*alive)
                        return;
                    m_waitingForTokens = false;
                    schedulePump();
                });
                return;
            }
            TransferMessage block;
            block.type = MessageType::Block;
            block.id = upload.id;
            block.index = quint32(upload.index);
            block.offset = quint32(upload.offset);
            block.data.resize(length);
            if (!fileio::readFully(chunk.fd, block.data.data(), length,
                                   chunk.manifest->chunkOffset(upload.index) + upload.offset)) {
                reject(peer, upload.id, upload.index);
                queue.removeFirst();
                progress = true;
                continue;
            }
            m_host.send(peer, block);
            count(upload.id, length);
            upload.offset += length;
            if (upload.offset >= chunkLength)
                queue.removeFirst();
            progress = true;
        }
    }
}

} // namespace ringshare::transfer
