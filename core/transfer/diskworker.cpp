// Transfer disk work, off the event loop or on a simulated clock; see diskworker.h.
#include "transfer/diskworker.h"

#include "base/logging.h"
#include "transfer/resumestore.h"

namespace ringshare::transfer {

DiskWorker::DiskWorker(DiskEvents& events, Clock& clock, Mode mode) : m_events(events), m_mode(mode) {
    if (mode == Mode::Threaded)
        // It keeps the normal priority: the event loop hands it work through the queue's lock, and a lowered
        // thread preempted while holding that lock would keep the loop waiting.
        m_queue = std::make_unique<WorkQueue>();
    else
        m_timer = clock.createTimer([this] { runQueued(); });
}

DiskWorker::~DiskWorker() {
    if (m_queue)
        m_queue->waitForDone();
    // On a clock, what is queued still runs (files must end up as the jobs leave them), but nobody hears.
    while (!m_jobs.empty()) {
        Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        job();
    }
}

void DiskWorker::post(Job job) {
    if (m_queue) {
        m_queue->post([this, job = std::move(job)] {
            if (std::function<void()> back = job())
                m_inbox.post(std::move(back));
        });
        return;
    }
    m_jobs.push_back(std::move(job));
    if (!m_timer->isActive())
        m_timer->start(Millis(0));
}

void DiskWorker::runQueued() {
    // One at a time, each event delivered before the next job, as the threaded worker's order would allow.
    while (!m_jobs.empty()) {
        Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        if (std::function<void()> back = job())
            back();
    }
}

void DiskWorker::waitForDone() {
    if (m_queue)
        m_queue->waitForDone();
    else
        runQueued();
}

void DiskWorker::checkChunk(const DiskTicket& ticket, std::shared_ptr<const share::Manifest> manifest,
                            std::shared_ptr<const PartFile> part, int index, QByteArray data, PeerHandle from,
                            NodeId fromNode) {
    post([this, ticket, manifest = std::move(manifest), part = std::move(part), index, data = std::move(data),
          from, fromNode]() -> std::function<void()> {
        // A cancelled download's chunks go nowhere.
        if (*ticket.cancelled)
            return {};
        ChunkChecked event{ticket.id, ticket.serial, index, data.size(), from, fromNode};
        event.matches = manifest->chunkMatches(index, data);
        if (event.matches && !*ticket.cancelled)
            if (auto stored = part->storeChunk(index, data); !stored.ok())
                event.writeError = stored.error();
        return [this, event] { m_events.onChunkChecked(event); };
    });
}

void DiskWorker::saveMap(const DiskTicket& ticket, std::shared_ptr<const PartFile> part, QBitArray have,
                         bool paused) {
    // After the chunks queued before it: fdatasync can take a while, and the map must not list a chunk
    // before it is written. A cancelled download's map is not written again. The bits get a buffer of
    // their own: Qt's copy-on-write tests its count with a relaxed load, which orders nothing, so a buffer
    // shared with the owner's copy would be read here while the owner writes it in place.
    have.detach();
    post([ticket, part = std::move(part), have = std::move(have), paused]() -> std::function<void()> {
        if (!*ticket.cancelled)
            if (auto saved = part->saveState(have, paused); !saved.ok())
                qCWarning(lcTransfer) << saved.error();
        return {};
    });
}

void DiskWorker::create(const DiskTicket& ticket, QString downloadDir, QString stateDir,
                        share::Manifest manifest, QString name) {
    post([this, ticket, downloadDir = std::move(downloadDir), stateDir = std::move(stateDir),
          manifest = std::move(manifest), name = std::move(name)]() -> std::function<void()> {
        if (*ticket.cancelled)
            return {};
        auto created = std::make_shared<PartOpened>(
            PartOpened{ticket.id, ticket.serial, PartFile::create(downloadDir, stateDir, manifest, name)});
        // The map holds the link now (after a crash between the two, a resumed map may find one too).
        if (created->part.ok())
            ResumeStore::forgetPending(stateDir, ticket.id);
        return [this, created] { m_events.onPartOpened(*created); };
    });
}

void DiskWorker::resume(const DiskTicket& ticket, QString downloadDir, QString stateDir) {
    post([this, ticket, downloadDir = std::move(downloadDir),
          stateDir = std::move(stateDir)]() -> std::function<void()> {
        if (*ticket.cancelled)
            return {};
        auto resumed = std::make_shared<PartOpened>(
            PartOpened{ticket.id, ticket.serial, PartFile::resume(downloadDir, stateDir, ticket.id)});
        if (resumed->part.ok() && resumed->part.value())
            ResumeStore::forgetPending(stateDir, ticket.id);
        return [this, resumed] { m_events.onPartOpened(*resumed); };
    });
}

void DiskWorker::finish(const DiskTicket& ticket, std::shared_ptr<const PartFile> part) {
    // After the writes and map saves queued before, so the event loop never waits on fsync.
    post([this, ticket, part = std::move(part)]() -> std::function<void()> {
        auto finished =
            std::make_shared<PartFinished>(PartFinished{ticket.id, ticket.serial, part->finish()});
        return [this, finished] { m_events.onPartFinished(*finished); };
    });
}

void DiskWorker::savePending(QString stateDir, share::Link link, bool paused) {
    post([stateDir = std::move(stateDir), link = std::move(link), paused]() -> std::function<void()> {
        if (auto saved = ResumeStore::savePending(stateDir, link, paused); !saved.ok())
            qCWarning(lcTransfer) << saved.error();
        return {};
    });
}

void DiskWorker::forgetPending(QString stateDir, share::ContentId id) {
    post([stateDir = std::move(stateDir), id]() -> std::function<void()> {
        ResumeStore::forgetPending(stateDir, id);
        return {};
    });
}

void DiskWorker::discard(const DiskTicket& ticket, std::shared_ptr<const PartFile> part, QString downloadDir,
                         QString stateDir) {
    *ticket.cancelled = true;
    post([this, id = ticket.id, part = std::move(part), downloadDir = std::move(downloadDir),
          stateDir = std::move(stateDir)]() -> std::function<void()> {
        if (part)
            part->discard();
        else
            ResumeStore::discardUnopened(downloadDir, stateDir, id);
        return [this, id] { m_events.onFilesDiscarded(FilesDiscarded{id}); };
    });
}

} // namespace ringshare::transfer
