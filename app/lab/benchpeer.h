// BenchPeer: one real Ringshare peer (folders, clock, library, transfer manager) for the transfer
// benchmarks and the lab, with pattern files, CPU clocks and event-loop waits.
#pragma once

// What the transfer benchmarks share: one peer as it runs in a process of its own (its folders, clock,
// randomness, library and transfer manager), files of known bytes, and waits on the event loop.

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "base/systemclock.h"
#include "crypto/identity.h"
#include "share/library.h"
#include "share/link.h"
#include "transfer/transfermanager.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace ringshare::bench {

// Runs the event loop of the calling thread until `done` holds (checked every `poll`) or `limit` has
// passed; returns whether it held.
bool runUntil(const std::function<bool()>& done, Millis limit, Millis poll = Millis(20));

// `size` bytes of a fixed pseudo-random pattern, for in-memory rows.
QByteArray patternBytes(qsizetype size);

// Writes `size` bytes that compress to nothing useful (so no layer can take a shortcut) to `path`.
Result<void> writePatternFile(const QString& path, qint64 size);

// Reads the whole file once, so that it sits in the page cache; returns the bytes read, -1 on error.
qint64 readThrough(const QString& path);

// User plus system CPU time of this process, every thread; and of the calling thread alone.
double cpuSeconds();
double threadCpuSeconds();
// How long the calling thread has waited, runnable, for a core (from /proc; 0 where the kernel keeps no
// scheduler statistics). On a machine busy with other work this, not the code, can explain a slow run.
double threadRunQueueSeconds();
// CLOCK_MONOTONIC in seconds, the clock `perf record -k CLOCK_MONOTONIC` stamps samples with.
double monotonicSeconds();

double secondsSince(const QElapsedTimer& timer);

// The kernel's 1, 5 and 15 minute load averages, as text: how busy the machine was with other work.
QString loadAverageNow();

// One peer with its own data and download folders under `root`, listening on a free loopback port. It
// lives on the thread that creates it: its timers and sockets run on that thread's event loop.
class BenchPeer final {
public:
    BenchPeer(const QString& root, quint64 seed, qint64 uploadLimit = 0);
    ~BenchPeer();
    BenchPeer(const BenchPeer&) = delete;
    BenchPeer& operator=(const BenchPeer&) = delete;

    [[nodiscard]] bool isListening() const { return m_listening; }
    [[nodiscard]] transfer::PeerAddress address() const;
    [[nodiscard]] transfer::TransferManager& manager() { return *m_manager; }

    // Shares the file at `path` and waits (running this thread's event loop) until it is hashed.
    [[nodiscard]] Result<share::Link> share(const QString& path, Millis limit);

private:
    QTemporaryDir m_data;
    QTemporaryDir m_downloads;
    SystemClock m_clock;
    SeededRandom m_random;
    crypto::Identity m_identity;
    std::unique_ptr<share::Library> m_library;
    std::unique_ptr<transfer::TransferManager> m_manager;
    bool m_listening = false;
};

} // namespace ringshare::bench
