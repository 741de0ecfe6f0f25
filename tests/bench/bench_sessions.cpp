// Whole sessions on the simulated network: how much faster than real time 50, 200 and 500 Sessions join,
// share, search and download (every byte compared), and what it costs in datagrams and stream bytes.
//
//   bench_sessions [--quick] [--seed N]

#include "crypto/cryptoinit.h"
#include "tests/session/sessionswarm.h"

#include <QCoreApplication>
#include <QHashSeed>
#include <cstdio>
#include <cstring>

using namespace ringshare;
using namespace ringshare::session;

int main(int argc, char** argv) {
    QHashSeed::setDeterministicGlobalSeed();
    QCoreApplication app(argc, argv);
    crypto::requireInitialized();
    bool quick = false;
    quint64 seed = 20261206;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
    }
    const QList<int> sizes = quick ? QList<int>{50} : QList<int>{50, 200, 500};

    std::printf("%8s %6s %9s %10s %8s %9s %10s %10s %9s\n", "sessions", "files", "downloads", "simulated",
                "real", "speed-up", "datagrams", "stream MB", "identical");
    bool allGood = true;
    for (int sessions : sizes) {
        SessionSwarmOptions options;
        options.seed = seed;
        options.sessions = sessions;
        options.files = qMax(6, sessions * 12 / 100);
        options.downloads = sessions * 30 / 100;
        const SessionSwarmReport report = SessionSwarm(options).run();
        const double simulated = double(report.simulated.count()) / 1000;
        const double real = double(report.wallMs) / 1000;
        std::printf("%8d %6d %9d %9.1fs %7.1fs %8.1fx %10llu %10.1f %5d/%-3d\n", sessions, options.files,
                    options.downloads, simulated, real, real > 0 ? simulated / real : 0.0,
                    static_cast<unsigned long long>(report.datagrams), double(report.streamBytes) / 1e6,
                    report.identical, options.downloads);
        std::fflush(stdout);
        allGood = allGood && report.identical == options.downloads;
    }
    // The figures are for reading; a run that lost a download is broken, not slow.
    return allGood ? 0 : 1;
}
