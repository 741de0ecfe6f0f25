// BackgroundWriter: QSaveFile writes on its WorkQueue thread, a newer write to a path replacing one
// still waiting.
#include "base/backgroundwriter.h"

#include "base/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace ringshare {

BackgroundWriter::BackgroundWriter() = default; // one thread: writes land in the order they were asked for

BackgroundWriter::~BackgroundWriter() {
    flush();
}

void BackgroundWriter::write(const QString& path, QByteArray bytes, const QString& what) {
    {
        const std::lock_guard lock(m_lock);
        const bool waiting = m_pending.contains(path);
        m_pending.insert(path, Pending{std::move(bytes), what});
        if (waiting)
            return; // the job already queued for this path writes the newest bytes
    }
    m_queue.post([this, path] {
        Pending pending;
        {
            const std::lock_guard lock(m_lock);
            pending = m_pending.take(path);
        }
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(pending.bytes) != pending.bytes.size() ||
            !file.commit())
            qCWarning(lcShare) << "cannot save" << pending.what << "to" << path << ":" << file.errorString();
    });
}

void BackgroundWriter::flush() {
    m_queue.waitForDone();
}

} // namespace ringshare
