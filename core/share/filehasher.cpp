// FileHasher: the worker threads that pread and hash chunks, and the stat() check around them.
#include "share/filehasher.h"

#include "base/fileio.h"
#include "base/systemerror.h"
#include "base/threadpriority.h"
#include "share/manifest.h"

#include <QCoreApplication>
#include <QFile>
#include <QThread>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace ringshare::share {

namespace {

QString systemError(int error) {
    return systemErrorText(error);
}

qint64 modifiedMsOf(const struct stat& info) {
    return qint64(info.st_mtim.tv_sec) * 1000 + info.st_mtim.tv_nsec / 1'000'000;
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    [[nodiscard]] int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

Result<HashedFile> FileHasher::hash(const QString& path, const Options& options) {
    const QByteArray nativePath = QFile::encodeName(path);
    FileDescriptor fd(::open(nativePath.constData(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        return Error{QCoreApplication::translate("ringshare::share::FileHasher", "Cannot read %1: %2")
                         .arg(path, systemError(errno))};
    struct stat before {};
    if (::fstat(fd.get(), &before) != 0)
        return Error{QCoreApplication::translate("ringshare::share::FileHasher", "Cannot read %1: %2")
                         .arg(path, systemError(errno))};
    if (!S_ISREG(before.st_mode))
        return Error{QCoreApplication::translate("ringshare::share::FileHasher", "%1 is not a regular file")
                         .arg(path)};
    if (before.st_size > Manifest::kMaxFileSize)
        return Error{QCoreApplication::translate("ringshare::share::FileHasher",
                                                 "%1 is larger than the 256 GiB Ringshare can share")
                         .arg(path)};
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);

    HashedFile result;
    result.size = before.st_size;
    result.modifiedMs = modifiedMsOf(before);
    result.chunkSize = Manifest::chunkSizeFor(result.size);
    const int chunkCount = Manifest::chunkCountFor(result.size, result.chunkSize);
    result.chunkHashes.resize(qsizetype(chunkCount) * Manifest::kHashSize);

    const int cores = options.threads > 0 ? options.threads : qMax(1, QThread::idealThreadCount());
    const int workers = qBound(1, cores, qMax(1, chunkCount));
    std::atomic<int> nextChunk{0};
    std::atomic<qint64> hashedBytes{0};
    std::atomic<bool> failed{false};
    std::mutex errorLock;
    QString firstError;

    auto work = [&] {
        if (options.background)
            lowerCurrentThreadPriority();
        QByteArray buffer(result.chunkSize, Qt::Uninitialized);
        for (;;) {
            if (failed.load(std::memory_order_relaxed) ||
                (options.cancel && options.cancel->load(std::memory_order_relaxed)))
                return;
            const int index = nextChunk.fetch_add(1, std::memory_order_relaxed);
            if (index >= chunkCount)
                return;
            const qint64 offset = qint64(index) * result.chunkSize;
            const qint64 length = qMin<qint64>(result.chunkSize, result.size - offset);
            if (!fileio::readFully(fd.get(), buffer.data(), length, offset)) {
                const int error = errno;
                const std::lock_guard lock(errorLock);
                if (!failed.exchange(true))
                    firstError = error ? QCoreApplication::translate("ringshare::share::FileHasher",
                                                                     "Cannot read %1: %2")
                                             .arg(path, systemError(error))
                                       : QCoreApplication::translate("ringshare::share::FileHasher",
                                                                     "%1 changed while it was being hashed")
                                             .arg(path);
                return;
            }
            const QByteArray digest = Manifest::hashChunk(QByteArrayView(buffer.constData(), length));
            std::memcpy(result.chunkHashes.data() + qsizetype(index) * Manifest::kHashSize,
                        digest.constData(), Manifest::kHashSize);
            const qint64 done = hashedBytes.fetch_add(length, std::memory_order_relaxed) + length;
            if (options.progress)
                options.progress(done, result.size);
        }
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < workers; ++i)
        threads.emplace_back(work);
    work();
    for (auto& thread : threads)
        thread.join();

    if (failed)
        return Error{firstError};
    if (options.cancel && options.cancel->load())
        return Error{QCoreApplication::translate("ringshare::share::FileHasher", "Hashing %1 was cancelled")
                         .arg(path)};
    struct stat after {};
    if (::fstat(fd.get(), &after) != 0 || after.st_size != before.st_size ||
        modifiedMsOf(after) != result.modifiedMs)
        return Error{QCoreApplication::translate("ringshare::share::FileHasher",
                                                 "%1 changed while it was being hashed")
                         .arg(path)};
    return result;
}

} // namespace ringshare::share
