// The whole-session simulation: joining, sharing, searching and downloading, step by step on the clock.
#include "sessionswarm.h"

#include "crypto/identity.h"
#include "dht/ringcheck.h"
#include "net/simstreams.h"
#include "share/link.h"
#include "share/manifest.h"
#include "share/search.h"
#include "tests/support/sessioninternals.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <algorithm>

namespace ringshare::session {

namespace {

// Words the file names are made of; each name also carries a tag of its own ("f07") so a search can ask
// for exactly one content and still go through the common words' records.
const char* const kWords[] = {"harbor", "lantern", "meadow", "quartz", "signal", "timber",
                              "violet", "winter",  "anchor", "copper", "falcon", "garden"};

share::ContentId contentIdOf(const QByteArray& bytes) {
    const int chunk = share::Manifest::chunkSizeFor(bytes.size());
    QByteArray hashes;
    for (qint64 at = 0; at < bytes.size(); at += chunk)
        hashes += share::Manifest::hashChunk(
            QByteArrayView(bytes).sliced(at, qMin<qint64>(chunk, bytes.size() - at)));
    return share::Manifest::contentIdFor(bytes.size(), hashes);
}

QString timeOf(Millis at) {
    return QStringLiteral("%1.%2 s").arg(at.count() / 1000).arg(at.count() % 1000, 3, 10, QLatin1Char('0'));
}

} // namespace

struct SessionSwarm::Member {
    int index = 0;
    std::unique_ptr<SeededRandom> random;
    std::unique_ptr<Session> session;
    QString root;      // its folder: data/, downloads/, shared/
    QList<int> shares; // file numbers it shares
};

struct SessionSwarm::Fetch {
    int member = 0;
    int file = 0;
    share::ContentId want;
    QString who; // the downloader, as the transcript names it
    QString query;
    std::unique_ptr<Timer> start;
    std::unique_ptr<share::Search> search;
    bool done = false;
};

SessionSwarm::SessionSwarm(SessionSwarmOptions options)
    : m_options(options), m_random(options.seed), m_network(m_clock, options.seed) {}

SessionSwarm::~SessionSwarm() {
    // Searches and sessions hold timers on the clock and transports on the network.
    m_fetches.clear();
    m_members.clear();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void SessionSwarm::say(const QString& line) {
    m_report.transcript.append(QStringLiteral("[%1] %2").arg(timeOf(m_clock.now() - m_start), line));
}

void SessionSwarm::step(Millis span) {
    m_clock.advance(span);
    // What the parts hand to the event loop (a connection closed from a slot, deleted later): run here,
    // in order, since no event loop turns.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

bool SessionSwarm::runUntil(const std::function<bool()>& done, Millis limit) {
    const Millis end = m_clock.now() + limit;
    while (!done()) {
        if (m_clock.now() >= end)
            return false;
        step(Millis(50));
    }
    return true;
}

void SessionSwarm::addSession(int index) {
    auto member = std::make_unique<Member>();
    member->index = index;
    member->random = std::make_unique<SeededRandom>(m_random.next64());
    member->root = m_dir.filePath(QStringLiteral("s%1").arg(index, 3, 10, QLatin1Char('0')));
    const QString dataDir = member->root + QStringLiteral("/data");
    QDir().mkpath(dataDir);
    QDir().mkpath(member->root + QStringLiteral("/shared"));
    QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    // Identities from the seed, so the ring's shape is the seed's too.
    crypto::Identity::Seed seed;
    for (size_t i = 0; i < seed.size(); i += 8) {
        const quint64 value = m_random.next64();
        for (size_t b = 0; b < 8; ++b)
            seed[i + b] = std::uint8_t(value >> (8 * b));
    }
    if (auto saved = crypto::Identity::fromSeed(seed).save(dataDir + QStringLiteral("/identity.key")); !saved)
        qFatal("cannot save an identity: %s", qPrintable(saved.error()));

    SessionOptions options;
    options.dataDir = dataDir;
    options.downloadDir = member->root + QStringLiteral("/downloads");
    options.lan = false;
    options.work = WorkMode::OnClock;
    options.rescanInterval = Millis(0);
    if (!m_members.empty())
        options.bootstrap = {m_members.front()->session->localEndpoint()};

    SessionTransports transports;
    transports.datagrams = m_network.createTransport();
    transports.streams = m_network.createStreamTransport(transports.datagrams->localEndpoint());
    member->session =
        std::make_unique<Session>(std::move(options), std::move(transports), m_clock, *member->random);
    if (auto started = member->session->start(); !started)
        qFatal("session %d does not start: %s", index, qPrintable(started.error()));
    member->session->join();
    m_members.push_back(std::move(member));
}

bool SessionSwarm::ringExact() const {
    QList<dht::RingNodeView> views;
    for (const auto& member : m_members) {
        const dht::ChordNode& node = SessionInternals::node(*member->session);
        dht::RingNodeView view;
        view.id = node.id();
        if (node.predecessor())
            view.predecessor = node.predecessor()->id;
        for (const dht::NodeRef& successor : node.successors().entries())
            view.successors.append(successor.id);
        views.append(view);
    }
    const int listSize = SessionInternals::node(*m_members.front()->session).config().successorListSize;
    return dht::checkRing(views, listSize).exact();
}

void SessionSwarm::joinAll() {
    for (int i = 0; i < m_options.sessions; ++i) {
        addSession(i);
        step(m_options.joinSpacing);
    }
    const auto allJoined = [this] {
        return std::all_of(m_members.begin(), m_members.end(),
                           [](const auto& member) { return member->session->isJoined(); });
    };
    runUntil(allJoined, Millis(120'000));
    m_report.joined = int(std::count_if(m_members.begin(), m_members.end(),
                                        [](const auto& member) { return member->session->isJoined(); }));
    say(QStringLiteral("%1 of %2 sessions joined").arg(m_report.joined).arg(m_options.sessions));
    m_report.ringExact = runUntil([this] { return ringExact(); }, Millis(300'000));
    say(QStringLiteral("ring exact: %1").arg(m_report.ringExact ? "yes" : "no"));
}

void SessionSwarm::shareAll() {
    // Each file gets its bytes, a name and one to four sharers, all drawn from the seed.
    const int count = m_options.sessions;
    for (int file = 0; file < m_options.files; ++file) {
        const qint64 span = m_options.maxFileSize - m_options.minFileSize;
        const qint64 size = m_options.minFileSize + qint64(m_random.next64() % quint64(span + 1));
        QByteArray bytes(size, Qt::Uninitialized);
        for (qint64 i = 0; i < size; i += 8) {
            const quint64 value = m_random.next64();
            for (qint64 b = 0; b < 8 && i + b < size; ++b)
                bytes[i + b] = char(value >> (8 * b));
        }
        const QString name = QStringLiteral("%1 %2 f%3.bin")
                                 .arg(QLatin1String(kWords[m_random.next64() % std::size(kWords)]))
                                 .arg(QLatin1String(kWords[m_random.next64() % std::size(kWords)]))
                                 .arg(file, 2, 10, QLatin1Char('0'));
        m_contents.push_back(bytes);
        m_names.push_back(name);

        QStringList sharers;
        const int wanted = 1 + file % 4;
        while (sharers.size() < wanted) {
            Member& member = *m_members[m_random.next64() % quint64(count)];
            if (member.shares.contains(file))
                continue;
            member.shares.append(file);
            const QString path = member.root + QStringLiteral("/shared/") + name;
            QFile out(path);
            if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != size)
                qFatal("cannot write %s", qPrintable(path));
            out.close();
            if (auto shared = member.session->share(path); !shared)
                qFatal("cannot share %s: %s", qPrintable(path), qPrintable(shared.error()));
            sharers.append(QStringLiteral("s%1").arg(member.index, 3, 10, QLatin1Char('0')));
        }
        say(QStringLiteral("file %1 \"%2\", %3 bytes, shared by %4")
                .arg(file)
                .arg(name)
                .arg(size)
                .arg(sharers.join(QLatin1Char(' '))));
    }

    // Shared once hashed and every record it publishes is confirmed by its owner on the ring.
    const auto published = [this] {
        int ready = 0;
        for (const auto& member : m_members)
            for (const SharedFileRow& row : member->session->sharedFiles())
                if (row.state == SharedFileRow::State::Ready && row.keywordRecords > 0 &&
                    SessionInternals::node(*member->session).unconfirmedPublishes() == 0)
                    ++ready;
        m_report.shared = ready;
        int wanted = 0;
        for (const auto& member : m_members)
            wanted += int(member->shares.size());
        return ready == wanted;
    };
    const bool all = runUntil(published, Millis(120'000));
    say(QStringLiteral("%1 shares hashed and published%2").arg(m_report.shared).arg(all ? "" : " (not all)"));
}

void SessionSwarm::fetchAll() {
    // Downloaders: distinct sessions, each after one file it does not share, starting a little apart.
    QList<int> order;
    for (int i = 0; i < m_options.sessions; ++i)
        order.append(i);
    for (int i = int(order.size()) - 1; i > 0; --i)
        std::swap(order[i], order[int(m_random.next64() % quint64(i + 1))]);
    for (int member : order) {
        if (int(m_fetches.size()) == m_options.downloads)
            break;
        const int file = int(m_random.next64() % quint64(m_options.files));
        if (m_members[member]->shares.contains(file))
            continue;
        auto fetch = std::make_unique<Fetch>();
        fetch->member = member;
        fetch->file = file;
        fetch->want = contentIdOf(m_contents[std::size_t(file)]);
        fetch->who = QStringLiteral("s%1").arg(member, 3, 10, QLatin1Char('0'));
        // The file's own tag and one of its words, as a user who half remembers a name types them.
        const QStringList words = m_names[std::size_t(file)].split(QLatin1Char(' '));
        fetch->query = words[1] + QLatin1Char(' ') + words[2].section(QLatin1Char('.'), 0, 0);
        fetch->start = m_clock.createTimer([this, fetch = fetch.get()] { startFetch(*fetch); });
        fetch->start->start(Millis(200) * qint64(m_fetches.size()));
        m_fetches.push_back(std::move(fetch));
    }

    const bool all = runUntil(
        [this] {
            return std::all_of(m_fetches.begin(), m_fetches.end(),
                               [](const auto& fetch) { return fetch->done; });
        },
        Millis(900'000));
    say(QStringLiteral("%1 of %2 searches found their file, %3 downloads finished, %4 identical%5")
            .arg(m_report.found)
            .arg(m_fetches.size())
            .arg(m_report.finished)
            .arg(m_report.identical)
            .arg(all ? "" : " (time ran out)"));
}

void SessionSwarm::startFetch(Fetch& fetch) {
    Session& session = *m_members[std::size_t(fetch.member)]->session;
    QObject::connect(&session, &Session::downloadFinished, &session,
                     [this, &fetch](const share::ContentId& id, const QString& path) {
                         if (id != fetch.want || fetch.done)
                             return;
                         fetch.done = true;
                         ++m_report.finished;
                         QFile in(path);
                         const bool same = in.open(QIODevice::ReadOnly) &&
                                           in.readAll() == m_contents[std::size_t(fetch.file)];
                         if (same)
                             ++m_report.identical;
                         say(QStringLiteral("%1 has file %2: %3")
                                 .arg(fetch.who)
                                 .arg(fetch.file)
                                 .arg(same ? "every byte equal" : "BYTES DIFFER"));
                     });
    QObject::connect(
        &session, &Session::downloadFailed, &session,
        [this, &fetch](const share::ContentId& id, const QString& error) {
            if (id != fetch.want || fetch.done)
                return;
            fetch.done = true;
            say(QStringLiteral("%1 failed to get file %2: %3").arg(fetch.who).arg(fetch.file).arg(error));
        });
    fetch.search = session.search(fetch.query);
    QObject::connect(fetch.search.get(), &share::Search::finished, fetch.search.get(),
                     [this, &fetch](bool complete) { onSearched(fetch, complete); });
    fetch.search->start();
}

void SessionSwarm::onSearched(Fetch& fetch, bool complete) {
    // The user picks the result that is the file they wanted and downloads it by its link.
    const QList<share::SearchResult> results = fetch.search->results();
    int sources = 0;
    bool found = false;
    for (const share::SearchResult& result : results) {
        if (result.id != fetch.want)
            continue;
        found = true;
        sources = result.sources;
        ++m_report.found;
        share::Link link;
        link.id = result.id;
        link.name = result.name;
        link.size = result.size;
        if (auto started = m_members[std::size_t(fetch.member)]->session->download(link); !started) {
            fetch.done = true;
            say(QStringLiteral("%1 cannot download: %2").arg(fetch.who, started.error()));
        }
    }
    say(QStringLiteral("%1 searched for file %2: %3 results%4, %5")
            .arg(fetch.who)
            .arg(fetch.file)
            .arg(results.size())
            .arg(complete ? "" : " (not every word answered)")
            .arg(found ? QStringLiteral("found with %1 sources").arg(sources) : QStringLiteral("NOT FOUND")));
    if (!found)
        fetch.done = true;
}

SessionSwarmReport SessionSwarm::run() {
    QElapsedTimer wall;
    wall.start();
    m_start = m_clock.now();
    joinAll();
    shareAll();
    fetchAll();
    m_report.simulated = m_clock.now() - m_start;
    m_report.wallMs = wall.elapsed();
    m_report.datagrams = m_network.stats().sent;
    m_report.streamBytes = m_network.streams().stats().bytes;
    say(QStringLiteral("network: %1 datagrams sent, %2 delivered, %3 dropped; %4 stream bytes, %5 dials")
            .arg(m_network.stats().sent)
            .arg(m_network.stats().delivered)
            .arg(m_network.stats().dropped)
            .arg(m_network.streams().stats().bytes)
            .arg(m_network.streams().stats().dials));
    return m_report;
}

} // namespace ringshare::session
