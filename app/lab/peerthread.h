// PeerThread: a BenchPeer on a thread and event loop of its own, called in blocking plain calls.
#pragma once

#include "base/inbox.h"
#include "benchpeer.h"

#include <QThread>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

namespace ringshare::bench {

// A BenchPeer on a thread of its own, with its own event loop, so that peers in one process run side by side
// as they would in processes of their own: a seeder and a downloader use two cores, and one peer's wait
// (an fdatasync, a full socket) does not hold up the others. The benchmark still sets peers up and reads
// them in plain function calls. (Subprocesses would measure the same thing but need a second command line
// and a way to pass links and ports back; threads need neither.) Every call runs on the peer's thread and
// blocks the caller until it returns.
class PeerThread final {
public:
    PeerThread(const QString& root, quint64 seed, qint64 uploadLimit = 0) {
        m_thread.start();
        m_inbox = new Inbox;
        m_inbox->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_inbox, &QObject::deleteLater);
        call([&] { m_peer = std::make_unique<BenchPeer>(root, seed, uploadLimit); });
    }
    ~PeerThread() {
        call([&] { m_peer.reset(); });
        m_thread.quit();
        m_thread.wait();
    }
    PeerThread(const PeerThread&) = delete;
    PeerThread& operator=(const PeerThread&) = delete;

    // Runs `work` with the peer on the peer's thread and returns what it returns.
    template <typename Work>
    auto withPeer(Work work) {
        using Value = std::invoke_result_t<Work, BenchPeer&>;
        if constexpr (std::is_void_v<Value>) {
            call([&] { work(*m_peer); });
        } else {
            std::optional<Value> value;
            call([&] { value.emplace(work(*m_peer)); });
            return std::move(*value);
        }
    }

private:
    // Through an Inbox and a condition variable rather than a blocking queued call, so that ThreadSanitizer
    // (the tsan preset runs bench_transfer) sees the hand-over both ways.
    template <typename Work>
    void call(Work work) {
        std::mutex lock;
        std::condition_variable finished;
        bool done = false;
        m_inbox->post([&] {
            work();
            const std::lock_guard guard(lock);
            done = true;
            finished.notify_one();
        });
        std::unique_lock guard(lock);
        finished.wait(guard, [&] { return done; });
    }

    QThread m_thread;
    Inbox* m_inbox = nullptr; // lives on m_thread, and dies when it finishes
    std::unique_ptr<BenchPeer> m_peer;
};

} // namespace ringshare::bench
