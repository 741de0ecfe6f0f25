// Real multi-host faults: five hosts, each a Linux network namespace with its own address and a veth link
// to one switch, each running one ringshare-node. Two hosts share a file and a third downloads it; one
// source is cut off mid-transfer, once by pulling its cable at the switch and once by taking its own link
// down. The other four must agree on a ring without it while the cut host is left alone, the download must
// finish from the source that remains with every byte right, and once the link is back the two rings must
// merge into one of five. Then the switch splits the hosts 3 and 2, and once it is whole again, the rings
// each side formed must merge too. Needs root and permission to create namespaces; skips otherwise.
#include "nodeprocess.h"
#include "virtuallan.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>

namespace {

constexpr int kHosts = 5;
const QList<int> kAllHosts{1, 2, 3, 4, 5};
// Every host listens on the same port, as separate machines may.
constexpr quint16 kPort = 41400;
// Hosts 2 and 3 share every file, each at kUploadKiB KiB/s, so that a download lasts long enough to cut a
// source mid-way.
const QList<int> kSources{2, 3};
constexpr qint64 kFileSize = 8 * 1024 * 1024 + 12345;
constexpr int kUploadKiB = 640;
// Each wait below allows several times what its step takes here (the whole test takes about 30 s), so a
// step that hangs fails with its own message well before ctest's limit.

enum class Cut { AtSwitch, AtHost };

struct SharedFile {
    QString name;
    QByteArray data;
    QString link;
};

QByteArray patterned(qint64 size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator(seed).fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    return data;
}

QString endpoint(int host) {
    return VirtualLan::address(host) + QStringLiteral(":%1").arg(kPort);
}

// The JSON lines of a `get LINK --json` client: the latest progress, and the end.
struct DownloadOutput {
    QJsonObject progress;
    QJsonObject done;

    void read(QProcess& process) {
        while (process.canReadLine()) {
            const QJsonObject line = QJsonDocument::fromJson(process.readLine()).object();
            const QString event = line.value(QStringLiteral("event")).toString();
            if (event == QStringLiteral("progress"))
                progress = line;
            else if (event == QStringLiteral("done"))
                done = line;
        }
    }
    [[nodiscard]] qint64 fetched() const { return qint64(progress.value(QStringLiteral("done")).toDouble()); }
    [[nodiscard]] int sources() const { return progress.value(QStringLiteral("sources")).toInt(); }
};

} // namespace

Q_DECLARE_METATYPE(Cut)

class TestMultiHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<VirtualLan> m_lan;
    std::map<int, std::unique_ptr<Node>> m_nodes; // by host
    QList<SharedFile> m_files;                    // one for each kind of cut
    bool m_started = false;                       // initTestCase passed

    void printNodeErrors() {
        for (const auto& [host, node] : m_nodes)
            qWarning().noquote() << "node on host" << host << "said:\n"
                                 << node->process->readAllStandardError();
    }

    bool setLinkUp(Cut cut, int host, bool up) {
        return cut == Cut::AtSwitch ? m_lan->setSwitchPortUp(host, up) : m_lan->setHostLinkUp(host, up);
    }

    // The ring as `host` sees it, walking from its own node.
    QStringList walkFrom(int host) { return walk(endpoint(host), m_lan->launcher(host)); }

    // Waits until every one of `hosts`, walking from itself, sees exactly the ring of `hosts`; returns the
    // time it took, or -1 after `limitMs`, saying what each saw last.
    qint64 waitForAgreement(const QList<int>& hosts, int limitMs) {
        QStringList ids;
        for (int host : hosts)
            ids << m_nodes.at(host)->id;
        QElapsedTimer clock;
        clock.start();
        QStringList seen;
        while (clock.elapsed() < limitMs) {
            seen.clear();
            bool agreed = true;
            for (int host : hosts) {
                const QStringList ring = walkFrom(host);
                seen << QStringLiteral("host %1 sees %2").arg(host).arg(ring.join(QLatin1Char(' ')));
                agreed = agreed && ring == ringOrder(ids, m_nodes.at(host)->id);
            }
            if (agreed)
                return clock.elapsed();
            QTest::qWait(200);
        }
        qWarning().noquote() << seen.join(QLatin1Char('\n'));
        return -1;
    }

    // Waits until the ring holds a provider record of `link` for every source, as seen from `host`.
    bool waitForProviders(const QString& link, int host, int limitMs) {
        const QString contentId = link.mid(link.indexOf(QStringLiteral("xt=")) + 3, 64);
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < limitMs) {
            const NodeRun found =
                runNodeTool({QStringLiteral("get"), QStringLiteral("file:") + contentId,
                             QStringLiteral("--json"), QStringLiteral("--bootstrap"), endpoint(host)},
                            m_lan->launcher(host));
            if (found.out.count('\n') == kSources.size())
                return true;
            QTest::qWait(300);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() {
        if (const auto reason = VirtualLan::unavailable())
            QSKIP(qPrintable(*reason));
        VirtualLan::removeLeftovers();
        QVERIFY(m_dir.isValid());
        m_lan = std::make_unique<VirtualLan>(kHosts);
        QString error;
        QVERIFY2(m_lan->build(&error), qPrintable(error));

        m_files = {{QStringLiteral("Field Recordings.flac"), patterned(kFileSize, 7), {}},
                   {QStringLiteral("Survey Photos.tar"), patterned(kFileSize, 8), {}}};
        for (int host : kSources) {
            const QString folder = m_dir.filePath(QStringLiteral("shared%1").arg(host));
            QVERIFY(QDir().mkpath(folder));
            for (const SharedFile& shared : std::as_const(m_files)) {
                QFile file(folder + QLatin1Char('/') + shared.name);
                QVERIFY(file.open(QIODevice::WriteOnly));
                QCOMPARE(file.write(shared.data), shared.data.size());
            }
        }

        // Host 1 starts the ring; the others join through it from their own hosts.
        for (int host = 1; host <= kHosts; ++host) {
            QStringList extra{QStringLiteral("--no-lan"), QStringLiteral("--port"), QString::number(kPort)};
            if (host > 1)
                extra << QStringLiteral("--bootstrap") << endpoint(1);
            if (kSources.contains(host))
                extra << QStringLiteral("--share") << m_dir.filePath(QStringLiteral("shared%1").arg(host))
                      << QStringLiteral("--upload-limit") << QString::number(kUploadKiB);
            auto node =
                startNode(m_dir.filePath(QStringLiteral("host%1").arg(host)), extra, m_lan->launcher(host));
            QVERIFY2(node, qPrintable(QStringLiteral("the node on host %1 did not start").arg(host)));
            QCOMPARE(node->port, kPort);
            m_nodes[host] = std::move(node);
        }
        const qint64 formed = waitForAgreement(kAllHosts, 12'000);
        QVERIFY2(formed >= 0, "the five hosts did not form one ring");
        qInfo("five hosts agree on one ring after %lld ms", formed);

        for (SharedFile& file : m_files) {
            for (int host : kSources) {
                const QJsonObject shared =
                    waitForEvent(*m_nodes[host], QStringLiteral("shared"), 10'000, [&](const QJsonObject& e) {
                        return e.value(QStringLiteral("name")).toString() == file.name;
                    });
                QVERIFY(!shared.isEmpty());
                file.link = shared.value(QStringLiteral("link")).toString();
            }
            // Downloads find their sources through the ring.
            QVERIFY2(waitForProviders(file.link, 1, 12'000), "the ring does not name both sources");
        }
        m_started = true;
    }

    // A failure is explained by what the nodes said (run with QT_LOGGING_RULES to hear more).
    void cleanup() {
        if (QTest::currentTestFailed())
            printNodeErrors();
    }

    void cleanupTestCase() {
        if (!m_started && !m_nodes.empty())
            printNodeErrors(); // initTestCase failed
        // The nodes go first: a namespace with a process inside outlives its deletion.
        m_nodes.clear();
        m_lan.reset();
    }

    void downloadSurvivesACutSourceAndTheRingsMerge_data() {
        QTest::addColumn<Cut>("cut");
        QTest::addColumn<int>("file");
        QTest::addColumn<int>("cutHost");
        QTest::addColumn<int>("downloader");
        // Silence both ways: only timeouts tell anyone.
        QTest::newRow("cable pulled at the switch") << Cut::AtSwitch << 0 << 2 << 5;
        // The cut host's sends fail at once (no route), the others' are lost.
        QTest::newRow("host's own link down") << Cut::AtHost << 1 << 3 << 4;
    }

    void downloadSurvivesACutSourceAndTheRingsMerge() {
        QFETCH(Cut, cut);
        QFETCH(int, file);
        QFETCH(int, cutHost);
        QFETCH(int, downloader);
        const SharedFile& shared = m_files[file];
        QList<int> others = kAllHosts;
        others.removeOne(cutHost);
        // Where the last row left it, or the test failed there.
        QVERIFY2(waitForAgreement(kAllHosts, 12'000) >= 0, "the five hosts are not on one ring");

        QProcess download;
        download.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        const QStringList launcher = m_lan->launcher(downloader);
        const QString name = QStringLiteral("downloader%1").arg(downloader);
        download.start(launcher.first(),
                       launcher.mid(1) + QStringList{kBinary, QStringLiteral("get"), shared.link,
                                                     QStringLiteral("--json"), QStringLiteral("--bootstrap"),
                                                     endpoint(downloader), QStringLiteral("--data-dir"),
                                                     m_dir.filePath(name), QStringLiteral("--download-dir"),
                                                     m_dir.filePath(name + QStringLiteral("-files"))});
        QVERIFY(download.waitForStarted());
        DownloadOutput output;

        // Both sources at work and a quarter of the file in: cut one off.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 12'000 && output.done.isEmpty() &&
               (output.sources() < kSources.size() || output.fetched() < kFileSize / 4)) {
            download.waitForReadyRead(100);
            output.read(download);
        }
        QVERIFY2(output.done.isEmpty(), "the download finished before the cut");
        QVERIFY2(output.fetched() >= kFileSize / 4,
                 qPrintable(QStringLiteral("only %1 bytes came in 12 s").arg(output.fetched())));
        QCOMPARE(output.sources(), kSources.size());
        QVERIFY(setLinkUp(cut, cutHost, false));
        // Back up whatever happens, so that a failure here does not fail the tests after it.
        const auto reconnect = qScopeGuard([&] { setLinkUp(cut, cutHost, true); });
        clock.restart();
        qInfo("cut host %d off after %lld of %lld bytes", cutHost, output.fetched(), kFileSize);

        // The four agree on a ring without it; alone, it sees a ring of itself.
        const qint64 repaired = waitForAgreement(others, 12'000);
        QVERIFY2(repaired >= 0, "the four hosts left did not agree on a ring of four");
        qInfo("the four others agree on a ring of four %lld ms after the cut", clock.elapsed());
        QVERIFY2(waitForAgreement({cutHost}, 8'000) >= 0, "the cut host did not find itself alone");

        // The download ends from the source that is left, while the other is still cut off.
        QVERIFY(download.waitForFinished(20'000));
        output.read(download);
        QVERIFY2(download.exitStatus() == QProcess::NormalExit && download.exitCode() == 0,
                 download.readAllStandardError().constData());
        QVERIFY(!output.done.isEmpty());
        QFile downloaded(output.done.value(QStringLiteral("path")).toString());
        QCOMPARE(QFileInfo(downloaded).fileName(), shared.name);
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QVERIFY(downloaded.readAll() == shared.data);
        qInfo("the download finished %lld ms after the cut", clock.elapsed());

        // Link back up: one ring of five again.
        QVERIFY(setLinkUp(cut, cutHost, true));
        const qint64 merged = waitForAgreement(kAllHosts, 12'000);
        QVERIFY2(merged >= 0, "the rings did not merge into one of five");
        qInfo("one ring of five %lld ms after the link is back", merged);
    }

    // The switch splits the hosts 3 and 2: neither side is left alone, so nobody is without successors to
    // go looking, yet the two rings must become one once the switch is whole.
    void ringsFormedApartMergeWhenTheSwitchIsWhole() {
        const QList<int> left{1, 2, 3};
        const QList<int> right{4, 5};
        QVERIFY2(waitForAgreement(kAllHosts, 12'000) >= 0, "the five hosts are not on one ring");
        QVERIFY(m_lan->splitSwitch(right, true));
        const auto rejoin = qScopeGuard([&] { m_lan->splitSwitch(right, false); });
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(waitForAgreement(left, 12'000) >= 0, "hosts 1, 2 and 3 did not agree on a ring of three");
        QVERIFY2(waitForAgreement(right, 12'000) >= 0, "hosts 4 and 5 did not agree on a ring of two");
        qInfo("split into rings of three and two after %lld ms", clock.elapsed());

        QVERIFY(m_lan->splitSwitch(right, false));
        const qint64 merged = waitForAgreement(kAllHosts, 15'000);
        QVERIFY2(merged >= 0, "the rings of three and two did not merge into one of five");
        qInfo("one ring of five %lld ms after the switch is whole", merged);
    }
};

QTEST_GUILESS_MAIN(TestMultiHost)
#include "tst_multihost.moc"
