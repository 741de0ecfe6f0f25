// Demo mode's peers: writing sample files, the join schedule and the churn.
#include "session/demonetwork.h"

#include "base/fileio.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSaveFile>
#include <random>
#include <utility>

namespace ringshare::session {

namespace {

// Names a person would search for; every one holds the word "sample".
const char* const kSampleNames[] = {
    "Sample Aurora Timelapse.mp4",        "Sample Field Recording Rain.flac",
    "Sample Orbital Mechanics Notes.pdf", "Sample Harbour Panorama.jpg",
    "Sample Synth Loops Pack.zip",        "Sample Mountain Trail Map.gpx",
    "Sample Jazz Quartet Live.ogg",       "Sample Typeface Specimen.pdf",
    "Sample Night Market Photos.tar",     "Sample Lecture Distributed Hashing.webm",
    "Sample Birdsong Dawn Chorus.flac",   "Sample City Lights Wallpaper.png",
    "Sample Chess Openings Database.pgn", "Sample Knitting Patterns.pdf",
    "Sample Desert Drone Footage.mkv",    "Sample Ocean Waves Ambience.opus",
};
// Every other peer also shares this one, byte for byte, so its download draws on many sources.
const char kCommonName[] = "Sample Ringshare Tour.mp4";

// A seed from the name alone, the same in every run, so peers sharing a name share its bytes.
quint64 seedOf(const QString& name) {
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const char c : name.toUtf8()) {
        hash ^= quint8(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

Result<void> writeSample(const QString& path, qint64 size) {
    if (QFileInfo(path).size() == size)
        return {}; // written by an earlier run
    QByteArray data(size, Qt::Uninitialized);
    std::mt19937_64 engine(seedOf(QFileInfo(path).fileName()));
    for (qsizetype i = 0; i + 8 <= data.size(); i += 8) {
        const quint64 word = engine();
        memcpy(data.data() + i, &word, 8);
    }
    // Whole or not there: a run killed while writing must not leave a torn sample for the next to share.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return Error{QCoreApplication::translate("ringshare::session::DemoNetwork",
                                                 "Cannot write the sample file %1: %2")
                         .arg(path, file.errorString())};
    return {};
}

} // namespace

struct DemoNetwork::Peer {
    QString dir;
    QStringList files;
    std::unique_ptr<Session> session;
    quint16 port = 0; // the last one it listened on, taken again when it comes back
    bool stopping = false;
    bool comeBack = false;
    std::unique_ptr<Timer> rejoin;
};

DemoNetwork::DemoNetwork(DemoOptions options, Clock& clock, Random& random, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_clock(clock), m_random(random) {
    for (int i = 0; i < m_options.peers; ++i) {
        auto peer = std::make_unique<Peer>();
        peer->dir = QDir(m_options.baseDir).filePath(QStringLiteral("peer-%1").arg(i + 1));
        peer->rejoin = m_clock.createTimer([this, i] { startPeer(i); });
        m_peers.push_back(std::move(peer));
    }
}

DemoNetwork::~DemoNetwork() = default;

Session* DemoNetwork::peer(int index) const {
    const Peer& peer = *m_peers.at(size_t(index));
    return peer.stopping ? nullptr : peer.session.get();
}

QStringList DemoNetwork::sampleFiles(int index) const {
    return m_peers.at(size_t(index))->files;
}

void DemoNetwork::start() {
    for (int i = 0; i < peerCount(); ++i)
        writeSamples(i);
    m_joinTimer = m_clock.createTimer([this] {
        if (m_nextToJoin < peerCount())
            startPeer(m_nextToJoin++);
        if (m_nextToJoin < peerCount())
            m_joinTimer->start(m_options.joinInterval);
        else if (m_options.churnInterval.count() > 0)
            m_churnTimer->start(m_options.churnInterval);
    });
    m_churnTimer = m_clock.createTimer([this] {
        churn();
        m_churnTimer->start(m_options.churnInterval);
    });
    m_joinTimer->start(Millis(0));
}

void DemoNetwork::writeSamples(int index) {
    Peer& peer = *m_peers[size_t(index)];
    const QString folder = QDir(peer.dir).filePath(QStringLiteral("shared"));
    if (!QDir().mkpath(folder)) {
        Q_EMIT warning(tr("Cannot create the sample folder %1").arg(folder));
        return;
    }
    constexpr int kNames = int(std::size(kSampleNames));
    QStringList names;
    for (int k = 0; k < m_options.filesPerPeer; ++k)
        names << QString::fromUtf8(kSampleNames[(index * m_options.filesPerPeer + k) % kNames]);
    if (index % 2 == 0)
        names << QString::fromUtf8(kCommonName);
    peer.files.clear();
    for (const QString& name : names) {
        // Sizes from 64 KiB up, fixed per name, so the same name is the same file everywhere.
        const qint64 size = 64 * 1024 + qint64(seedOf(name) % quint64(m_options.maxFileSize - 64 * 1024));
        const QString path = QDir(folder).filePath(name);
        if (auto written = writeSample(path, size & ~qint64(7)); !written) {
            Q_EMIT warning(written.error());
            continue;
        }
        peer.files << path;
    }
}

void DemoNetwork::startPeer(int index) {
    Peer& peer = *m_peers.at(size_t(index));
    if (peer.session) {
        peer.comeBack = peer.stopping; // still leaving: come back once gone
        return;
    }
    SessionOptions options;
    options.dataDir = QDir(peer.dir).filePath(QStringLiteral("state"));
    options.downloadDir = QDir(peer.dir).filePath(QStringLiteral("downloads"));
    options.bind = QHostAddress(QHostAddress::LocalHost);
    options.lan = false;
    options.bootstrap = {m_options.bootstrap};
    options.chord = m_options.chord;
    options.housekeepingInterval = Millis(5000);
    options.port = peer.port;
    auto session = std::make_unique<Session>(options, m_clock, m_random);
    auto started = session->start();
    if (!started && options.port != 0) {
        // Someone else took the port while the peer was away: any free one will do.
        options.port = 0;
        session = std::make_unique<Session>(options, m_clock, m_random);
        started = session->start();
    }
    if (!started) {
        Q_EMIT warning(tr("Demo peer %1 cannot start: %2").arg(index + 1).arg(started.error()));
        return;
    }
    connect(session.get(), &Session::warning, this, &DemoNetwork::warning);
    peer.port = session->port();
    for (const QString& file : peer.files)
        if (!session->sharedRoots().contains(file))
            if (auto added = session->share(file); !added)
                Q_EMIT warning(added.error());
    session->join();
    peer.session = std::move(session);
    Q_EMIT peerStarted(index);
}

void DemoNetwork::stopPeer(int index) {
    Peer& peer = *m_peers.at(size_t(index));
    if (!peer.session || peer.stopping)
        return;
    peer.stopping = true;
    Q_EMIT peerStopped(index);
    // The session hands its keys over first; it is destroyed once it has left (or given up).
    QPointer<DemoNetwork> self(this);
    peer.session->stop([self, index](bool) {
        if (!self)
            return;
        // Not from inside the session's own callback: finish on the next turn of the event loop.
        QMetaObject::invokeMethod(
            self,
            [self, index] {
                Peer& gone = *self->m_peers[size_t(index)];
                gone.session.reset();
                gone.stopping = false;
                if (std::exchange(gone.comeBack, false))
                    self->startPeer(index);
            },
            Qt::QueuedConnection);
    });
}

void DemoNetwork::crashPeer(int index) {
    Peer& peer = *m_peers.at(size_t(index));
    if (!peer.session || peer.stopping)
        return;
    Q_EMIT peerCrashed(index);
    Q_EMIT peerStopped(index);
    // No leave, no saved peers: the sockets close and the ring finds out by itself.
    peer.session.reset();
}

void DemoNetwork::churn() {
    // Peer 1 is left alone: it is the one everybody met first.
    QList<int> present;
    for (int i = 1; i < peerCount(); ++i)
        if (peer(i))
            present << i;
    if (present.size() < 2)
        return;
    const int leaving = present[int(m_random.bounded(quint64(present.size())))];
    constexpr quint64 kSteps = 1'000'000;
    if (double(m_random.bounded(kSteps)) < m_options.crashShare * double(kSteps))
        crashPeer(leaving);
    else
        stopPeer(leaving);
    Millis delay = m_options.rejoinDelay;
    if (const auto spread = qint64(double(delay.count()) * m_options.rejoinSpread); spread > 0)
        delay += Millis(qint64(m_random.bounded(quint64(2 * spread + 1))) - spread);
    m_peers[size_t(leaving)]->rejoin->start(delay);
}

} // namespace ringshare::session
