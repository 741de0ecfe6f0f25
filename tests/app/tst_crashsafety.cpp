// Crash safety: real ringshare-node processes (and the desktop app's settings code in a helper process) are
// SIGKILLed at random moments, 50 times, while they share (hashing, manifests, library.json), download from a
// rate-limited seeder on loopback (part files, resume maps, the final rename) and write their state
// (identity creation, peers.json, QSettings). After every kill what is on disk must be whole: the identity
// loads and never changes, library.json, manifests, resume maps and peers.json parse, every chunk a resume
// map lists is really in its part file, every finished file holds the source's bytes; and the node starts
// again, every partial download resumes exactly where the map said and completes with the right bytes.
//
// The moments come from a seeded generator; the seed is printed, and RINGSHARE_CRASH_SEED replays a run.
#include "crypto/identity.h"
#include "net/peercache.h"
#include "nodeprocess.h"
#include "share/contentid.h"
#include "share/filehasher.h"
#include "share/manifest.h"
#include "transfer/partfile.h"
#include "transfer/resumestore.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <map>
#include <random>

using namespace ringshare;

namespace {

const QString kSettingsWriter = QStringLiteral(RINGSHARE_SETTINGS_WRITER);

// The kills each phase must land; 50 in all, as issue 9 asks.
constexpr int kSharingKills = 18;
constexpr int kDownloadKills = 20;
constexpr int kStateKills = 6;
constexpr int kSettingsKills = 6;
constexpr int kTotalKills = kSharingKills + kDownloadKills + kStateKills + kSettingsKills;
static_assert(kTotalKills == 50);

// The seeder's upload limit: a file of 2 MiB and a bit takes about 1.5 s, so most kills of a download land
// mid-transfer.
constexpr int kUploadLimitKiB = 1536;

QByteArray randomBytes(std::mt19937_64& random, qint64 size) {
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); i += 8) {
        const quint64 word = random();
        memcpy(data.data() + i, &word, size_t(qMin<qsizetype>(8, data.size() - i)));
    }
    return data;
}

QList<QJsonObject> eventsOf(const QList<QJsonObject>& lines, const QString& kind) {
    QList<QJsonObject> found;
    for (const QJsonObject& line : lines)
        if (line.value(QStringLiteral("event")).toString() == kind)
            found.append(line);
    return found;
}

// The content ID the node must give these bytes, computed here from the file itself.
QString contentIdOf(const QString& path) {
    const auto hashed = share::FileHasher::hash(path, {});
    return hashed ? share::Manifest::contentIdFor(hashed->size, hashed->chunkHashes).toHex() : QString();
}

// A port free for both UDP and TCP (the node takes the same one for both), or 0.
quint16 freePort() {
    for (int attempt = 0; attempt < 20; ++attempt) {
        QUdpSocket udp;
        QTcpServer tcp;
        if (udp.bind(QHostAddress::Any, 0) && tcp.listen(QHostAddress::Any, udp.localPort()))
            return udp.localPort();
    }
    return 0;
}

// A process run until it ends on its own or is SIGKILLed `delayMs` after it started, or after `startClock`
// first held (it is asked every millisecond, with what the process printed so far).
struct Run {
    bool killed = false;
    bool ready = false; // said so before it ended or was killed
    int exitCode = -1;
    QByteArray out;
    QList<QJsonObject> lines; // `out` read as JSON lines
    QByteArray err;
};

Run runAndKill(const QString& program, const QStringList& arguments, int delayMs,
               const std::function<bool(const QByteArray&)>& startClock = {},
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run run;
    if (!process.waitForStarted())
        return run;
    if (startClock) {
        QElapsedTimer waited;
        waited.start();
        while (!startClock(run.out) && waited.elapsed() < 20'000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(1);
            run.out += process.readAllStandardOutput();
        }
    }
    if (!process.waitForFinished(delayMs) && process.state() != QProcess::NotRunning) {
        process.kill(); // SIGKILL
        process.waitForFinished();
        run.killed = true;
    } else {
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    run.out += process.readAllStandardOutput();
    run.lines = jsonLines(run.out);
    run.ready = run.out.contains("\"ready\"");
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    quint64 m_seed = 20'261'126;
    std::mt19937_64 m_random;
    QElapsedTimer m_clock;
    std::map<QString, int> m_kills;           // by phase and the stage the kill landed in
    std::map<QString, QString> m_ids;         // node ID by data folder, once an identity was there
    std::map<QString, QString> m_expectedIds; // content ID by file path, for the shared files
    std::map<QString, QByteArray> m_sources;  // bytes by file name, for the seeder's files
    std::unique_ptr<Node> m_seeder;
    QStringList m_seedLinks;

    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    int kills() const {
        int total = 0;
        for (const auto& [stage, count] : m_kills)
            total += count;
        return total;
    }
    void noteKill(const QString& phase, const QString& stage, int delayMs, const QString& detail = {}) {
        ++m_kills[phase + QStringLiteral(": ") + stage];
        qInfo().noquote() << QStringLiteral("kill %1 at %2 ms (t=%3 s): %4, %5 %6")
                                 .arg(kills(), 2)
                                 .arg(delayMs, 4)
                                 .arg(double(m_clock.elapsed()) / 1000, 0, 'f', 1)
                                 .arg(phase, stage, detail);
    }

    // The identity in `dataDir` is either not there yet or whole, and once there it never changes. Empty
    // when all is well, otherwise what is wrong.
    QString checkIdentity(const QString& dataDir, bool mustExist = false) {
        const QString file = QDir(dataDir).filePath(QString::fromLatin1(crypto::Identity::kFileName));
        const auto known = m_ids.find(dataDir);
        if (!QFileInfo::exists(file)) {
            if (known != m_ids.end())
                return QStringLiteral("the identity in %1 vanished").arg(dataDir);
            return mustExist ? QStringLiteral("no identity in %1").arg(dataDir) : QString();
        }
        auto identity = crypto::Identity::load(file);
        if (!identity)
            return identity.error();
        const QString id = identity->nodeId().toHex();
        if (known != m_ids.end() && known->second != id)
            return QStringLiteral("the node ID in %1 changed from %2 to %3").arg(dataDir, known->second, id);
        m_ids.emplace(dataDir, id);
        return {};
    }

    // library.json parses, and every entry describing a file as it is now names that file's content ID;
    // every stored manifest decodes and matches its name.
    QString checkLibrary(const QString& dataDir) const {
        const QString name = QDir(dataDir).filePath(QStringLiteral("library.json"));
        if (QFileInfo::exists(name)) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(readFile(name), &error);
            if (document.isNull())
                return QStringLiteral("library.json does not parse: %1").arg(error.errorString());
            const QJsonObject root = document.object();
            if (root.value(QStringLiteral("format")).toInt() != 1 ||
                !root.value(QStringLiteral("roots")).isArray())
                return QStringLiteral("library.json is not a library");
            for (const QJsonValue& value : root.value(QStringLiteral("files")).toArray()) {
                const QJsonObject entry = value.toObject();
                const QString file = entry.value(QStringLiteral("path")).toString();
                const QFileInfo info(file);
                const auto expected = m_expectedIds.find(file);
                if (expected == m_expectedIds.end() || !info.exists() ||
                    info.size() != qint64(entry.value(QStringLiteral("size")).toDouble()) ||
                    info.lastModified().toMSecsSinceEpoch() !=
                        qint64(entry.value(QStringLiteral("modified_ms")).toDouble()))
                    continue; // describes the file as it was before it changed: rehashed at the next start
                if (entry.value(QStringLiteral("id")).toString() != expected->second)
                    return QStringLiteral("library.json gives %1 the content ID %2, not %3")
                        .arg(file, entry.value(QStringLiteral("id")).toString(), expected->second);
            }
        }
        const QDir manifests(QDir(dataDir).filePath(QStringLiteral("manifests")));
        for (const QString& file : manifests.entryList({QStringLiteral("*.manifest")}, QDir::Files)) {
            const auto id = share::ContentId::fromHex(QStringView(file).chopped(9));
            if (!id)
                return QStringLiteral("a manifest file named %1").arg(file);
            if (auto manifest = share::Manifest::decode(readFile(manifests.filePath(file)), &*id); !manifest)
                return QStringLiteral("the manifest %1 is damaged: %2").arg(file, manifest.error());
        }
        return {};
    }

    // peers.json, when there, is a peer list.
    static QString checkPeers(const QString& dataDir) {
        const auto peers = net::peercache::load(dataDir);
        return peers ? QString() : peers.error();
    }

    // The download folder holds only part files and files with a source's exact bytes; every resume map
    // parses, and every chunk it lists hashes right in its part file. `listedBytes` gets, by content ID,
    // how many bytes the maps list.
    QString checkDownloads(const QString& dataDir, const QString& downloadDir,
                           std::map<QString, qint64>* listedBytes = nullptr) const {
        static const QRegularExpression numbered(QStringLiteral(" \\(\\d+\\)(?=\\.[^.]*$)"));
        for (const QString& file : QDir(downloadDir).entryList(QDir::Files)) {
            if (file.endsWith(QStringLiteral(".part")))
                continue;
            const auto source = m_sources.find(QString(file).remove(numbered));
            if (source == m_sources.end())
                return QStringLiteral("%1 in the download folder is no file we shared").arg(file);
            if (readFile(QDir(downloadDir).filePath(file)) != source->second)
                return QStringLiteral("the finished file %1 does not hold the source's bytes").arg(file);
        }
        for (const share::ContentId& id : transfer::ResumeStore::mapsIn(dataDir)) {
            auto map = transfer::ResumeStore::readMap(dataDir, id);
            if (!map)
                return map.error();
            QFile part(QDir(map->dir).filePath(map->partName));
            if (!part.open(QIODevice::ReadOnly)) {
                // Killed after the finished file was moved into place, before the map went: the file must
                // be there, whole.
                const QString finished = QDir(map->dir).filePath(map->partName.chopped(5));
                if (readFile(finished) != m_sources.at(map->name))
                    return QStringLiteral("the map of %1 is there, its part file is not").arg(map->name);
                if (listedBytes)
                    (*listedBytes)[id.toHex()] = map->manifest.size; // every chunk is there
                continue;
            }
            qint64 listed = 0;
            for (int i = 0; i < map->listed.size(); ++i) {
                if (!map->listed.testBit(i))
                    continue;
                part.seek(map->manifest.chunkOffset(i));
                if (!map->manifest.chunkMatches(i, part.read(map->manifest.chunkLength(i))))
                    return QStringLiteral("the map of %1 lists chunk %2, which is not in the part file")
                        .arg(map->name)
                        .arg(i);
                listed += map->manifest.chunkLength(i);
            }
            if (listedBytes)
                (*listedBytes)[id.toHex()] = listed;
        }
        // A download killed before its manifest came is kept as its link, whole.
        for (const share::ContentId& id : transfer::ResumeStore::pendingIn(dataDir)) {
            auto pending = transfer::ResumeStore::readPending(dataDir, id);
            if (!pending)
                return pending.error();
            if (m_sources.count(pending->link.name) == 0)
                return QStringLiteral("a pending download names %1, no file we shared")
                    .arg(pending->link.name);
        }
        return {};
    }

    // The finished files of the download of `name`: under that name, or numbered ("name (1).bin") when a
    // part file a kill left behind took the name.
    static QStringList finishedAs(const QString& downloadDir, const QString& name) {
        static const QRegularExpression numbered(QStringLiteral(" \\(\\d+\\)(?=\\.[^.]*$)"));
        QStringList found;
        for (const QString& file : QDir(downloadDir).entryList(QDir::Files))
            if (!file.endsWith(QStringLiteral(".part")) && QString(file).remove(numbered) == name)
                found << file;
        return found;
    }

    static QStringList nodeArguments(const QString& dataDir, int stabilizeMs = 100) {
        return {QStringLiteral("run"),
                QStringLiteral("--json"),
                QStringLiteral("--no-lan"),
                QStringLiteral("--no-port-mapping"),
                QStringLiteral("--stabilize-ms"),
                QString::number(stabilizeMs),
                QStringLiteral("--data-dir"),
                dataDir};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("RINGSHARE_CRASH_SEED"))
            m_seed = qEnvironmentVariable("RINGSHARE_CRASH_SEED").toULongLong();
        m_random.seed(m_seed);
        qInfo().noquote() << QStringLiteral(
                                 "crash moments from seed %1 (RINGSHARE_CRASH_SEED=%1 replays them)")
                                 .arg(m_seed);
        m_clock.start();
    }

    // Kills a node sharing a folder that grows and changes between runs: kills land while it starts
    // (identity, library.json read), hashes and publishes, and writes library.json and manifests.
    void killedWhileSharing() {
        const QString shared = path(QStringLiteral("shared"));
        const QString dataDir = path(QStringLiteral("sharer"));
        QVERIFY(QDir().mkpath(shared));
        QStringList files;
        const auto writeShared = [&](const QString& file, qint64 size) {
            QVERIFY(writeFile(file, randomBytes(m_random, size)));
            m_expectedIds[QFileInfo(file).canonicalFilePath()] = contentIdOf(file);
            if (!files.contains(file))
                files << file;
        };
        const QStringList arguments = nodeArguments(dataDir) + QStringList{QStringLiteral("--share"), shared};
        const auto isReady = [](const QByteArray& out) { return out.contains("\"ready\""); };
        for (int round = 0; round < kSharingKills; ++round) {
            // One file changes (its size too, so it cannot look unchanged) and five new ones appear: each one
            // hashed is a manifest written and library.json written again.
            if (round > 0)
                writeShared(files[uniform(0, int(files.size()) - 1)],
                            uniform(64 * 1024, 2 * 1024 * 1024) + round);
            for (int i = 0; i < 5; ++i)
                writeShared(QDir(shared).filePath(QStringLiteral("file-%1-%2.bin").arg(round).arg(i)),
                            uniform(64 * 1024, 2 * 1024 * 1024));
            if (QTest::currentTestFailed())
                return;

            // Hashing and the writes after it take some tens of milliseconds from the ready line on: most
            // kills land there, one in four while it starts (identity, library.json read, first write).
            const bool whileStarting = uniform(0, 3) == 0;
            const int delay = uniform(0, 60);
            const Run run = runAndKill(kBinary, arguments, delay,
                                       whileStarting ? std::function<bool(const QByteArray&)>() : isReady);
            QVERIFY2(run.killed, run.err.constData());
            // Whatever the last kill left, it starts again (the ones killed while starting show it in the
            // next round).
            QVERIFY2(whileStarting || run.ready, run.err.constData());
            const QList<QJsonObject> ready = eventsOf(run.lines, QStringLiteral("ready"));
            const qsizetype shares = eventsOf(run.lines, QStringLiteral("shared")).size();
            noteKill(QStringLiteral("sharing"),
                     ready.isEmpty()         ? QStringLiteral("starting")
                     : shares < files.size() ? QStringLiteral("hashing and publishing")
                                             : QStringLiteral("everything shared"),
                     delay,
                     QStringLiteral("(%1 ms from %2; %3 of %4 files announced)")
                         .arg(delay)
                         .arg(whileStarting ? QStringLiteral("the start") : QStringLiteral("the ready line"))
                         .arg(shares)
                         .arg(files.size()));

            QString problem = checkIdentity(dataDir);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            if (!ready.isEmpty())
                QCOMPARE(ready.first().value(QStringLiteral("node_id")).toString(), m_ids.at(dataDir));
            problem = checkLibrary(dataDir);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }

        // It starts again and ends up sharing every file as it is now, under the right content IDs.
        auto node =
            startNode(dataDir, QStringList{QStringLiteral("--no-lan"), QStringLiteral("--share"), shared});
        QVERIFY(node);
        QCOMPARE(node->id, m_ids.at(dataDir));
        std::map<QString, QString> announced;
        const auto everyFile = [&] {
            for (const QString& file : files)
                if (announced[QFileInfo(file).canonicalFilePath()] !=
                    m_expectedIds.at(QFileInfo(file).canonicalFilePath()))
                    return false;
            return true;
        };
        QVERIFY(!waitForEvent(*node, QStringLiteral("shared"), 20'000, [&](const QJsonObject& event) {
                     const QString link = event.value(QStringLiteral("link")).toString();
                     announced[event.value(QStringLiteral("path")).toString()] =
                         link.mid(link.indexOf(QStringLiteral("xt=")) + 3, 64);
                     return everyFile();
                 }).isEmpty());
        node->process->terminate(); // leaves gracefully, saving the library as it is
        QVERIFY(node->process->waitForFinished(10'000));
        QVERIFY(checkLibrary(dataDir).isEmpty());
        const QJsonArray listed =
            QJsonDocument::fromJson(readFile(QDir(dataDir).filePath(QStringLiteral("library.json"))))
                .object()
                .value(QStringLiteral("files"))
                .toArray();
        QCOMPARE(listed.size(), files.size());
    }

    // Kills a `get` client downloading from a rate-limited seeder, file after file: kills land while it
    // starts and checks what an earlier run left, mid-transfer, and while it finishes.
    void killedWhileDownloading() {
        const QString seedDir = path(QStringLiteral("seed"));
        QVERIFY(QDir().mkpath(seedDir));
        // A file ends with a run that completes it or a kill at its finish: 20 kills and the runs between
        // them use up at most this many, even when the seed aims every kill at a finish.
        constexpr int kFiles = kDownloadKills + 6;
        for (int i = 0; i < kFiles; ++i) {
            const QString name = QStringLiteral("download-%1.bin").arg(i);
            m_sources[name] = randomBytes(m_random, 2 * 1024 * 1024 + uniform(0, 256 * 1024));
            QVERIFY(writeFile(QDir(seedDir).filePath(name), m_sources[name]));
        }
        m_seeder = startNode(path(QStringLiteral("seeder")),
                             {QStringLiteral("--no-lan"), QStringLiteral("--share"), seedDir,
                              QStringLiteral("--upload-limit"), QString::number(kUploadLimitKiB)});
        QVERIFY(m_seeder);
        std::map<QString, QString> links;
        QVERIFY(!waitForEvent(*m_seeder, QStringLiteral("shared"), 20'000, [&](const QJsonObject& event) {
                     links[event.value(QStringLiteral("name")).toString()] =
                         event.value(QStringLiteral("link")).toString();
                     return links.size() == kFiles;
                 }).isEmpty());

        const QString dataDir = path(QStringLiteral("downloader"));
        const QString downloadDir = path(QStringLiteral("downloads"));
        const auto arguments = [&](int file) {
            return QStringList{QStringLiteral("get"),
                               links.at(QStringLiteral("download-%1.bin").arg(file)),
                               QStringLiteral("--json"),
                               QStringLiteral("--bootstrap"),
                               m_seeder->address(),
                               QStringLiteral("--data-dir"),
                               dataDir,
                               QStringLiteral("--download-dir"),
                               downloadDir,
                               QStringLiteral("--timeout"),
                               QStringLiteral("20")};
        };
        // A run that ends by itself has finished its file: the bytes are right, and it went on from exactly
        // the chunks the map listed (all of which were checked to be on disk), fetching each once.
        const auto checkFinished = [&](const Run& run, int file, qint64 listedBefore) {
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const QList<QJsonObject> done = eventsOf(run.lines, QStringLiteral("done"));
            QCOMPARE(done.size(), 1);
            const QByteArray& source = m_sources.at(QStringLiteral("download-%1.bin").arg(file));
            QCOMPARE(readFile(done.first().value(QStringLiteral("path")).toString()), source);
            QCOMPARE(qint64(done.first().value(QStringLiteral("resumed_from")).toDouble()), listedBefore);
            QCOMPARE(qint64(done.first().value(QStringLiteral("fetched")).toDouble()),
                     source.size() - listedBefore);
        };

        int file = 0;
        int killed = 0;
        std::map<QString, qint64> listed;
        const auto contentIdOfFile = [&](int index) {
            const QString link = links.at(QStringLiteral("download-%1.bin").arg(index));
            return link.mid(link.indexOf(QStringLiteral("xt=")) + 3, 64);
        };
        while (killed < kDownloadKills) {
            QVERIFY2(file < kFiles, "the kills used up every file");
            const qint64 listedBefore = listed[contentIdOfFile(file)];
            // One run in four is killed just as the finished file appears (when the move into place is
            // done and the map not yet removed, or soon after); the others at any time.
            const bool atTheFinish = uniform(0, 3) == 0;
            const int delay = atTheFinish ? uniform(0, 2) : uniform(50, 1500);
            const QString name = QStringLiteral("download-%1.bin").arg(file);
            const Run run = runAndKill(
                kBinary, arguments(file), delay,
                atTheFinish ? [&](const QByteArray&) { return !finishedAs(downloadDir, name).isEmpty(); }
                            : std::function<bool(const QByteArray&)>());
            if (!run.killed) {
                checkFinished(run, file, listedBefore);
                if (QTest::currentTestFailed())
                    return;
                ++file;
                continue;
            }
            ++killed;
            listed.clear();
            QString problem = checkDownloads(dataDir, downloadDir, &listed);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            const bool finished = finishedAs(downloadDir, name).size() > 0;
            const bool mapped = listed.count(contentIdOfFile(file)) > 0;
            const qint64 bytes = mapped ? listed.at(contentIdOfFile(file)) : 0;
            const bool pending = QFile::exists(transfer::ResumeStore::pendingPath(
                dataDir, *share::ContentId::fromHex(contentIdOfFile(file))));
            noteKill(QStringLiteral("downloading"),
                     finished && mapped     ? QStringLiteral("moved into place, map not yet removed")
                     : finished             ? QStringLiteral("finished")
                     : !mapped && pending   ? QStringLiteral("before the manifest, its link kept")
                     : !mapped              ? QStringLiteral("before the manifest")
                     : bytes == 0           ? QStringLiteral("starting, no chunk yet")
                     : bytes > listedBefore ? QStringLiteral("mid-transfer")
                                            : QStringLiteral("resuming, no new chunk yet"),
                     delay,
                     QStringLiteral("(%1 ms from %2; %3: %4 of %5 bytes in the map)")
                         .arg(delay)
                         .arg(atTheFinish ? QStringLiteral("the finished file's appearance")
                                          : QStringLiteral("the start"))
                         .arg(name)
                         .arg(bytes)
                         .arg(m_sources.at(name).size()));
            problem = checkIdentity(dataDir);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            problem = checkLibrary(dataDir);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            if (finished && !mapped)
                ++file; // done (the kill came after the move into place): the next file
        }
        // The download the last kill interrupted resumes and completes.
        if (!finishedAs(downloadDir, QStringLiteral("download-%1.bin").arg(file)).isEmpty() &&
            transfer::ResumeStore::mapsIn(dataDir).isEmpty())
            return;
        const Run last = runAndKill(kBinary, arguments(file), 30'000);
        QVERIFY(!last.killed);
        checkFinished(last, file, listed[contentIdOfFile(file)]);
        QVERIFY(transfer::ResumeStore::mapsIn(dataDir).isEmpty());
        QVERIFY(transfer::ResumeStore::pendingIn(dataDir).isEmpty());
        QCOMPARE(checkIdentity(dataDir, true), QString());
    }

    // Kills nodes on a fresh data folder (creating their identity) and again while they keep their peers in
    // peers.json; every time they come back with the same identity. Each has a config file with a fixed
    // port, as a server would, so the seeder knows it again at once when it comes back.
    void killedWhileWritingState() {
        QVERIFY(m_seeder);
        for (int i = 0; i < kStateKills / 2; ++i) {
            const QString dataDir = path(QStringLiteral("fresh-%1").arg(i));
            const QString config = path(QStringLiteral("fresh-%1.conf").arg(i));
            const quint16 port = freePort();
            QVERIFY(port != 0);
            QVERIFY(writeFile(config, QStringLiteral("port = %1\nbootstrap = %2\nlan = no\n")
                                          .arg(port)
                                          .arg(m_seeder->address())
                                          .toUtf8()));
            // Housekeeping (and so peers.json) every second at this pace.
            const QStringList arguments{QStringLiteral("run"),
                                        QStringLiteral("--json"),
                                        QStringLiteral("--no-port-mapping"),
                                        QStringLiteral("--stabilize-ms"),
                                        QStringLiteral("10"),
                                        QStringLiteral("--data-dir"),
                                        dataDir,
                                        QStringLiteral("--config"),
                                        config};
            // The identity is written some 10 to 30 ms after the start; peers.json every second after
            // joining.
            for (const auto& [low, high] : {std::pair{0, 35}, std::pair{900, 2500}}) {
                const int delay = uniform(low, high);
                const Run run = runAndKill(kBinary, arguments, delay);
                QVERIFY2(run.killed, run.err.constData());
                const bool hadIdentity = m_ids.count(dataDir) > 0;
                QString problem = checkIdentity(dataDir);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
                const bool peers = QFileInfo::exists(QDir(dataDir).filePath(QStringLiteral("peers.json")));
                noteKill(QStringLiteral("state"),
                         !hadIdentity ? (m_ids.count(dataDir) ? QStringLiteral("identity created")
                                                              : QStringLiteral("before the identity"))
                         : peers      ? QStringLiteral("peers kept")
                                      : QStringLiteral("running, no peers kept yet"),
                         delay);
                problem = checkPeers(dataDir);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
                problem = checkLibrary(dataDir);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
            // And it starts, as the same node on the same port.
            auto node = startNode(dataDir, {QStringLiteral("--config"), config});
            QVERIFY(node);
            QCOMPARE(node->port, port);
            QCOMPARE(checkIdentity(dataDir, true), QString());
            QCOMPARE(node->id, m_ids.at(dataDir));
        }
    }

    // Kills the desktop app's settings code (AppSettings::save() into the app's QSettings store) while it
    // saves as fast as it can: what is read back is always one whole generation, the last one confirmed or
    // the one after.
    void killedWhileSavingSettings() {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        const QString store = path(QStringLiteral("config/Ringshare/ringshare.conf"));
        qint64 confirmed = 0; // the last generation the writer said it saved
        for (int i = 0; i < kSettingsKills; ++i) {
            const int delay = uniform(40, 400);
            const Run run = runAndKill(kSettingsWriter, {QStringLiteral("write")}, delay, {}, environment);
            QVERIFY2(run.killed, run.err.constData());
            const qint64 before = confirmed;
            for (const QByteArray& line : run.out.split('\n'))
                if (!line.isEmpty())
                    confirmed = line.toLongLong();

            const Run read = runAndKill(kSettingsWriter, {QStringLiteral("read")}, 10'000, {}, environment);
            QVERIFY(!read.killed && read.exitCode == 0);
            const QJsonObject stored = read.lines.value(0);
            const qint64 generation = qint64(stored.value(QStringLiteral("upload_limit")).toDouble());
            noteKill(
                QStringLiteral("settings"),
                confirmed == before ? QStringLiteral("starting or first save") : QStringLiteral("saving"),
                delay, QStringLiteral("(generation %1 confirmed, %2 stored)").arg(confirmed).arg(generation));
            QCOMPARE(stored.value(QStringLiteral("status")).toInt(), int(QSettings::NoError));
            if (!QFileInfo::exists(store)) {
                QCOMPARE(confirmed, 0);
                continue;
            }
            QVERIFY2(stored.value(QStringLiteral("consistent")).toBool(),
                     QJsonDocument(stored).toJson().constData());
            QVERIFY2(generation == confirmed || generation == confirmed + 1,
                     qPrintable(QStringLiteral("generation %1 stored after %2 was confirmed")
                                    .arg(generation)
                                    .arg(confirmed)));
            confirmed = generation; // the next writer goes on from what is stored
        }
        // A writer started after all that, with the lock files of killed ones left behind, still saves. That
        // includes the empty lock file of a writer killed between creating it and writing its process ID
        // into it, which a kill above may or may not have left: here is one, from 10 s ago.
        const QString lock = store + QStringLiteral(".lock");
        if (!QFileInfo::exists(lock) || QFileInfo(lock).size() > 0) {
            QFile::remove(lock);
            QFile empty(lock);
            QVERIFY(empty.open(QIODevice::WriteOnly));
            QVERIFY(empty.setFileTime(QDateTime::currentDateTime().addSecs(-10),
                                      QFileDevice::FileModificationTime));
        }
        QProcess writer;
        writer.setProcessEnvironment(environment);
        writer.start(kSettingsWriter, {QStringLiteral("write")});
        QVERIFY(writer.waitForStarted());
        QByteArray out;
        QElapsedTimer waited;
        waited.start();
        while (out.count('\n') < 3 && waited.elapsed() < 10'000 && writer.waitForReadyRead(10'000))
            out += writer.readAllStandardOutput();
        writer.terminate();
        writer.waitForFinished();
        const QFileInfo lockLeft(lock);
        QVERIFY2(out.count('\n') >= 3,
                 qPrintable(QStringLiteral(
                                "a new writer saves nothing in %1 ms (lock file: %2 bytes, %3 ms old): %4")
                                .arg(waited.elapsed())
                                .arg(lockLeft.exists() ? lockLeft.size() : -1)
                                .arg(lockLeft.lastModified().msecsTo(QDateTime::currentDateTime()))
                                .arg(QString::fromLocal8Bit(writer.readAllStandardError()))));
        QCOMPARE(out.split('\n').first().toLongLong(), confirmed + 1);
    }

    void cleanupTestCase() {
        m_seeder.reset();
        qInfo().noquote() << QStringLiteral("%1 kills in %2 s, seed %3:")
                                 .arg(kills())
                                 .arg(double(m_clock.elapsed()) / 1000, 0, 'f', 1)
                                 .arg(m_seed);
        for (const auto& [stage, count] : m_kills)
            qInfo().noquote() << QStringLiteral("  %1: %2").arg(stage).arg(count);
        // Not damage, but worth knowing: what kills left lying about. A part file no map names comes from a
        // kill between creating a download's part file and writing its first map.
        static const QRegularExpression saveFileTemporary(QStringLiteral("\\.[A-Za-z0-9]{6}$"));
        QStringList leftovers;
        for (QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            const QString file = it.next();
            if (file.endsWith(QStringLiteral(".tmp")) || saveFileTemporary.match(file).hasMatch() ||
                file.endsWith(QStringLiteral(".part")))
                leftovers << QDir(m_dir.path()).relativeFilePath(file);
        }
        qInfo().noquote() << QStringLiteral("left behind: %1")
                                 .arg(leftovers.isEmpty() ? QStringLiteral("nothing") : leftovers.join(u' '));
        QCOMPARE(kills(), kTotalKills);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
