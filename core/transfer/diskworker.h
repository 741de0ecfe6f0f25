// The one place where transfer work touches the disk off the event loop: chunk checks and writes, map saves,
// creating, resuming, finishing and deleting part files. Jobs run one at a time in the order asked; their
// results come back to the owner's thread as typed events.
#pragma once

#include "base/clock.h"
#include "base/inbox.h"
#include "base/result.h"
#include "base/workmode.h"
#include "base/workqueue.h"
#include "share/link.h"
#include "share/manifest.h"
#include "transfer/partfile.h"
#include "transfer/peerhandle.h"

#include <QBitArray>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>

namespace ringshare::transfer {

// One download as the worker knows it. `serial` tells its results from those of an earlier, cancelled
// download of the same content; once `cancelled` is set its queued chunks are neither checked nor written
// and its map is not written again.
struct DiskTicket {
    share::ContentId id;
    quint64 serial = 0;
    std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
};

// What comes back. Each event carries the ticket's id and serial; the receiver drops those of a download
// that is gone or was replaced.
struct ChunkChecked {
    share::ContentId id;
    quint64 serial = 0;
    int index = 0;
    qint64 size = 0;
    PeerHandle from = kNoPeer;
    NodeId fromNode; // who sent it, even once its connection is gone
    bool matches = false;
    QString writeError; // set when the chunk matched but could not be written
};
struct PartOpened { // create() or resume() done
    share::ContentId id;
    quint64 serial = 0;
    Result<std::unique_ptr<PartFile>> part; // nullptr: a resume found no map
};
struct PartFinished {
    share::ContentId id;
    quint64 serial = 0;
    Result<QString> path; // where the finished file now is
};
struct FilesDiscarded {
    share::ContentId id;
};

class DiskEvents {
public:
    virtual void onChunkChecked(const ChunkChecked& event) = 0;
    virtual void onPartOpened(PartOpened& event) = 0;
    virtual void onPartFinished(const PartFinished& event) = 0;
    virtual void onFilesDiscarded(const FilesDiscarded& event) = 0;

protected:
    ~DiskEvents() = default;
};

class DiskWorker final {
public:
    // Threaded: one worker thread, results handed back through an Inbox on the owner's event loop.
    // OnClock: jobs run on the owner's thread from a zero-delay timer of `clock`, each followed at once by
    // its event.
    using Mode = WorkMode;

    DiskWorker(DiskEvents& events, Clock& clock, Mode mode = Mode::Threaded);
    // Runs every job posted; events not yet delivered are dropped.
    ~DiskWorker();
    DiskWorker(const DiskWorker&) = delete;
    DiskWorker& operator=(const DiskWorker&) = delete;

    [[nodiscard]] DiskTicket ticket(const share::ContentId& id) { return DiskTicket{id, ++m_nextSerial}; }

    void checkChunk(const DiskTicket& ticket, std::shared_ptr<const share::Manifest> manifest,
                    std::shared_ptr<const PartFile> part, int index, QByteArray data, PeerHandle from,
                    NodeId fromNode);
    void saveMap(const DiskTicket& ticket, std::shared_ptr<const PartFile> part, QBitArray have, bool paused);
    void create(const DiskTicket& ticket, QString downloadDir, QString stateDir, share::Manifest manifest,
                QString name);
    void resume(const DiskTicket& ticket, QString downloadDir, QString stateDir);
    void finish(const DiskTicket& ticket, std::shared_ptr<const PartFile> part);
    void savePending(QString stateDir, share::Link link, bool paused);
    void forgetPending(QString stateDir, share::ContentId id);
    // Deletes a cancelled download's files (its part file when open, else what its map or pending link
    // names); FilesDiscarded follows.
    void discard(const DiskTicket& ticket, std::shared_ptr<const PartFile> part, QString downloadDir,
                 QString stateDir);

    // Blocks until every job posted so far has run. Only for a destructor; never on a live event loop.
    void waitForDone();

private:
    // A job runs on the worker and returns what to run back on the owner's thread (or nothing).
    using Job = std::function<std::function<void()>()>;
    void post(Job job);
    void runQueued();

    DiskEvents& m_events;
    Mode m_mode;
    quint64 m_nextSerial = 0;
    // Threaded. The inbox outlives the queue, whose destructor still runs jobs that post into it.
    Inbox m_inbox;
    std::unique_ptr<WorkQueue> m_queue;
    // OnClock.
    std::deque<Job> m_jobs;
    std::unique_ptr<Timer> m_timer;
};

} // namespace ringshare::transfer
