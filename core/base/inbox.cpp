// Inbox: the mutex-guarded queue of posted functions and the drain the event loop runs.
#include "base/inbox.h"

#include <QPointer>

namespace ringshare {

void Inbox::post(std::function<void()> function) {
    bool wake = false;
    {
        const std::lock_guard lock(m_lock);
        wake = m_waiting.empty();
        m_waiting.push_back(std::move(function));
    }
    // One wake-up for a batch: drain() takes everything posted until it runs.
    if (wake)
        QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

void Inbox::drain() {
    std::vector<std::function<void()>> batch;
    {
        const std::lock_guard lock(m_lock);
        batch.swap(m_waiting);
    }
    const QPointer<Inbox> alive(this);
    for (std::function<void()>& function : batch) {
        if (!alive)
            return; // a function destroyed the inbox (and its owner): the rest are dropped, as Qt would
        function();
    }
}

} // namespace ringshare
