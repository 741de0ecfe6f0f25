// WorkQueue: one thread of its own running posted jobs in order (hashing, verifying, writing).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace ringshare {

// One thread of its own that runs jobs in the order they were posted. The hand-over is a std::mutex and
// condition variables, which ThreadSanitizer understands (Debian's Qt is not instrumented, so its thread
// pool's hand-over is invisible to it). The thread starts with the first job; the destructor runs every job
// posted and then joins it.
class WorkQueue final {
public:
    // `threadStart` runs on the thread before its first job (to lower its priority, say).
    explicit WorkQueue(std::function<void()> threadStart = {});
    ~WorkQueue();
    WorkQueue(const WorkQueue&) = delete;
    WorkQueue& operator=(const WorkQueue&) = delete;

    void post(std::function<void()> job);
    // Waits until every job posted so far has run. Not from a job.
    void waitForDone();

private:
    void run();

    std::function<void()> m_threadStart;
    std::mutex m_lock;
    std::condition_variable m_wake; // a job was posted, or the queue stops
    std::condition_variable m_done; // the queue ran dry
    std::deque<std::function<void()>> m_jobs;
    bool m_running = false; // a job is running
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace ringshare
