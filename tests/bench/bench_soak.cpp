// A long run of a whole network in one process, to find what only time shows: leaks, records lost to churn,
// downloads that stall, hangs. N real sessions (real UDP and TCP sockets on loopback, real files in a
// temporary folder): an anchor that stays up (as the desktop app does in demo mode) and N-1 demo peers
// (session/demonetwork) that share sample files and churn all the time, some leaving properly, some
// vanishing without a word, each coming back later with the same identity and port. Meanwhile:
//  - searches, from random peers that are up, for one or two words of a file whose sharer has been up longer
//    than a grace period; a search that does not list that file is a lost record, and is explained: did
//    churn touch the nodes that should hold the word's key, did every word's replicas answer, which live
//    nodes hold the record now;
//  - downloads of random files by random peers from whoever shares them, the bytes compared with the
//    sharer's file; failures and stalls (no verified byte for a while with a sharer up) are counted;
//  - the process's RSS sampled every few seconds; after the warm-up, its start, end, maximum and
//    least-squares slope are reported, with the ring's size and health.
// Exit status 1 on a crash-worthy finding: corrupt bytes, a record that a complete search missed although
// the key's owner holds it or that no live node holds (with no churn near the key to explain it), an event
// loop hung for 10 s, RSS growing in steady state (full runs only), or a run that did no work at all.
//
//   bench_soak                    50 nodes for 10 minutes (by hand)
//   bench_soak --quick            12 nodes for about 25 s (CI)
//   bench_soak --nodes N --minutes M --warmup-minutes W
//   bench_soak --dir DIR          where the temporary folder goes
//   bench_soak --csv FILE         also write the samples (time, RSS, nodes up, ring) as CSV
//   bench_soak --trace            print every node's ring pointers at each sample (stderr)

#include "base/random.h"
#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "dht/ringcheck.h"
#include "session/demonetwork.h"
#include "session/session.h"
#include "share/indexrecords.h"
#include "tests/support/sessioninternals.h"
#include "share/keywords.h"
#include "share/search.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <vector>

    using namespace ringshare;
using namespace std::chrono_literals;

namespace {

struct Settings {
    int nodes = 50;
    double minutes = 10;
    double warmupMinutes = 2.5;
    Millis grace{30'000};        // a sharer up this long must be found
    Millis churnNearKey{30'000}; // churn this close in time to a key's holders explains a miss
    Millis stallAfter{30'000};   // no verified byte this long, with a sharer up: a stall
    Millis giveUpAfter{240'000}; // a download still unfinished this long (while its peer was up): failed
    Millis searchTimeout{10'000};
    Millis sampleInterval{5000};
    Millis workInterval{1000}; // a new search and download are started this often (when below the caps)
    int parallelSearches = 3;
    int parallelDownloads = 3;
    session::DemoOptions demo;
    bool judgeRss = true;
    double maxRssSlopeKibPerMin = 512;
    QString csvPath;
    bool trace = false; // every sample: each node's state, predecessor and successors, on stderr
};

qint64 rssKib() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Least-squares slope of y over x.
double slopeOf(const std::vector<std::pair<double, double>>& points) {
    if (points.size() < 2)
        return 0;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& [x, y] : points) {
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double n = double(points.size());
    const double d = n * sxx - sx * sx;
    return d == 0 ? 0 : (n * sxy - sx * sy) / d;
}

QString stateName(transfer::DownloadStatus::State state) {
    using State = transfer::DownloadStatus::State;
    switch (state) {
    case State::FindingSources:
        return QStringLiteral("finding sources");
    case State::Downloading:
        return QStringLiteral("downloading");
    case State::Paused:
        return QStringLiteral("paused");
    case State::Finished:
        return QStringLiteral("finished");
    case State::Failed:
        return QStringLiteral("failed");
    case State::Checking:
        return QStringLiteral("checking");
    }
    return {};
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One sample file as the whole network knows it: every peer that shares a name shares the same bytes.
struct CatalogFile {
    QString name;
    QString sourcePath; // one sharer's copy, to check downloads against
    qint64 size = 0;
    std::optional<share::ContentId> id; // once a sharer has hashed it
    QList<int> sharers;                 // node slots
};

struct SearchRun {
    int slot = 0;
    int file = 0;
    QString query;
    Millis started{0};
    std::unique_ptr<share::Search> search;
};

struct DownloadRun {
    int slot = 0;
    int file = 0;
    Millis started{0};
    Millis lastProgress{0};
    Millis upTime{0}; // how long its peer has been up while it ran
    qint64 lastDone = 0;
    bool stalled = false;
    bool hadManifest = false; // a source had answered: the resume map was on disk
    int interruptions = 0;
};

struct ChurnEvent {
    Millis at{0};
    int slot = 0;
};

class Soak final {
public:
    explicit Soak(Settings settings, const QString& base)
        : m_s(std::move(settings)), m_base(base), m_random(0x50a4) {}

    int run();

private:
    [[nodiscard]] Millis now() const { return m_clock.now(); }
    [[nodiscard]] session::Session* sessionOf(int slot) const {
        return slot == 0 ? m_anchor.get() : m_demo->peer(slot - 1);
    }
    [[nodiscard]] bool isUp(int slot) const { return m_upSince[size_t(slot)].has_value(); }
    [[nodiscard]] Millis upFor(int slot) const {
        return isUp(slot) ? now() - *m_upSince[size_t(slot)] : Millis(-1);
    }
    [[nodiscard]] bool sharerUpFor(const CatalogFile& file, Millis least, int except = -1) const {
        return std::any_of(file.sharers.begin(), file.sharers.end(),
                           [&](int slot) { return slot != except && upFor(slot) >= least; });
    }
    int pick(int bound) { return int(m_random.bounded(quint64(std::max(1, bound)))); }

    void onStarted(int slot);
    void onStopped(int slot);
    void learnIds();
    void startSearch();
    void searchDone(SearchRun& run, bool complete);
    void startDownload();
    void downloadFinished(int slot, const share::ContentId& id, const QString& path);
    void downloadFailed(int slot, const share::ContentId& id, const QString& error);
    void watchDownloads();
    void sample();
    [[nodiscard]] bool churnNear(const NodeId& key, Millis from) const;
    [[nodiscard]] QString explainMiss(const SearchRun& run, bool complete, bool& crashWorthy);
    [[nodiscard]] int fileById(const share::ContentId& id) const;

    Settings m_s;
    QString m_base;
    SystemClock m_clock;
    SeededRandom m_random;
    std::unique_ptr<session::Session> m_anchor;
    std::unique_ptr<session::DemoNetwork> m_demo;
    std::vector<std::optional<Millis>> m_upSince;
    std::vector<NodeId> m_ids; // every slot's ID, known once it has started
    std::vector<CatalogFile> m_catalog;
    std::vector<std::unique_ptr<SearchRun>> m_searches;
    std::map<std::pair<int, share::ContentId>, DownloadRun> m_downloads;
    std::vector<ChurnEvent> m_churn;
    bool m_joinPhase = true;
    Millis m_steadyFrom{0};

    // Figures.
    int m_leaves = 0, m_crashes = 0, m_rejoins = 0;
    int m_searchesDone = 0, m_found = 0, m_notExpected = 0, m_abandonedSearches = 0;
    int m_lostExplained = 0, m_lostUnexplained = 0, m_incompleteSearches = 0;
    QStringList m_missNotes;
    int m_downloadsDone = 0, m_downloadsFailed = 0, m_forgotten = 0, m_corrupt = 0, m_stalls = 0,
        m_interrupted = 0;
    qint64 m_bytesVerified = 0;
    QStringList m_failureNotes;
    QStringList m_stallNotes;
    int m_ringMin = INT_MAX, m_ringMax = 0, m_ringSamples = 0, m_ringHealthy = 0, m_ringExact = 0;
    int m_upMin = INT_MAX, m_upMax = 0;
    std::vector<std::pair<double, double>> m_rss; // (minutes, KiB), every sample
    std::vector<QString> m_csvRows;
    qint64 m_worstLoopGapMs = 0;
    int m_warnings = 0;
};

void Soak::onStarted(int slot) {
    session::Session* session = sessionOf(slot);
    m_upSince[size_t(slot)] = now();
    m_ids[size_t(slot)] = session->id();
    if (!m_joinPhase) {
        ++m_rejoins;
        m_churn.push_back({now(), slot});
    }
    QObject::connect(
        session, &session::Session::downloadFinished, session,
        [this, slot](const share::ContentId& id, const QString& path) { downloadFinished(slot, id, path); });
    QObject::connect(
        session, &session::Session::downloadFailed, session,
        [this, slot](const share::ContentId& id, const QString& error) { downloadFailed(slot, id, error); });
}

void Soak::onStopped(int slot) {
    m_upSince[size_t(slot)].reset();
    m_churn.push_back({now(), slot});
    // The searches it ran go with it (they use its node); its downloads wait for it to come back.
    const auto gone = std::remove_if(m_searches.begin(), m_searches.end(),
                                     [&](const auto& run) { return run->slot == slot; });
    m_abandonedSearches += int(m_searches.end() - gone);
    m_searches.erase(gone, m_searches.end());
    for (auto& [key, run] : m_downloads)
        if (key.first == slot) {
            ++run.interruptions;
            ++m_interrupted;
        }
}

void Soak::learnIds() {
    for (int slot = 0; slot < m_s.nodes; ++slot) {
        session::Session* session = isUp(slot) ? sessionOf(slot) : nullptr;
        if (!session)
            continue;
        for (const session::SharedFileRow& file : session->sharedFiles())
            if (file.state == session::SharedFileRow::State::Ready)
                for (CatalogFile& entry : m_catalog)
                    if (!entry.id && entry.sharers.contains(slot) &&
                        QFileInfo(file.path).fileName() == entry.name)
                        entry.id = file.contentId;
    }
}

void Soak::startSearch() {
    QList<int> searchers;
    for (int slot = 0; slot < m_s.nodes; ++slot)
        if (isUp(slot) && sessionOf(slot)->isJoined())
            searchers << slot;
    QList<int> targets;
    for (int i = 0; i < int(m_catalog.size()); ++i)
        if (m_catalog[size_t(i)].id && sharerUpFor(m_catalog[size_t(i)], m_s.grace))
            targets << i;
    if (searchers.isEmpty() || targets.isEmpty())
        return;
    auto run = std::make_unique<SearchRun>();
    run->slot = searchers[pick(int(searchers.size()))];
    run->file = targets[pick(int(targets.size()))];
    // One or two of the name's words, never "sample", which every name holds.
    QStringList words = share::keywordsOf(m_catalog[size_t(run->file)].name);
    words.removeAll(QStringLiteral("sample"));
    for (int i = int(words.size()) - 1; i > 0; --i)
        words.swapItemsAt(i, pick(i + 1));
    run->query = words.mid(0, 1 + pick(2)).join(QLatin1Char(' '));
    run->started = now();
    run->search = sessionOf(run->slot)->search(run->query, m_s.searchTimeout);
    SearchRun* raw = run.get();
    QObject::connect(run->search.get(), &share::Search::finished, run->search.get(),
                     [this, raw](bool complete) {
                         // Not from inside the search's own signal: it is destroyed here.
                         QMetaObject::invokeMethod(
                             QCoreApplication::instance(),
                             [this, raw, complete] {
                                 const auto it = std::find_if(m_searches.begin(), m_searches.end(),
                                                              [&](const auto& r) { return r.get() == raw; });
                                 if (it == m_searches.end())
                                     return; // its peer went away meanwhile
                                 searchDone(*raw, complete);
                                 m_searches.erase(it);
                             },
                             Qt::QueuedConnection);
                     });
    run->search->start();
    m_searches.push_back(std::move(run));
}

bool Soak::churnNear(const NodeId& key, Millis from) const {
    // The key's holders among every node there is (up or not): its owner and the replicationFactor - 1 after
    // it, plus one more either side, whose coming and going moves the key between them.
    std::vector<std::pair<NodeId, int>> ring;
    for (int slot = 0; slot < m_s.nodes; ++slot)
        if (!m_ids[size_t(slot)].isZero())
            ring.push_back({m_ids[size_t(slot)] - key, slot}); // distance clockwise from the key
    std::sort(ring.begin(), ring.end());
    QList<int> near;
    const int span = m_s.demo.chord.replicationFactor + 1;
    for (int i = 0; i < std::min<int>(span, int(ring.size())); ++i)
        near << ring[size_t(i)].second;
    if (!ring.empty())
        near << ring.back().second; // the one before the key
    return std::any_of(m_churn.begin(), m_churn.end(), [&](const ChurnEvent& event) {
        return event.at >= from && near.contains(event.slot);
    });
}

QString Soak::explainMiss(const SearchRun& run, bool complete, bool& crashWorthy) {
    const CatalogFile& file = m_catalog[size_t(run.file)];
    const qint64 nowMs = m_clock.unixMillis();
    QStringList parts;
    bool heldNowhere = false, ownerLacks = false, churn = false;
    for (const QString& word : share::queryWords(run.query)) {
        const NodeId key = share::keywordKey(word);
        int holders = 0;
        std::optional<std::pair<NodeId, int>> owner;
        for (int slot = 0; slot < m_s.nodes; ++slot) {
            session::Session* session = isUp(slot) ? sessionOf(slot) : nullptr;
            if (!session || !session->isJoined())
                continue;
            const NodeId distance = m_ids[size_t(slot)] - key;
            if (!owner || distance < owner->first)
                owner = {distance, slot};
            for (const dht::Record& record :
                 session::SessionInternals::node(*session).store().get(key, nowMs))
                if (auto value = share::KeywordValue::decode(record.value); value && value->id == *file.id) {
                    ++holders;
                    break;
                }
        }
        bool ownerHolds = false;
        if (owner)
            for (const dht::Record& record :
                 session::SessionInternals::node(*sessionOf(owner->second)).store().get(key, nowMs))
                if (auto value = share::KeywordValue::decode(record.value); value && value->id == *file.id)
                    ownerHolds = true;
        const bool near = churnNear(key, run.started - m_s.churnNearKey);
        heldNowhere |= holders == 0;
        ownerLacks |= !ownerHolds;
        churn |= near;
        parts << QStringLiteral("\"%1\": held by %2 live node(s), owner %3 it, churn near the key: %4")
                     .arg(word)
                     .arg(holders)
                     .arg(ownerHolds ? QStringLiteral("holds") : QStringLiteral("lacks"))
                     .arg(near ? QStringLiteral("yes") : QStringLiteral("no"));
    }
    QString verdict;
    if (churn) {
        verdict = QStringLiteral("explained: churn among the key's holders");
    } else if (!complete) {
        verdict = QStringLiteral("explained: a word's replicas did not all answer in time (load)");
    } else {
        crashWorthy = true;
        verdict = heldNowhere  ? QStringLiteral("UNEXPLAINED: no live node holds the record")
                  : ownerLacks ? QStringLiteral("UNEXPLAINED: the owner lacks it, other replicas hold it")
                               : QStringLiteral("UNEXPLAINED: held by the owner, not returned");
    }
    return QStringLiteral("t=%1s node %2 searched \"%3\" for %4 (%5): %6; %7")
        .arg(double((run.started - m_steadyFrom).count()) / 1000.0, 0, 'f', 1)
        .arg(run.slot)
        .arg(run.query, file.name, complete ? QStringLiteral("complete") : QStringLiteral("incomplete"),
             parts.join(QStringLiteral("; ")), verdict);
}

void Soak::searchDone(SearchRun& run, bool complete) {
    ++m_searchesDone;
    if (!complete)
        ++m_incompleteSearches;
    const CatalogFile& file = m_catalog[size_t(run.file)];
    const QList<share::SearchResult> results = run.search->results();
    if (std::any_of(results.begin(), results.end(),
                    [&](const share::SearchResult& result) { return result.id == *file.id; })) {
        ++m_found;
        return;
    }
    // Expected at the start (a sharer up for the grace period then); the records outlive the sharer.
    bool crashWorthy = false;
    const QString note = explainMiss(run, complete, crashWorthy);
    (crashWorthy ? m_lostUnexplained : m_lostExplained) += 1;
    m_missNotes << note;
}

int Soak::fileById(const share::ContentId& id) const {
    for (int i = 0; i < int(m_catalog.size()); ++i)
        if (m_catalog[size_t(i)].id == id)
            return i;
    return -1;
}

void Soak::startDownload() {
    QList<int> downloaders;
    for (int slot = 0; slot < m_s.nodes; ++slot)
        if (isUp(slot) && sessionOf(slot)->isJoined())
            downloaders << slot;
    if (downloaders.isEmpty())
        return;
    const int slot = downloaders[pick(int(downloaders.size()))];
    QList<int> files;
    for (int i = 0; i < int(m_catalog.size()); ++i) {
        const CatalogFile& file = m_catalog[size_t(i)];
        if (file.id && !file.sharers.contains(slot) && sharerUpFor(file, m_s.grace, slot) &&
            !m_downloads.contains({slot, *file.id}))
            files << i;
    }
    if (files.isEmpty())
        return;
    const int index = files[pick(int(files.size()))];
    const CatalogFile& file = m_catalog[size_t(index)];
    share::Link link;
    link.id = *file.id;
    link.name = file.name;
    link.size = file.size;
    if (auto started = sessionOf(slot)->download(link); !started) {
        ++m_downloadsFailed;
        m_failureNotes
            << QStringLiteral("node %1 could not start %2: %3").arg(slot).arg(file.name, started.error());
        return;
    }
    DownloadRun run;
    run.slot = slot;
    run.file = index;
    run.started = run.lastProgress = now();
    m_downloads[{slot, *file.id}] = run;
}

void Soak::downloadFinished(int slot, const share::ContentId& id, const QString& path) {
    const auto it = m_downloads.find({slot, id});
    const int index = fileById(id);
    if (it != m_downloads.end() && index >= 0) {
        const CatalogFile& file = m_catalog[size_t(index)];
        const QByteArray got = readAll(path);
        if (got.size() == file.size && got == readAll(file.sourcePath)) {
            ++m_downloadsDone;
            m_bytesVerified += got.size();
        } else {
            ++m_corrupt;
            m_failureNotes << QStringLiteral("node %1 got %2 with WRONG BYTES (%3 of %4)")
                                  .arg(slot)
                                  .arg(file.name)
                                  .arg(got.size())
                                  .arg(file.size);
        }
        m_downloads.erase(it);
    }
    // Unshare and delete it, so that it can be downloaded again; not from inside the manager's signal.
    QPointer<session::Session> session(sessionOf(slot));
    const QString canonical = QFileInfo(path).canonicalFilePath();
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [session, canonical] {
            if (session)
                session->unshare(canonical);
            QFile::remove(canonical);
        },
        Qt::QueuedConnection);
}

void Soak::downloadFailed(int slot, const share::ContentId& id, const QString& error) {
    const auto it = m_downloads.find({slot, id});
    if (it == m_downloads.end())
        return;
    ++m_downloadsFailed;
    const int index = it->second.file;
    m_failureNotes << QStringLiteral("node %1 failed %2 after %3 s: %4")
                          .arg(slot)
                          .arg(m_catalog[size_t(index)].name)
                          .arg((now() - it->second.started).count() / 1000)
                          .arg(error);
    m_downloads.erase(it);
    QPointer<session::Session> session(sessionOf(slot));
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [session, id] {
            if (session)
                session->cancelDownload(id);
        },
        Qt::QueuedConnection);
}

void Soak::watchDownloads() {
    for (auto it = m_downloads.begin(); it != m_downloads.end();) {
        DownloadRun& run = it->second;
        const CatalogFile& file = m_catalog[size_t(run.file)];
        session::Session* session = isUp(run.slot) ? sessionOf(run.slot) : nullptr;
        if (!session) {
            run.lastProgress = now(); // time away does not count
            ++it;
            continue;
        }
        run.upTime += m_s.workInterval;
        const auto status = session->downloadStatus(it->first.second);
        if (!status && upFor(run.slot) > 5s) {
            // Its peer came back and did not pick it up again. Before any source has sent the manifest
            // there is no resume map: a download that never began is not kept across a restart.
            if (run.hadManifest) {
                ++m_downloadsFailed;
                m_failureNotes << QStringLiteral("node %1 lost its download of %2 across a restart")
                                      .arg(run.slot)
                                      .arg(file.name);
            } else {
                ++m_forgotten;
            }
            it = m_downloads.erase(it);
            continue;
        }
        if (status && status->state != transfer::DownloadStatus::State::FindingSources)
            run.hadManifest = true;
        if (status && status->done > run.lastDone) {
            run.lastDone = status->done;
            run.lastProgress = now();
            run.stalled = false;
        }
        const bool sourceUp = sharerUpFor(file, m_s.grace, run.slot);
        if (!sourceUp)
            run.lastProgress = now(); // nobody to download from: waiting, not stalled
        if (!run.stalled && now() - run.lastProgress >= m_s.stallAfter) {
            run.stalled = true;
            ++m_stalls;
            QStringList sharers;
            for (int slot : file.sharers)
                if (slot != run.slot)
                    sharers << QStringLiteral("%1 (%2)").arg(slot).arg(
                        isUp(slot) ? QStringLiteral("up %1 s").arg(upFor(slot).count() / 1000)
                                   : QStringLiteral("down"));
            m_stallNotes << QStringLiteral("t=%1s node %2 on %3: state %4, %5 of %6 bytes, %7 source(s) "
                                           "connected; sharers %8")
                                .arg(double((now() - m_steadyFrom).count()) / 1000.0, 0, 'f', 1)
                                .arg(run.slot)
                                .arg(file.name)
                                .arg(status ? stateName(status->state) : QStringLiteral("none"))
                                .arg(status ? status->done : 0)
                                .arg(file.size)
                                .arg(status ? status->sources : 0)
                                .arg(sharers.join(QStringLiteral(", ")));
        }
        if (run.upTime >= m_s.giveUpAfter) {
            ++m_downloadsFailed;
            m_failureNotes << QStringLiteral(
                                  "node %1 gave up on %2 after %3 s up: %4 of %5 bytes, %6 source(s)")
                                  .arg(run.slot)
                                  .arg(file.name)
                                  .arg(run.upTime.count() / 1000)
                                  .arg(status ? status->done : 0)
                                  .arg(file.size)
                                  .arg(status ? status->sources : 0);
            session->cancelDownload(it->first.second);
            it = m_downloads.erase(it);
            continue;
        }
        ++it;
    }
}

void Soak::sample() {
    const double minutes = double(now().count()) / 60'000.0;
    const qint64 rss = rssKib();
    QList<dht::RingNodeView> views;
    int up = 0;
    for (int slot = 0; slot < m_s.nodes; ++slot) {
        session::Session* session = isUp(slot) ? sessionOf(slot) : nullptr;
        if (!session)
            continue;
        ++up;
        const dht::ChordNode& node = session::SessionInternals::node(*session);
        if (!node.isJoined())
            continue;
        dht::RingNodeView view{node.id(), std::nullopt, {}};
        if (node.predecessor())
            view.predecessor = node.predecessor()->id;
        for (const auto& successor : node.successors().entries())
            view.successors.append(successor.id);
        views.append(view);
    }
    const dht::RingCheck check = dht::checkRing(views, m_s.demo.chord.successorListSize);
    if (!m_joinPhase) {
        m_rss.push_back({minutes, double(rss)});
        ++m_ringSamples;
        m_ringHealthy += check.invariantsHold() ? 1 : 0;
        m_ringExact += check.exact() ? 1 : 0;
        m_ringMin = std::min(m_ringMin, check.cycleLength);
        m_ringMax = std::max(m_ringMax, check.cycleLength);
        m_upMin = std::min(m_upMin, up);
        m_upMax = std::max(m_upMax, up);
    }
    if (m_s.trace) {
        QStringList states;
        for (int slot = 0; slot < m_s.nodes; ++slot) {
            session::Session* session = isUp(slot) ? sessionOf(slot) : nullptr;
            if (!session) {
                states << QStringLiteral("%1:down").arg(slot);
                continue;
            }
            const dht::ChordNode& node = session::SessionInternals::node(*session);
            QStringList succ;
            for (const auto& s : node.successors().entries())
                succ << s.id.shortHex().left(4);
            states << QStringLiteral("%1:%2 st%3 p%4 s[%5]")
                          .arg(slot)
                          .arg(node.id().shortHex().left(4))
                          .arg(int(node.state()))
                          .arg(node.predecessor() ? node.predecessor()->id.shortHex().left(4)
                                                  : QStringLiteral("-"))
                          .arg(succ.join(QLatin1Char(',')));
        }
        std::fprintf(stderr, "t=%.1f %s\n  %s\n", minutes * 60, qPrintable(check.problem),
                     qPrintable(states.join(QStringLiteral("\n  "))));
    }
    m_csvRows.push_back(QStringLiteral("%1,%2,%3,%4,%5,%6")
                            .arg(minutes * 60, 0, 'f', 1)
                            .arg(rss)
                            .arg(up)
                            .arg(views.size())
                            .arg(check.cycleLength)
                            .arg(check.invariantsHold() ? 1 : 0));
}

int Soak::run() {
    m_upSince.resize(size_t(m_s.nodes));
    m_ids.resize(size_t(m_s.nodes));

    session::SessionOptions anchor;
    anchor.dataDir = QDir(m_base).filePath(QStringLiteral("anchor/state"));
    anchor.downloadDir = QDir(m_base).filePath(QStringLiteral("anchor/downloads"));
    anchor.bind = QHostAddress(QHostAddress::LocalHost);
    anchor.lan = false;
    anchor.chord = m_s.demo.chord;
    anchor.housekeepingInterval = 5s;
    m_anchor = std::make_unique<session::Session>(anchor, m_clock, m_random);
    if (auto started = m_anchor->start(); !started) {
        std::fprintf(stderr, "bench_soak: the anchor cannot start: %s\n", qPrintable(started.error()));
        return 1;
    }
    m_anchor->join();
    onStarted(0);

    session::DemoOptions demo = m_s.demo;
    demo.peers = m_s.nodes - 1;
    demo.baseDir = QDir(m_base).filePath(QStringLiteral("peers"));
    demo.bootstrap = m_anchor->localEndpoint();
    m_demo = std::make_unique<session::DemoNetwork>(demo, m_clock, m_random);
    QObject::connect(m_demo.get(), &session::DemoNetwork::peerStarted,
                     [this](int index) { onStarted(index + 1); });
    QObject::connect(m_demo.get(), &session::DemoNetwork::peerCrashed, [this](int) { ++m_crashes; });
    QObject::connect(m_demo.get(), &session::DemoNetwork::peerStopped, [this](int index) {
        onStopped(index + 1);
        ++m_leaves;
    });
    QObject::connect(m_demo.get(), &session::DemoNetwork::warning, [this](const QString&) { ++m_warnings; });
    m_demo->start();
    for (int index = 0; index < demo.peers; ++index)
        for (const QString& path : m_demo->sampleFiles(index)) {
            const QString name = QFileInfo(path).fileName();
            auto it = std::find_if(m_catalog.begin(), m_catalog.end(),
                                   [&](const CatalogFile& file) { return file.name == name; });
            if (it == m_catalog.end()) {
                m_catalog.push_back({name, path, QFileInfo(path).size(), std::nullopt, {}});
                it = m_catalog.end() - 1;
            }
            it->sharers << index + 1;
        }

    QElapsedTimer wall;
    wall.start();
    const Millis total(qint64(m_s.minutes * 60'000));
    QTimer work;
    QObject::connect(&work, &QTimer::timeout, [&] {
        if (m_joinPhase && m_demo->peer(demo.peers - 1)) {
            m_joinPhase = false; // every peer has started once: churn begins now
            m_steadyFrom = now();
        }
        learnIds();
        watchDownloads();
        if (int(m_searches.size()) < m_s.parallelSearches)
            startSearch();
        if (int(m_downloads.size()) < m_s.parallelDownloads)
            startDownload();
    });
    work.start(int(m_s.workInterval.count()));
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { sample(); });
    sampler.start(int(m_s.sampleInterval.count()));
    // Every gap between ticks of a 100 ms timer: the longest is the longest the event loop was stuck.
    QTimer loopMeter;
    qint64 lastTick = 0;
    QElapsedTimer loopClock;
    loopClock.start();
    QObject::connect(&loopMeter, &QTimer::timeout, [&] {
        const qint64 t = loopClock.elapsed();
        if (!m_joinPhase)
            m_worstLoopGapMs = std::max(m_worstLoopGapMs, t - lastTick - 100);
        lastTick = t;
    });
    loopMeter.start(100);
    QTimer end;
    end.setSingleShot(true);
    QObject::connect(&end, &QTimer::timeout, QCoreApplication::instance(), &QCoreApplication::quit);
    end.start(int(total.count()));
    QCoreApplication::exec();
    work.stop();
    sampler.stop();
    sample();
    const int unfinished = int(m_downloads.size());
    const int searchesInFlight = int(m_searches.size());

    // The figures.
    const double warmupEnd = double(m_steadyFrom.count()) / 60'000.0 + m_s.warmupMinutes;
    std::vector<std::pair<double, double>> steady;
    for (const auto& point : m_rss)
        if (point.first >= warmupEnd)
            steady.push_back(point);
    double rssMax = 0;
    for (const auto& point : steady)
        rssMax = std::max(rssMax, point.second);
    const double slope = slopeOf(steady);
    const double steadyMinutes = steady.size() < 2 ? 0 : steady.back().first - steady.front().first;

    std::printf("Soak: %d nodes (1 anchor + %d churning demo peers) on loopback, %.1f min, load %s\n",
                m_s.nodes, m_s.nodes - 1, double(wall.elapsed()) / 60'000.0,
                qPrintable(QString::fromLatin1(readAll(QStringLiteral("/proc/loadavg")).trimmed())));
    std::printf("churn every %lld ms, back after %lld ms +-%.0f%%, %.0f%% vanish abruptly; grace %lld s\n\n",
                qint64(demo.churnInterval.count()), qint64(demo.rejoinDelay.count()), demo.rejoinSpread * 100,
                demo.crashShare * 100, qint64(m_s.grace.count() / 1000));
    const auto row = [](const char* what, const QString& value) {
        std::printf("%-50s %s\n", what, qPrintable(value));
    };
    const auto num = [](qint64 n) { return QString::number(n); };
    row("searches done", num(m_searchesDone));
    row("  found the file searched for", num(m_found));
    row("  lost records, explained (see below)", num(m_lostExplained));
    row("  lost records, UNEXPLAINED", num(m_lostUnexplained));
    row("  incomplete (a word's replicas unanswered)", num(m_incompleteSearches));
    row("  abandoned (searcher left) / still running",
        num(m_abandonedSearches) + " / " + num(searchesInFlight));
    row("downloads done (bytes verified)", num(m_downloadsDone) + " (" + num(m_bytesVerified) + ")");
    row("  failed", num(m_downloadsFailed));
    row("  corrupt", num(m_corrupt));
    row(qPrintable(
            QStringLiteral("  stalls (%1 s without a byte, a sharer up)").arg(m_s.stallAfter.count() / 1000)),
        num(m_stalls));
    row("  interrupted by their peer's churn", num(m_interrupted));
    row("  unfinished at the end", num(unfinished));
    row("  dropped by a restart before any source answered", num(m_forgotten));
    row("churn: leaves / crashes / rejoins",
        num(m_leaves - m_crashes) + " / " + num(m_crashes) + " / " + num(m_rejoins));
    row("nodes up min / max", num(m_upMin == INT_MAX ? 0 : m_upMin) + " / " + num(m_upMax));
    row("ring size (successor cycle) min / max",
        num(m_ringMin == INT_MAX ? 0 : m_ringMin) + " / " + num(m_ringMax));
    row("ring samples with Chord invariants holding", num(m_ringHealthy) + " of " + num(m_ringSamples));
    row("  and every pointer exact (no stale entry)", num(m_ringExact) + " of " + num(m_ringSamples));
    row("event loop: longest stall (ms)", num(m_worstLoopGapMs));
    row("warnings from the peers", num(m_warnings));
    std::printf("\nRSS after a %.1f min warm-up, over %.1f min of steady state (%zu samples):\n",
                m_s.warmupMinutes, steadyMinutes, steady.size());
    if (!steady.empty()) {
        row("  at the start of steady state (KiB)", num(qint64(steady.front().second)));
        row("  at the end (KiB)", num(qint64(steady.back().second)));
        row("  max (KiB)", num(qint64(rssMax)));
        row("  least-squares slope (KiB/min)", QString::number(slope, 'f', 1));
        // A leak grows at the same pace throughout; memory still settling after the warm-up does not.
        const std::vector<std::pair<double, double>> lateHalf(steady.begin() + qsizetype(steady.size() / 2),
                                                              steady.end());
        row("  slope over its second half (KiB/min)", QString::number(slopeOf(lateHalf), 'f', 1));
    }
    for (const QString& note : std::as_const(m_missNotes).mid(0, 40))
        std::printf("lost: %s\n", qPrintable(note));
    for (const QString& note : std::as_const(m_failureNotes).mid(0, 40))
        std::printf("download: %s\n", qPrintable(note));
    for (const QString& note : std::as_const(m_stallNotes).mid(0, 40))
        std::printf("stall: %s\n", qPrintable(note));

    QStringList verdicts;
    if (m_corrupt > 0)
        verdicts << QStringLiteral("downloads with wrong bytes");
    if (m_lostUnexplained > 0)
        verdicts << QStringLiteral("lost records churn does not explain");
    if (m_worstLoopGapMs > 10'000)
        verdicts << QStringLiteral("the event loop hung");
    if (m_found == 0 || m_downloadsDone == 0)
        verdicts << QStringLiteral("no search found anything or no download finished");
    if (m_s.judgeRss && steadyMinutes >= 3 && slope > m_s.maxRssSlopeKibPerMin)
        verdicts
            << QStringLiteral("RSS grows in steady state (over %1 KiB/min)").arg(m_s.maxRssSlopeKibPerMin);
    std::printf("\nverdict: %s\n",
                verdicts.isEmpty() ? "pass" : qPrintable(verdicts.join(QStringLiteral("; "))));

    if (!m_s.csvPath.isEmpty()) {
        QFile file(m_s.csvPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            std::fprintf(stderr, "bench_soak: cannot write %s\n", qPrintable(m_s.csvPath));
        } else {
            file.write("seconds,rss_kib,nodes_up,nodes_joined,ring_cycle,invariants_hold\n");
            for (const QString& line : m_csvRows)
                file.write(line.toUtf8() + '\n');
        }
    }
    m_searches.clear();
    m_demo.reset();
    m_anchor.reset();
    return verdicts.isEmpty() ? 0 : 1;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("12 nodes for about 25 s (CI)"));
    const QCommandLineOption nodes(QStringLiteral("nodes"), QStringLiteral("nodes in all"),
                                   QStringLiteral("n"));
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("length of the run"),
                                     QStringLiteral("m"));
    const QCommandLineOption warmup(QStringLiteral("warmup-minutes"),
                                    QStringLiteral("RSS is judged after this, from the end of the join"),
                                    QStringLiteral("m"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("temporary folder"),
                                 QStringLiteral("dir"));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 QStringLiteral("Also write the samples as CSV to this file."),
                                 QStringLiteral("file"));
    const QCommandLineOption trace(
        QStringLiteral("trace"), QStringLiteral("Print every node's ring pointers at each sample (stderr)."));
    parser.addOptions({quick, nodes, minutes, warmup, dir, csv, trace});
    parser.addHelpOption();
    parser.process(app);
    crypto::requireInitialized();
    // The peers' warnings (a source gone, a node not answering) are the churn itself: counted, not printed.
    QLoggingCategory::setFilterRules(QStringLiteral("ringshare.*.warning=false\nringshare.*.info=false"));

    Settings settings;
    settings.demo.joinInterval = 300ms;
    settings.demo.churnInterval = 5s;
    settings.demo.rejoinDelay = 15s;
    settings.demo.rejoinSpread = 0.5;
    settings.demo.crashShare = 0.5;
    settings.demo.filesPerPeer = 2;
    settings.demo.maxFileSize = 1024 * 1024;
    if (parser.isSet(quick)) {
        settings.nodes = 12;
        settings.minutes = 0.45;
        settings.warmupMinutes = 0.1;
        settings.judgeRss = false;
        settings.grace = 8s;
        settings.churnNearKey = 10s;
        settings.stallAfter = 10s;
        settings.giveUpAfter = 60s;
        settings.searchTimeout = 6s;
        settings.sampleInterval = 1s;
        settings.workInterval = 500ms;
        settings.demo.joinInterval = 150ms;
        settings.demo.churnInterval = 1500ms;
        settings.demo.rejoinDelay = 4s;
        settings.demo.maxFileSize = 256 * 1024;
    }
    if (parser.isSet(nodes))
        settings.nodes = std::max(3, parser.value(nodes).toInt());
    if (parser.isSet(minutes))
        settings.minutes = parser.value(minutes).toDouble();
    settings.csvPath = parser.value(csv);
    settings.trace = parser.isSet(trace);
    if (parser.isSet(warmup))
        settings.warmupMinutes = parser.value(warmup).toDouble();

    QTemporaryDir base(QDir(parser.isSet(dir) ? parser.value(dir) : QDir::tempPath())
                           .filePath(QStringLiteral("bench_soak-XXXXXX")));
    if (!base.isValid()) {
        std::fprintf(stderr, "bench_soak: cannot create a temporary folder\n");
        return 1;
    }
    Soak soak(settings, base.path());
    return soak.run();
}
