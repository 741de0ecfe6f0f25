// How fast one download from one source runs over loopback, and how close that is to what the receiving
// core can do at all. The receiver decrypts and hashes every byte on one thread, so its ceiling is
// 1 / (1/BLAKE2b + 1/open), both measured here in the same run; beside them, a plain TCP copy of the same
// bytes shows what loopback itself costs, and writing a new file of that size what the disk cache costs.
// The seeder runs on a thread of its own (see PeerThread), the downloader on the main thread, each with its
// own library, folders and event loop, as in two processes. The file is in the page cache before the clock
// starts. MB/s counts file bytes, 1 MB = 10^6 bytes.
//
// The download's own lines say where each side's time went (on a core, waiting for one, asleep) and what
// it would reach were the busier side never kept waiting; on a machine that other work keeps busy, that
// line, not the wall-clock one, shows what the code can do.
//
//   bench_transfer                 1 GiB (by hand)
//   bench_transfer --quick         64 MiB (CI)
//   bench_transfer --size-mib N    N MiB
//   bench_transfer --dir DIR       where the temporary folders go (default: the system's temporary folder)
//   bench_transfer --csv FILE      also write the figures as CSV
//   bench_transfer --download-only only the download, for a profiler

#include "benchpeer.h"
#include "crypto/blake2b.h"
#include "crypto/cryptoinit.h"
#include "crypto/identity.h"
#include "crypto/securechannel.h"
#include "peerthread.h"
#include "share/manifest.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cstdio>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <utility>

using namespace ringshare;
using namespace ringshare::bench;

namespace {

constexpr qsizetype kHashBlock = 1024 * 1024;
constexpr qsizetype kMessageSize = 64 * 1024;
// What PeerConnection reads from its socket at a time: frames reach the channel cut at these points.
constexpr qsizetype kSocketRead = 256 * 1024;
constexpr int kMessagesPerBatch = 64;
constexpr qsizetype kTcpBuffer = 256 * 1024;

// One measured row. Rows that run on one thread count their thread's CPU time: that is the speed of one
// core, and it holds when other programs share the machine. The others count wall time.
struct Row {
    QString name;
    qint64 bytes = 0;
    double seconds = 0;    // wall
    double cpuSeconds = 0; // the thread's, for one-thread rows; 0 for the others
    [[nodiscard]] double basis() const { return cpuSeconds > 0 ? cpuSeconds : seconds; }
    [[nodiscard]] double rate() const { return basis() > 0 && bytes > 0 ? double(bytes) / 1e6 / basis() : 0; }
};

Row hashRow(qint64 total) {
    const QByteArray block = bench::patternBytes(kHashBlock);
    QByteArray digest;
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = threadCpuSeconds();
    for (qint64 done = 0; done < total; done += kHashBlock)
        digest = crypto::Blake2b::hash(block, 32);
    return {QStringLiteral("BLAKE2b-256, 1 MiB blocks, 1 thread"), digest.size() == 32 ? total : -1,
            secondsSince(timer), threadCpuSeconds() - cpuBefore};
}

// Seals 64 KiB messages on one channel and feeds them to its peer in socket-sized reads; only the
// feeding is timed.
Row openRow(qint64 total) {
    crypto::Identity::Seed seed;
    seed.fill(1);
    const crypto::Identity alice = crypto::Identity::fromSeed(seed);
    seed.fill(2);
    const crypto::Identity bob = crypto::Identity::fromSeed(seed);
    crypto::SecureChannel sender(alice, crypto::SecureChannel::Role::Initiator);
    crypto::SecureChannel receiver(bob, crypto::SecureChannel::Role::Responder);
    QByteArray toReceiver = sender.start();
    QByteArray toSender;
    QList<QByteArray> received;
    receiver.feed(std::exchange(toReceiver, {}), toSender, received);
    sender.feed(std::exchange(toSender, {}), toReceiver, received);
    receiver.feed(std::exchange(toReceiver, {}), toSender, received);

    const QByteArray message = bench::patternBytes(kMessageSize);
    QByteArray stream;
    qint64 openNs = 0;
    double openCpu = 0;
    qint64 intact = 0;
    QElapsedTimer timer;
    for (qint64 done = 0; done < total;) {
        stream.clear();
        for (int i = 0; i < kMessagesPerBatch && done < total; ++i, done += kMessageSize)
            stream += sender.seal(message);
        received.clear();
        timer.start();
        const double cpuBefore = threadCpuSeconds();
        for (qsizetype at = 0; at < stream.size(); at += kSocketRead)
            receiver.feed(QByteArrayView(stream).sliced(at, std::min(kSocketRead, stream.size() - at)),
                          toSender, received);
        openCpu += threadCpuSeconds() - cpuBefore;
        openNs += timer.nsecsElapsed();
        for (const QByteArray& opened : std::as_const(received))
            intact += opened == message ? opened.size() : 0;
    }
    const bool ok = intact == total && !receiver.hasFailed();
    return {QStringLiteral("SecureChannel open, 64 KiB messages, 1 thread"), ok ? total : -1,
            double(openNs) / 1e9, openCpu};
}

// Writes a new file of `total` bytes in chunks, as a download writes its part file (no fsync). Not part of
// the ceiling, but every received byte costs this too, and on some machines (virtual ones whose memory is
// handed over page by page) new page-cache pages cost more than decrypting and hashing together. The file
// stays until the run ends, so that the download finds no pages this freed.
Row writeRow(const QString& path, qint64 total) {
    Row row{QStringLiteral("write a new file, chunk by chunk, 1 thread"), -1, 0, 0};
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return row;
    const QByteArray chunk = bench::patternBytes(share::Manifest::chunkSizeFor(total));
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = threadCpuSeconds();
    qint64 written = 0;
    while (written < total) {
        const qint64 length = std::min<qint64>(chunk.size(), total - written);
        if (::pwrite(file.handle(), chunk.constData(), size_t(length), off_t(written)) != length)
            return row;
        written += length;
    }
    row.cpuSeconds = threadCpuSeconds() - cpuBefore;
    row.seconds = secondsSince(timer);
    row.bytes = total;
    return row;
}

bool sendAll(int fd, const char* data, qint64 length) {
    while (length > 0) {
        const ssize_t put = ::send(fd, data, size_t(length), MSG_NOSIGNAL);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        data += put;
        length -= put;
    }
    return true;
}

// `total` bytes from a sender thread to a receiver thread over one loopback TCP connection.
Row rawTcpRow(qint64 total) {
    Row row{QStringLiteral("raw TCP copy over loopback, 2 threads"), -1, 0, 0};
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, 1) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        if (listener >= 0)
            ::close(listener);
        return row;
    }
    std::atomic<qint64> received{0};
    QElapsedTimer timer;
    timer.start();
    std::thread receiver([&] {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0)
            return;
        QByteArray buffer(kTcpBuffer, Qt::Uninitialized);
        qint64 got = 0;
        for (;;) {
            const ssize_t n = ::recv(fd, buffer.data(), size_t(buffer.size()), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += n;
        }
        received = got;
        ::close(fd);
    });
    const QByteArray block = bench::patternBytes(kTcpBuffer);
    std::thread sender([&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            if (fd >= 0)
                ::close(fd);
            return;
        }
        for (qint64 sent = 0; sent < total;) {
            const qint64 length = std::min<qint64>(block.size(), total - sent);
            if (!sendAll(fd, block.constData(), length))
                break;
            sent += length;
        }
        ::close(fd);
    });
    sender.join();
    receiver.join();
    row.seconds = secondsSince(timer);
    ::close(listener);
    row.bytes = received == total ? total : -1;
    return row;
}

bool sameContents(const QString& a, const QString& b) {
    QFile left(a), right(b);
    if (!left.open(QIODevice::ReadOnly) || !right.open(QIODevice::ReadOnly) || left.size() != right.size())
        return false;
    constexpr qint64 kBlock = 4 * 1024 * 1024;
    while (!left.atEnd())
        if (left.read(kBlock) != right.read(kBlock))
            return false;
    return true;
}

struct Download {
    Row row;
    double cpuSeconds = 0;
    double downloaderCpu = 0; // its thread's
    double seederCpu = 0;
    double downloaderQueued = 0; // runnable but waiting for a core
    double seederQueued = 0;
    double startedAt = 0; // CLOCK_MONOTONIC
    double endedAt = 0;
    transfer::TransferStats downloaderStats;
    QString error;
};

// One download of `path` from a seeder on its own thread to a downloader on this one.
Download ringshareRow(const QString& root, const QString& path, qint64 size) {
    Download result;
    result.row = {QStringLiteral("Ringshare download, one source"), -1, 0, 0};
    const Millis limit(std::max<qint64>(60'000, size / 10'000)); // 10 MB/s would be a broken engine
    PeerThread seeder(root, 1);
    const auto shared =
        seeder.withPeer([&](BenchPeer& peer) -> Result<std::pair<share::Link, transfer::PeerAddress>> {
            if (!peer.isListening())
                return Error{QStringLiteral("the seeder cannot listen on loopback")};
            auto link = peer.share(path, limit);
            if (!link.ok())
                return Error{link.error()};
            return std::pair{link.value(), peer.address()};
        });
    if (!shared.ok()) {
        result.error = shared.error();
        return result;
    }
    const auto [link, source] = shared.value();
    BenchPeer downloader(root, 2);
    if (!downloader.isListening()) {
        result.error = QStringLiteral("the downloader cannot listen on loopback");
        return result;
    }
    QString finishedPath;
    QElapsedTimer timer;
    QObject context;
    QObject::connect(&downloader.manager(), &transfer::TransferManager::downloadFinished, &context,
                     [&](const share::ContentId&, const QString& where) {
                         result.row.seconds = secondsSince(timer);
                         finishedPath = where;
                     });
    QObject::connect(&downloader.manager(), &transfer::TransferManager::downloadFailed, &context,
                     [&](const share::ContentId&, const QString& error) { result.error = error; });

    readThrough(path); // hashing read it already; this makes sure it is still cached
    const double cpuBefore = cpuSeconds();
    const auto [seederBefore, seederQueuedBefore] = seeder.withPeer([](BenchPeer&) {
        return std::pair{threadCpuSeconds(), threadRunQueueSeconds()};
    });
    const double downloaderBefore = threadCpuSeconds();
    const double downloaderQueuedBefore = threadRunQueueSeconds();
    result.startedAt = monotonicSeconds();
    timer.start();
    if (auto started = downloader.manager().download(link); !started.ok()) {
        result.error = started.error();
        return result;
    }
    downloader.manager().addSource(link.id, source);
    const bool done = runUntil([&] { return !finishedPath.isEmpty() || !result.error.isEmpty(); }, limit);
    result.endedAt = monotonicSeconds();
    result.downloaderCpu = threadCpuSeconds() - downloaderBefore;
    result.downloaderQueued = threadRunQueueSeconds() - downloaderQueuedBefore;
    const auto [seederAfter, seederQueuedAfter] = seeder.withPeer([](BenchPeer&) {
        return std::pair{threadCpuSeconds(), threadRunQueueSeconds()};
    });
    result.seederCpu = seederAfter - seederBefore;
    result.seederQueued = seederQueuedAfter - seederQueuedBefore;
    result.cpuSeconds = cpuSeconds() - cpuBefore;
    result.downloaderStats = downloader.manager().stats();
    if (!done)
        result.error = QStringLiteral("the download did not finish within %1 s").arg(limit.count() / 1000);
    else if (result.error.isEmpty() && !sameContents(path, finishedPath))
        result.error = QStringLiteral("the downloaded file differs from the shared one");
    if (result.error.isEmpty())
        result.row.bytes = size;
    return result;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ringshare: one download over loopback against its ceiling."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("64 MiB (for CI)."));
    const QCommandLineOption sizeMib(QStringLiteral("size-mib"),
                                     QStringLiteral("File size in MiB (default 1024)."), QStringLiteral("n"),
                                     QStringLiteral("1024"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Where the temporary folders go."),
                                 QStringLiteral("path"), QDir::tempPath());
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Also write CSV to this file."),
                                 QStringLiteral("file"));
    const QCommandLineOption downloadOnly(QStringLiteral("download-only"),
                                          QStringLiteral("Measure only the download (for profiling)."));
    parser.addOptions({quick, sizeMib, dir, csv, downloadOnly});
    parser.process(app);
    bool validSize = false;
    const qint64 mib =
        parser.isSet(quick) && !parser.isSet(sizeMib) ? 64 : parser.value(sizeMib).toLongLong(&validSize);
    if (!(parser.isSet(quick) && !parser.isSet(sizeMib)) && (!validSize || mib <= 0)) {
        std::fprintf(stderr, "bench_transfer: --size-mib needs a positive number\n");
        return 2;
    }
    const qint64 size = mib * 1024 * 1024;
    crypto::requireInitialized();
    QLoggingCategory::setFilterRules(QStringLiteral("ringshare.*.info=false"));

    QTemporaryDir root(QDir(parser.value(dir)).filePath(QStringLiteral("bench_transfer-XXXXXX")));
    if (!root.isValid()) {
        std::fprintf(stderr, "bench_transfer: cannot create a folder in %s\n", qPrintable(parser.value(dir)));
        return 2;
    }
    const QString path = root.filePath(QStringLiteral("payload.bin"));
    if (auto written = writePatternFile(path, size); !written.ok()) {
        std::fprintf(stderr, "bench_transfer: %s\n", qPrintable(written.error()));
        return 2;
    }
    readThrough(path);
    const QString loadAverage = loadAverageNow();

    const bool references = !parser.isSet(downloadOnly);
    const Row tcp = references ? rawTcpRow(size) : Row{QStringLiteral("raw TCP (not measured)"), 0, 0, 0};
    const Row hash = references ? hashRow(size) : Row{QStringLiteral("BLAKE2b (not measured)"), 0, 0, 0};
    const Row open = references ? openRow(size) : Row{QStringLiteral("open (not measured)"), 0, 0, 0};
    const Row write = references ? writeRow(root.filePath(QStringLiteral("written.bin")), size)
                                 : Row{QStringLiteral("write (not measured)"), 0, 0, 0};
    const Download download = ringshareRow(root.path(), path, size);
    const double ceiling =
        hash.rate() > 0 && open.rate() > 0 ? 1.0 / (1.0 / hash.rate() + 1.0 / open.rate()) : 0;
    const double withWrite = ceiling > 0 && write.rate() > 0 ? 1.0 / (1.0 / ceiling + 1.0 / write.rate()) : 0;

    int status = 0;
    for (const Row& row : {tcp, hash, open, write})
        if (row.bytes < 0) {
            std::fprintf(stderr, "bench_transfer: %s gave wrong results\n", qPrintable(row.name));
            status = 1;
        }
    if (!download.error.isEmpty()) {
        std::fprintf(stderr, "bench_transfer: %s\n", qPrintable(download.error));
        status = 1;
    }

    // If each side had a core to itself: bytes over the busier side's CPU time. Waits that are not for a
    // core (the disk, the other side) do not count, so this is what the code could do, not what it did.
    const double busiest = std::max(download.downloaderCpu, download.seederCpu);
    const Row ownCores{QStringLiteral("  the same, were the busier side never kept waiting"),
                       download.row.bytes, busiest, busiest};
    const double percentOf = ceiling > 0 ? 100.0 / ceiling : 0.0;

    std::printf("%lld MiB over loopback; 1 MB = 10^6 bytes; one-thread rows count their thread's CPU time\n",
                qlonglong(mib));
    std::printf("load average before: %s\n", qPrintable(loadAverage));
    std::printf("%-52s %9s %9s %11s\n", "measure", "seconds", "MB/s", "of ceiling");
    const auto print = [&](const Row& row) {
        std::printf("%-52s %9.3f %9.1f %10.0f%%\n", qPrintable(row.name), row.basis(), row.rate(),
                    row.rate() * percentOf);
    };
    for (const Row& row : {tcp, hash, open})
        print(row);
    std::printf("%-52s %9s %9.1f %10.0f%%\n", "receiver ceiling 1/(1/BLAKE2b + 1/open)", "", ceiling, 100.0);
    print(write);
    std::printf("%-52s %9s %9.1f %10.0f%%\n", "  ceiling with the write, 1/(1/BLAKE2b + 1/open + 1/write)",
                "", withWrite, withWrite * percentOf);
    print(download.row);
    if (download.row.bytes > 0) {
        print(ownCores);
        // Per side: its cost per byte, and where its time went. A side on a core all the time is the
        // bottleneck; time spent waiting for a core means other programs took it.
        const double bytes = double(size);
        const double wall = download.row.seconds;
        const auto side = [&](const char* name, double cpu, double queued) {
            std::printf(
                "  %-10s thread: %5.2f ns/byte; of the time %3.0f%% on a core, %3.0f%% waiting for one, "
                "%3.0f%% asleep\n",
                name, cpu * 1e9 / bytes, 100.0 * cpu / wall, 100.0 * queued / wall,
                std::max(0.0, 100.0 * (wall - cpu - queued) / wall));
        };
        side("downloader", download.downloaderCpu, download.downloaderQueued);
        side("seeder", download.seederCpu, download.seederQueued);
        if (ceiling > 0)
            std::printf("  the ceiling is %.2f ns/byte; %lld bytes wasted, %d bad chunks\n", 1e3 / ceiling,
                        qlonglong(download.downloaderStats.bytesWasted), download.downloaderStats.badChunks);
        if (!references)
            std::fprintf(stderr, "download window, CLOCK_MONOTONIC: %.6f %.6f\n", download.startedAt,
                         download.endedAt);
    }

    if (parser.isSet(csv)) {
        QFile file(parser.value(csv));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            std::fprintf(stderr, "bench_transfer: cannot write %s\n", qPrintable(parser.value(csv)));
            return 2;
        }
        QByteArray out = "measure,bytes,wall_seconds,cpu_seconds,mb_per_second,percent_of_ceiling\n";
        const auto line = [&](const Row& row, double rate) {
            out += QStringLiteral("\"%1\",%2,%3,%4,%5,%6\n")
                       .arg(row.name.trimmed())
                       .arg(row.bytes)
                       .arg(row.seconds, 0, 'f', 4)
                       .arg(row.cpuSeconds, 0, 'f', 4)
                       .arg(rate, 0, 'f', 1)
                       .arg(rate * percentOf, 0, 'f', 1)
                       .toUtf8();
        };
        for (const Row& row : {tcp, hash, open, write, download.row, ownCores})
            line(row, row.rate());
        line(Row{QStringLiteral("receiver ceiling"), size, 0, 0}, ceiling);
        line(Row{QStringLiteral("receiver ceiling with the write"), size, 0, 0}, withWrite);
        file.write(out);
    }
    return status;
}
