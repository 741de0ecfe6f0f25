// FileHasher: hashes one file's chunks on several threads at once (the library's background work).
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>
#include <atomic>
#include <functional>

namespace ringshare::share {

// What hashing a file found: the chunk hashes of its bytes as they were between two identical stat()s.
struct HashedFile {
    qint64 size = 0;
    qint64 modifiedMs = 0; // modification time, Unix milliseconds
    int chunkSize = 0;
    QByteArray chunkHashes;
};

// Hashes one file's chunks on several threads at once. Chunks are independent, so each worker reads a whole
// chunk with pread() and hashes it while the others do the same; every byte is read exactly once. Blocks
// the calling thread: callers run it off the GUI thread.
class FileHasher final {
public:
    struct Options {
        int threads = 0; // 0: one per core
        // Set from any thread to stop early; hash() then fails with "cancelled".
        const std::atomic<bool>* cancel = nullptr;
        // Called from worker threads with the bytes hashed so far; must be thread-safe and quick.
        std::function<void(qint64 done, qint64 total)> progress;
        // Hash at a lower priority than the event loop's thread (see lowerCurrentThreadPriority()).
        bool background = false;
    };

    [[nodiscard]] static Result<HashedFile> hash(const QString& path, const Options& options);
};

} // namespace ringshare::share
