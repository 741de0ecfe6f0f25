#pragma once

#include "benchpeer.h"

#include <QThread>
#include <memory>
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
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
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
    template <typename Work>
    void call(Work work) {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }

    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread, and dies when it finishes
    std::unique_ptr<BenchPeer> m_peer;
};

} // namespace ringshare::bench
