// BackgroundWriter: replaces small state files atomically on a thread of its own, so the
// event loop never waits for an fsync.
#pragma once

#include "base/workqueue.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <mutex>

namespace ringshare {

// Replaces small files atomically (QSaveFile: write, flush to disk, rename) on a thread of its own, so
// the event loop never waits for the disk: under heavy writeback a single fsync can take tens of
// milliseconds. Writes to one path land in the order asked, and a write still waiting is replaced by a
// newer one. The destructor waits for everything asked so far.
class BackgroundWriter final {
public:
    BackgroundWriter();
    ~BackgroundWriter();
    BackgroundWriter(const BackgroundWriter&) = delete;
    BackgroundWriter& operator=(const BackgroundWriter&) = delete;

    // `what` names the file in the warning logged if the write fails.
    void write(const QString& path, QByteArray bytes, const QString& what);
    // Waits until every write asked for so far is on disk (or has failed).
    void flush();

private:
    struct Pending {
        QByteArray bytes;
        QString what;
    };

    std::mutex m_lock;
    QHash<QString, Pending> m_pending; // by path, the newest bytes not yet taken by the worker
    WorkQueue m_queue; // last: it stops before the rest goes
};

} // namespace ringshare
