// WorkQueue: its thread, started with the first job, and the mutex/condition-variable hand-over.
#include "base/workqueue.h"

namespace ringshare {

WorkQueue::WorkQueue(std::function<void()> threadStart) : m_threadStart(std::move(threadStart)) {}

WorkQueue::~WorkQueue() {
    {
        const std::lock_guard lock(m_lock);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void WorkQueue::post(std::function<void()> job) {
    {
        const std::lock_guard lock(m_lock);
        m_jobs.push_back(std::move(job));
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
    }
    m_wake.notify_one();
}

void WorkQueue::waitForDone() {
    std::unique_lock lock(m_lock);
    m_done.wait(lock, [this] { return m_jobs.empty() && !m_running; });
}

void WorkQueue::run() {
    if (m_threadStart)
        m_threadStart();
    std::unique_lock lock(m_lock);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
        if (m_jobs.empty())
            return; // stopping, and every job has run
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_running = true;
        lock.unlock();
        job();
        job = nullptr; // whatever it captured goes on this thread, before the queue counts it done
        lock.lock();
        m_running = false;
        if (m_jobs.empty())
            m_done.notify_all();
    }
}

} // namespace ringshare
