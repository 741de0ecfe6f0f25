// How well FileHasher spreads one file over the cores: it hashes a file (in the page cache) with one
// thread per core, and beside it one thread hashes the same bytes, already in memory, in the same chunks.
// Perfect scaling would be cores x the single thread's speed; the ratio to that is what FileHasher keeps
// of it after reading, waiting and dividing the work. Each side runs --repeat times, interleaved, and the
// best run counts, so that a moment of other load on the machine does not decide the figure. The single
// thread is timed by its own CPU time (the speed of a core), FileHasher by the wall clock (what a user
// waits for); two lines below the table split a shortfall into extra work per byte and cores that were
// not to be had. MB/s counts file bytes, 1 MB = 10^6 bytes.
//
//   bench_hashing                1 GiB (by hand)
//   bench_hashing --quick        64 MiB (CI)
//   bench_hashing --size-mib N   N MiB
//   bench_hashing --repeat R     runs of each side (default 3, quick 1)
//   bench_hashing --dir DIR      where the temporary file goes (default: the system's temporary folder)
//   bench_hashing --csv FILE     also write the figures as CSV

#include "benchpeer.h"
#include "crypto/cryptoinit.h"
#include "share/filehasher.h"
#include "share/manifest.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>
#include <unistd.h>
#include <utility>

using namespace ringshare;
using namespace ringshare::bench;

namespace {

struct Run {
    double seconds = 0;       // wall
    double cpuSeconds = 0;    // every thread of the process
    double queuedSeconds = 0; // threads of the process runnable but without a core, summed
    QByteArray chunkHashes;
};

// Sums how long this process's threads wait, runnable, for a core while it watches. FileHasher's threads
// come and go inside one call, so it reads the kernel's per-thread counters every few milliseconds and
// keeps each thread's first and last value.
class RunQueueWatch final {
public:
    RunQueueWatch() : m_sampler([this] { sampleUntilStopped(); }) {}
    ~RunQueueWatch() { stop(); }
    RunQueueWatch(const RunQueueWatch&) = delete;
    RunQueueWatch& operator=(const RunQueueWatch&) = delete;

    // Stops watching and returns the seconds waited.
    double stop() {
        if (m_sampler.joinable()) {
            m_stop = true;
            m_sampler.join();
            sample();
        }
        double total = 0;
        for (const auto& [tid, span] : m_delays)
            if (tid != m_self)
                total += double(span.second - span.first) / 1e9;
        return total;
    }

private:
    void sampleUntilStopped() {
        m_self = QString::number(::gettid());
        while (!m_stop) {
            sample();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    void sample() {
        const QDir tasks(QStringLiteral("/proc/self/task"));
        for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(tasks.filePath(tid + QStringLiteral("/schedstat")));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> fields = file.readAll().simplified().split(' ');
            if (fields.size() < 2)
                continue;
            const qint64 delay = fields[1].toLongLong();
            auto it = m_delays.find(tid);
            if (it == m_delays.end())
                m_delays.emplace(tid, std::pair{delay, delay});
            else
                it->second.second = delay;
        }
    }

    std::map<QString, std::pair<qint64, qint64>> m_delays; // thread id: first and last run delay, ns
    QString m_self;
    std::atomic<bool> m_stop{false};
    std::thread m_sampler; // last: starts once the rest is ready
};

Run hashInMemory(const QByteArray& data) {
    const int chunkSize = share::Manifest::chunkSizeFor(data.size());
    Run run;
    run.chunkHashes.reserve((data.size() / chunkSize + 1) * share::Manifest::kHashSize);
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = threadCpuSeconds();
    for (qsizetype at = 0; at < data.size(); at += chunkSize)
        run.chunkHashes += share::Manifest::hashChunk(
            QByteArrayView(data).sliced(at, std::min<qsizetype>(chunkSize, data.size() - at)));
    run.cpuSeconds = threadCpuSeconds() - cpuBefore;
    run.seconds = secondsSince(timer);
    return run;
}

Result<Run> hashFile(const QString& path, int threads) {
    share::FileHasher::Options options;
    options.threads = threads;
    RunQueueWatch watch;
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = cpuSeconds();
    auto hashed = share::FileHasher::hash(path, options);
    const double cpu = cpuSeconds() - cpuBefore;
    const double seconds = secondsSince(timer);
    const double queued = watch.stop();
    if (!hashed.ok())
        return Error{hashed.error()};
    return Run{seconds, cpu, queued, hashed->chunkHashes};
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ringshare: FileHasher on every core against one core."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("64 MiB, one run (for CI)."));
    const QCommandLineOption sizeMib(QStringLiteral("size-mib"),
                                     QStringLiteral("File size in MiB (default 1024)."), QStringLiteral("n"),
                                     QStringLiteral("1024"));
    const QCommandLineOption repeat(QStringLiteral("repeat"),
                                    QStringLiteral("Runs of each side (default 3)."), QStringLiteral("r"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Where the temporary file goes."),
                                 QStringLiteral("path"), QDir::tempPath());
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Also write CSV to this file."),
                                 QStringLiteral("file"));
    parser.addOptions({quick, sizeMib, repeat, dir, csv});
    parser.process(app);
    bool valid = true;
    const qint64 mib = parser.isSet(sizeMib) ? parser.value(sizeMib).toLongLong(&valid)
                       : parser.isSet(quick) ? 64
                                             : 1024;
    bool validRepeat = true;
    const int runs = parser.isSet(repeat)  ? parser.value(repeat).toInt(&validRepeat)
                     : parser.isSet(quick) ? 1
                                           : 3;
    if (!valid || mib <= 0 || !validRepeat || runs <= 0) {
        std::fprintf(stderr, "bench_hashing: --size-mib and --repeat need positive numbers\n");
        return 2;
    }
    const qint64 size = mib * 1024 * 1024;
    crypto::requireInitialized();

    QTemporaryDir root(QDir(parser.value(dir)).filePath(QStringLiteral("bench_hashing-XXXXXX")));
    const QString path = root.filePath(QStringLiteral("payload.bin"));
    if (!root.isValid()) {
        std::fprintf(stderr, "bench_hashing: cannot create a folder in %s\n", qPrintable(parser.value(dir)));
        return 2;
    }
    if (auto written = writePatternFile(path, size); !written.ok()) {
        std::fprintf(stderr, "bench_hashing: %s\n", qPrintable(written.error()));
        return 2;
    }
    readThrough(path);
    QByteArray data;
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || (data = file.readAll()).size() != size) {
            std::fprintf(stderr, "bench_hashing: cannot read %s back\n", qPrintable(path));
            return 2;
        }
    }

    const int cores = std::max(1, QThread::idealThreadCount());
    const QString loadBefore = loadAverageNow();
    double single = 0;
    double parallel = 0;
    double parallelCpu = 0;
    double parallelWall = 0;
    double parallelQueued = 0;
    for (int i = 0; i < runs; ++i) {
        const Run one = hashInMemory(data);
        auto all = hashFile(path, cores);
        if (!all.ok()) {
            std::fprintf(stderr, "bench_hashing: %s\n", qPrintable(all.error()));
            return 1;
        }
        if (all->chunkHashes != one.chunkHashes) {
            std::fprintf(stderr, "bench_hashing: FileHasher and the single thread disagree\n");
            return 1;
        }
        // One thread's speed is what its core does while it runs (its CPU time); FileHasher's is what a
        // user waits for (wall time). On an idle machine the two clocks agree.
        single = std::max(single, double(size) / 1e6 / one.cpuSeconds);
        if (double(size) / 1e6 / all->seconds > parallel) {
            parallel = double(size) / 1e6 / all->seconds;
            parallelCpu = all->cpuSeconds;
            parallelWall = all->seconds;
            parallelQueued = all->queuedSeconds;
        }
    }
    const double ideal = cores * single;
    const double ratio = parallel / ideal;

    std::printf("%lld MiB, %d cores, best of %d runs each; load average before: %s\n", qlonglong(mib), cores,
                runs, qPrintable(loadBefore));
    std::printf("%-48s %10s %12s\n", "measure", "MB/s", "of ideal");
    std::printf("%-48s %10.1f %12s\n", "BLAKE2b-256 in memory, 1 thread (its CPU time)", single, "");
    std::printf("%-48s %10.1f %11.0f%%\n", qPrintable(QStringLiteral("ideal: %1 x one thread").arg(cores)),
                ideal, 100.0);
    std::printf("%-48s %10.1f %11.0f%%\n",
                qPrintable(QStringLiteral("FileHasher, page cache, %1 threads").arg(cores)), parallel,
                100.0 * ratio);
    // Where a shortfall comes from: more work per byte than one thread does (reading, dividing the work),
    // or cores that were not there to be had (other programs, threads waiting on each other). Were the
    // threads never kept waiting, every core would hash at FileHasher's CPU cost per byte.
    const double singleNs = 1e3 / single;
    const double parallelNs = parallelCpu * 1e9 / double(size);
    const double unhindered = cores * 1e3 / parallelNs;
    std::printf("%-48s %10.1f %11.0f%%\n", "  the same, were its threads never kept waiting", unhindered,
                100.0 * unhindered / ideal);
    std::printf("  CPU per byte: FileHasher %.2f ns over all its threads, one thread %.2f ns (%+.0f%%)\n",
                parallelNs, singleNs, 100.0 * (parallelNs / singleNs - 1.0));
    std::printf("  cores FileHasher kept busy: %.2f of %d; its threads waited %.2f s for a core in %.2f s\n",
                parallelCpu / parallelWall, cores, parallelQueued, parallelWall);

    if (parser.isSet(csv)) {
        QFile file(parser.value(csv));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            std::fprintf(stderr, "bench_hashing: cannot write %s\n", qPrintable(parser.value(csv)));
            return 2;
        }
        file.write(QStringLiteral("bytes,cores,runs,single_mb_per_second,filehasher_mb_per_second,ratio,"
                                  "filehasher_cpu_seconds,filehasher_wall_seconds,filehasher_queued_seconds\n"
                                  "%1,%2,%3,%4,%5,%6,%7,%8,%9\n")
                       .arg(size)
                       .arg(cores)
                       .arg(runs)
                       .arg(single, 0, 'f', 1)
                       .arg(parallel, 0, 'f', 1)
                       .arg(ratio, 0, 'f', 3)
                       .arg(parallelCpu, 0, 'f', 3)
                       .arg(parallelWall, 0, 'f', 3)
                       .arg(parallelQueued, 0, 'f', 3)
                       .toUtf8());
    }
    return 0;
}
