// How long the desktop app's event loop can stall while the node does its heaviest work: the window is up
// (offscreen) with all four views live, and at the same time the app shares a new 1 GiB file (hashed in the
// background) and downloads another 1 GiB file at full loopback speed from a seeder. A 2 ms timer on the GUI
// thread records every gap between its ticks; the worst gap beyond the timer's own period is the longest
// time a person's click or keypress could have waited. The seeder runs on a thread of its own, like a peer
// on another machine; as it stands for another machine's cores, its thread runs at the lowered priority
// of background work (--seeder-priority same keeps it at the GUI thread's, so the two compete for the
// two cores as equals, which no real peer would).
//
//   bench_ui_stall                 1 GiB each (by hand)
//   bench_ui_stall --quick         64 MiB each (CI)
//   bench_ui_stall --size-mib N    N MiB each
//   bench_ui_stall --dir DIR       where the temporary folders go

#include "base/systemclock.h"
#include "base/threadpriority.h"
#include "benchpeer.h"
#include "crypto/cryptoinit.h"
#include "crypto/securerandom.h"
#include "session/session.h"
#include "ui/mainwindow.h"
#include "ui/sharedmodel.h"
#include "ui/sharedpage.h"
#include "ui/transfersmodel.h"
#include "ui/transferspage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace ringshare;
using namespace std::chrono_literals;

namespace {

session::SessionOptions optionsFor(const QString& dir) {
    session::SessionOptions options;
    options.dataDir = dir + QStringLiteral("/state");
    options.downloadDir = dir + QStringLiteral("/downloads");
    QDir().mkpath(options.downloadDir);
    options.bind = QHostAddress(QHostAddress::LocalHost);
    options.lan = false;
    options.chord.stabilizeInterval = options.chord.fixFingersInterval =
        options.chord.checkPredecessorInterval = 200ms;
    options.chord.publishRetryInterval = 500ms;
    options.chord.settleRepublishDelay = 1000ms;
    return options;
}

// The seeder: a whole session on a thread and event loop of its own.
class SeederThread {
public:
    SeederThread(const QString& dir, bool lowPriority) {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        call([&] {
            if (lowPriority)
                lowerCurrentThreadPriority();
            m_clock = std::make_unique<SystemClock>();
            m_session = std::make_unique<session::Session>(optionsFor(dir), *m_clock, m_random);
            if (auto started = m_session->start(); !started)
                qFatal("seeder: %s", qPrintable(started.error()));
            m_session->join();
        });
    }
    ~SeederThread() {
        call([&] {
            m_session.reset();
            m_clock.reset();
        });
        m_thread.quit();
        m_thread.wait();
    }
    template <typename Work>
    void call(Work work) {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }
    session::Session& session() { return *m_session; }

private:
    QThread m_thread;
    QObject* m_context = nullptr;
    crypto::SecureRandom m_random;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<session::Session> m_session;
};

// A second file, different from writePatternFile's bytes, written in blocks.
bool writeOtherFile(const QString& path, qint64 size) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray block = bench::patternBytes(4 * 1024 * 1024);
    for (qsizetype i = 0; i < block.size(); i += 64)
        block[i] = char(block[i] ^ 0x5a);
    for (qint64 done = 0; done < size; done += block.size()) {
        const qint64 n = std::min<qint64>(block.size(), size - done);
        if (file.write(block.constData(), n) != n)
            return false;
    }
    return true;
}

// Ticks every 2 ms and keeps every gap between ticks, with what the GUI thread did in it: ran (its CPU
// time), waited for a core (run queue, from the kernel's scheduler statistics), or slept (the rest:
// blocked in a system call or idle).
class StallMeter {
public:
    struct Gap {
        qint64 wallNs = 0;
        qint64 cpuNs = 0;
        qint64 queuedNs = 0;
    };

    StallMeter() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const Gap now = sample();
            m_gaps.push_back(
                {now.wallNs - m_last.wallNs, now.cpuNs - m_last.cpuNs, now.queuedNs - m_last.queuedNs});
            m_last = now;
        });
    }
    void start() {
        m_gaps.clear();
        m_clock.start();
        m_last = sample();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // The gap beyond the period, in ms, at quantile q (1 = worst).
    [[nodiscard]] double stallMs(double q) const {
        if (m_gaps.empty())
            return 0;
        std::vector<qint64> walls;
        for (const Gap& gap : m_gaps)
            walls.push_back(gap.wallNs);
        std::sort(walls.begin(), walls.end());
        const size_t at = std::min(walls.size() - 1, size_t(q * double(walls.size() - 1)));
        return std::max(0.0, double(walls[at]) / 1e6 - 2.0);
    }
    [[nodiscard]] Gap worst() const {
        Gap worst;
        for (const Gap& gap : m_gaps)
            if (gap.wallNs > worst.wallNs)
                worst = gap;
        return worst;
    }
    [[nodiscard]] size_t ticks() const { return m_gaps.size(); }

private:
    Gap sample() const {
        timespec cpu{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        return {m_clock.isValid() ? m_clock.nsecsElapsed() : 0,
                qint64(cpu.tv_sec) * 1'000'000'000 + cpu.tv_nsec,
                qint64(bench::threadRunQueueSeconds() * 1e9)};
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    Gap m_last;
    std::vector<Gap> m_gaps;
};

// Times every event the GUI thread delivers and keeps the slowest few, so a stall can be traced to what
// ran in it.
class TimedApplication final : public QApplication {
public:
    using QApplication::QApplication;

    struct Slow {
        qint64 ns = 0;
        QByteArray what;
    };

    bool notify(QObject* receiver, QEvent* event) override {
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        QElapsedTimer timer;
        timer.start();
        const bool result = QApplication::notify(receiver, event);
        const qint64 ns = timer.nsecsElapsed();
        if (recording && ns > 5'000'000) {
            slow.push_back({ns, QByteArray(receiver->metaObject()->className()) + " event " +
                                    QByteArray::number(int(event->type()))});
            std::sort(slow.begin(), slow.end(), [](const Slow& a, const Slow& b) { return a.ns > b.ns; });
            if (slow.size() > 5)
                slow.pop_back();
        }
        return result;
    }

    bool recording = false;
    std::vector<Slow> slow;
};

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("64 MiB files (CI)"));
    const QCommandLineOption sizeOption(QStringLiteral("size-mib"), QStringLiteral("file size"),
                                        QStringLiteral("n"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("temporary folder"),
                                       QStringLiteral("dir"));
    const QCommandLineOption seederPriority(QStringLiteral("seeder-priority"),
                                            QStringLiteral("low (default) or same"), QStringLiteral("p"),
                                            QStringLiteral("low"));
    parser.addOptions({quick, sizeOption, dirOption, seederPriority});
    parser.addHelpOption();
    parser.process(app);
    crypto::requireInitialized();

    const qint64 size = (parser.isSet(sizeOption) ? parser.value(sizeOption).toLongLong()
                         : parser.isSet(quick)    ? 64
                                                  : 1024) *
                        1024 * 1024;
    QTemporaryDir dir(QDir(parser.isSet(dirOption) ? parser.value(dirOption) : QDir::tempPath())
                          .filePath(QStringLiteral("bench_ui_stall-XXXXXX")));
    const QString offered = dir.filePath(QStringLiteral("seeder/Offered Film.mkv"));
    const QString mine = dir.filePath(QStringLiteral("me/My Archive.tar"));
    QDir().mkpath(QFileInfo(offered).path());
    QDir().mkpath(QFileInfo(mine).path());
    if (!bench::writePatternFile(offered, size).ok() || !writeOtherFile(mine, size)) {
        std::fprintf(stderr, "cannot write the test files under %s\n", qPrintable(dir.path()));
        return 1;
    }
    bench::readThrough(offered);
    bench::readThrough(mine);

    const bool seederLow = parser.value(seederPriority) != QStringLiteral("same");
    SeederThread seeder(dir.filePath(QStringLiteral("seeder")), seederLow);
    net::Endpoint seederEndpoint;
    seeder.call([&] {
        if (auto added = seeder.session().share(offered); !added)
            qFatal("seeder: %s", qPrintable(added.error()));
        seederEndpoint = seeder.session().localEndpoint();
    });
    std::optional<share::Link> link;
    if (!bench::runUntil(
            [&] {
                seeder.call([&] {
                    for (const session::SharedFileRow& file : seeder.session().sharedFiles())
                        if (file.state == session::SharedFileRow::State::Ready)
                            link = share::Link{file.contentId, QStringLiteral("Offered Film.mkv"), file.size};
                });
                return link.has_value();
            },
            120s)) {
        std::fprintf(stderr, "the seeder did not finish hashing\n");
        return 1;
    }

    SystemClock clock;
    crypto::SecureRandom random;
    session::SessionOptions options = optionsFor(dir.filePath(QStringLiteral("me")));
    options.bootstrap = {seederEndpoint};
    session::Session me(options, clock, random);
    if (auto started = me.start(); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error()));
        return 1;
    }
    me.join();
    ui::MainWindow window(me, ui::AppSettings{});
    window.resize(1100, 720);
    window.show();
    if (!bench::runUntil([&] { return me.isJoined() && !me.isAlone(); }, 20s)) {
        std::fprintf(stderr, "did not join the seeder's ring\n");
        return 1;
    }

    StallMeter meter;
    // Baseline: the window alone on a joined ring, views cycling as a person would click through them.
    QTimer viewCycle;
    int nextView = 0;
    QObject::connect(&viewCycle, &QTimer::timeout,
                     [&] { window.setView(ui::MainWindow::View(nextView++ % 4)); });
    viewCycle.start(250);
    meter.start();
    bench::runUntil([] { return false; }, 2s);
    meter.stop();
    const double idleWorst = meter.stallMs(1.0);
    const double idleP99 = meter.stallMs(0.99);
    const size_t idleTicks = meter.ticks();

    // The load: share a file and download another, at once.
    meter.start();
    app.recording = true;
    QElapsedTimer wall;
    wall.start();
    window.share({mine});
    window.startDownload(*link);
    qint64 hashedMs = -1;
    qint64 downloadedMs = -1;
    const bool done = bench::runUntil(
        [&] {
            if (hashedMs < 0) {
                const QList<session::SharedFileRow> files = me.sharedFiles();
                if (std::any_of(files.begin(), files.end(), [&](const session::SharedFileRow& file) {
                        return file.path == QFileInfo(mine).canonicalFilePath() &&
                               file.state == session::SharedFileRow::State::Ready;
                    }))
                    hashedMs = wall.elapsed();
            }
            if (downloadedMs < 0) {
                const ui::TransfersModel& model = window.transfersPage()->model();
                const int row = model.downloadRow(link->id);
                if (row >= 0 && model.rowAt(row).status.state == transfer::DownloadStatus::State::Finished)
                    downloadedMs = wall.elapsed();
            }
            return hashedMs >= 0 && downloadedMs >= 0;
        },
        600s, 5ms);
    meter.stop();
    viewCycle.stop();
    if (!done) {
        std::fprintf(stderr, "the share or the download did not finish in 10 minutes\n");
        return 1;
    }

    const double mib = double(size) / (1024.0 * 1024.0);
    std::printf(
        "Event-loop stalls of the desktop app (GUI thread, 2 ms timer, offscreen window, views cycling "
        "every 250 ms)\n");
    std::printf(
        "file size: %.0f MiB shared and %.0f MiB downloaded at once; seeder thread at %s priority\n\n", mib,
        mib, seederLow ? "low" : "the same");
    std::printf("%-44s %10s %12s %12s\n", "phase", "ticks", "p99 (ms)", "worst (ms)");
    std::printf("%-44s %10zu %12.2f %12.2f\n", "idle on the ring (2 s)", idleTicks, idleP99, idleWorst);
    std::printf("%-44s %10zu %12.2f %12.2f\n", "sharing + downloading", meter.ticks(), meter.stallMs(0.99),
                meter.stallMs(1.0));
    app.recording = false;
    for (const auto& slow : app.slow)
        std::printf("slow event: %.1f ms in %s\n", double(slow.ns) / 1e6, slow.what.constData());
    const StallMeter::Gap worst = meter.worst();
    std::printf(
        "\nthe worst gap (%.1f ms): the GUI thread ran %.1f ms, waited %.1f ms for a core, slept %.1f ms\n",
        double(worst.wallNs) / 1e6, double(worst.cpuNs) / 1e6, double(worst.queuedNs) / 1e6,
        double(worst.wallNs - worst.cpuNs - worst.queuedNs) / 1e6);
    std::printf("hashing finished after %.2f s (%.0f MB/s), download after %.2f s (%.0f MB/s)\n",
                double(hashedMs) / 1000.0, double(size) / 1e3 / double(std::max<qint64>(1, hashedMs)),
                double(downloadedMs) / 1000.0,
                double(size) / 1e3 / double(std::max<qint64>(1, downloadedMs)));
    std::printf("target: worst stall under 50 ms: %s\n", meter.stallMs(1.0) < 50.0 ? "met" : "NOT met");
    return 0;
}
