// The distribution experiment: one seeder and n downloaders of one file of F bytes, every peer's upload
// capped at the same rate u, and no limit on downloads. All downloaders start at once, given only the
// seeder as a source; they find each other through the seeder's introductions. The time until the last
// one finishes stands beside the two lower bounds of the textbook model (Kurose & Ross):
//
//   client-server   max(nF/u_s, F/d_min) = nF/u_s          (d_min unlimited)
//   peer-to-peer    max(F/u_s, F/d_min, nF/(u_s + n*u)) = max(F/u_s, nF/(u_s + n*u))
//
// with u_s = u. Every peer runs on a thread of its own (see PeerThread), as in a process of its own; the
// whole swarm moves only (n+1)*u bytes a second, which two cores carry easily. A fresh swarm (new
// identities, folders and ports) runs for every n. Sizes are MiB and KiB, times seconds.
//
// The last columns say where the time went: what the seeder sent (F at the least; while F/u_s is the
// binding bound, every byte it sends twice adds 1/u_s to the time), what the downloaders sent each other,
// and bytes received for nothing (endgame duplicates).
//
//   bench_distribution                  F = 64 MiB, n = 1, 2, 4, 8, 16, u = 4 MiB/s (by hand; minutes)
//   bench_distribution --quick          F = 8 MiB, n = 1, 2, 4 (CI)
//   bench_distribution --size-mib N     F in MiB
//   bench_distribution --upload-kib N   u in KiB/s
//   bench_distribution --n 1,2,4        the swarm sizes
//   bench_distribution --dir DIR        where the temporary folders go (default: the system's)
//   bench_distribution --csv FILE       also write the figures as CSV

#include "benchpeer.h"
#include "crypto/cryptoinit.h"
#include "realswarm.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

using namespace ringshare;
using namespace ringshare::bench;

namespace {

QList<int> parseCounts(const QString& text) {
    QList<int> counts;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n <= 0 || n > 30)
            return {};
        counts.append(n);
    }
    return counts;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ringshare: one seeder and n downloaders, every upload capped, against the bounds."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("F = 8 MiB, n = 1, 2, 4 (for CI)."));
    const QCommandLineOption sizeMib(QStringLiteral("size-mib"), QStringLiteral("F in MiB (default 64)."),
                                     QStringLiteral("n"));
    const QCommandLineOption uploadKib(QStringLiteral("upload-kib"),
                                       QStringLiteral("Every peer's upload cap u in KiB/s (default 4096)."),
                                       QStringLiteral("n"), QStringLiteral("4096"));
    const QCommandLineOption counts(QStringLiteral("n"),
                                    QStringLiteral("Swarm sizes, comma-separated (default 1,2,4,8,16)."),
                                    QStringLiteral("list"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Where the temporary folders go."),
                                 QStringLiteral("path"), QDir::tempPath());
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Also write CSV to this file."),
                                 QStringLiteral("file"));
    parser.addOptions({quick, sizeMib, uploadKib, counts, dir, csv});
    parser.process(app);
    bool validSize = true;
    const qint64 mib = parser.isSet(sizeMib) ? parser.value(sizeMib).toLongLong(&validSize)
                       : parser.isSet(quick) ? 8
                                             : 64;
    bool validUpload = true;
    const qint64 kib = parser.value(uploadKib).toLongLong(&validUpload);
    const QList<int> swarmSizes = parseCounts(parser.isSet(counts)  ? parser.value(counts)
                                              : parser.isSet(quick) ? QStringLiteral("1,2,4")
                                                                    : QStringLiteral("1,2,4,8,16"));
    if (!validSize || mib <= 0 || !validUpload || kib <= 0 || swarmSizes.isEmpty()) {
        std::fprintf(stderr, "bench_distribution: --size-mib, --upload-kib and --n need positive numbers "
                             "(n at most 30)\n");
        return 2;
    }
    const qint64 size = mib * 1024 * 1024;
    const qint64 upload = kib * 1024;
    crypto::requireInitialized();
    QLoggingCategory::setFilterRules(QStringLiteral("ringshare.*.info=false"));

    QTemporaryDir root(QDir(parser.value(dir)).filePath(QStringLiteral("bench_distribution-XXXXXX")));
    if (!root.isValid()) {
        std::fprintf(stderr, "bench_distribution: cannot create a folder in %s\n",
                     qPrintable(parser.value(dir)));
        return 2;
    }
    const QString path = root.filePath(QStringLiteral("payload.bin"));
    if (auto written = writePatternFile(path, size); !written.ok()) {
        std::fprintf(stderr, "bench_distribution: %s\n", qPrintable(written.error()));
        return 2;
    }
    readThrough(path);

    std::printf("F = %lld MiB, u = u_s = %lld KiB/s, downloads unlimited; times in seconds\n", qlonglong(mib),
                qlonglong(kib));
    std::printf("%4s %10s %10s %12s %11s %13s %14s %13s %11s\n", "n", "measured", "mean", "client-server",
                "P2P bound", "measured/P2P", "seeder sent MiB", "peers sent MiB", "wasted MiB");
    QList<SwarmOutcome> outcomes;
    int status = 0;
    for (int n : swarmSizes) {
        const SwarmOutcome outcome = runSwarm(root.path(), path, size, upload, n);
        if (!outcome.error.isEmpty()) {
            std::fprintf(stderr, "bench_distribution: n = %d: %s\n", n, qPrintable(outcome.error));
            status = 1;
            continue;
        }
        outcomes.append(outcome);
        std::printf("%4d %10.2f %10.2f %12.2f %11.2f %13.2f %14.1f %13.1f %11.1f\n", n, outcome.seconds,
                    outcome.meanSeconds, outcome.csBound, outcome.p2pBound,
                    outcome.seconds / outcome.p2pBound, double(outcome.seederUploaded) / 1048576.0,
                    double(outcome.peersUploaded) / 1048576.0, double(outcome.wasted) / 1048576.0);
        std::fflush(stdout);
    }

    if (parser.isSet(csv)) {
        QFile file(parser.value(csv));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            std::fprintf(stderr, "bench_distribution: cannot write %s\n", qPrintable(parser.value(csv)));
            return 2;
        }
        QByteArray out = "n,file_bytes,upload_bytes_per_second,measured_seconds,cs_bound_seconds,"
                         "p2p_bound_seconds,measured_over_p2p,mean_seconds,seeder_uploaded_bytes,"
                         "peers_uploaded_bytes,wasted_bytes\n";
        for (const SwarmOutcome& o : std::as_const(outcomes))
            out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11\n")
                       .arg(o.n)
                       .arg(size)
                       .arg(upload)
                       .arg(o.seconds, 0, 'f', 3)
                       .arg(o.csBound, 0, 'f', 3)
                       .arg(o.p2pBound, 0, 'f', 3)
                       .arg(o.seconds / o.p2pBound, 0, 'f', 3)
                       .arg(o.meanSeconds, 0, 'f', 3)
                       .arg(o.seederUploaded)
                       .arg(o.peersUploaded)
                       .arg(o.wasted)
                       .toUtf8();
        file.write(out);
    }
    return status;
}
