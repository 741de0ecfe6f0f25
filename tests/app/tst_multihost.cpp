// Real multi-host faults: five hosts, each a Linux network namespace with its own address and a veth link
// to one switch, each running one ringshare-node. Two hosts share a file and a third downloads it; one
// source's cable is pulled mid-transfer. The other four must agree on a ring without it while the cut host
// is left alone, the download must finish from the source that remains with every byte right, and once
// the cable is back the two rings must merge into one of five. Needs root and permission to create
// namespaces; skips otherwise.
#include "nodeprocess.h"
#include "virtuallan.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

namespace {

constexpr int kHosts = 5;
// Every host listens on the same port, as separate machines may.
constexpr quint16 kPort = 41400;
// Hosts 2 and 3 share the file, each at kUploadKiB KiB/s so that the download lasts long enough to cut
// a source mid-way; host 5 downloads; host 2's cable is cut.
const QList<int> kSources{2, 3};
constexpr int kDownloader = 5;
constexpr int kCut = 2;
constexpr qint64 kFileSize = 8 * 1024 * 1024 + 12345;
constexpr int kUploadKiB = 640;
// The waits below give each step several times what it takes here (about 14 s in all), and add up to well
// under ctest's limit of 120 s, so a step that hangs fails with its own message.

QByteArray patterned(qint64 size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator(seed).fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    return data;
}

QString endpoint(int host) {
    return VirtualLan::address(host) + QStringLiteral(":%1").arg(kPort);
}

} // namespace

class TestMultiHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<VirtualLan> m_lan;
    std::map<int, std::unique_ptr<Node>> m_nodes; // by host
    QByteArray m_file;
    QString m_link;
    bool m_started = false; // initTestCase passed

    void printNodeErrors() {
        for (const auto& [host, node] : m_nodes)
            qWarning().noquote() << "node on host" << host << "said:\n"
                                 << node->process->readAllStandardError();
    }

    // The ring as `host` sees it, walking from its own node.
    QStringList walkFrom(int host) { return walk(endpoint(host), m_lan->launcher(host)); }

    // The IDs of `hosts` in ring order from the first of them.
    QStringList ringOf(const QList<int>& hosts) const {
        QStringList ids;
        for (int host : hosts)
            ids << m_nodes.at(host)->id;
        return ringOrder(ids, ids.first());
    }

    // Waits until every one of `hosts`, walking from itself, sees exactly the ring of `hosts`; returns the
    // time it took, or -1 after `limitMs`, saying what each saw last.
    qint64 waitForAgreement(const QList<int>& hosts, int limitMs) {
        QElapsedTimer clock;
        clock.start();
        QStringList seen;
        while (clock.elapsed() < limitMs) {
            seen.clear();
            bool agreed = true;
            for (int host : hosts) {
                const QStringList ring = walkFrom(host);
                seen << QStringLiteral("host %1 sees %2").arg(host).arg(ring.join(QLatin1Char(' ')));
                QStringList expected = ringOf(hosts);
                expected = ringOrder(expected, m_nodes.at(host)->id);
                agreed = agreed && ring == expected;
            }
            if (agreed)
                return clock.elapsed();
            QTest::qWait(200);
        }
        qWarning().noquote() << seen.join(QLatin1Char('\n'));
        return -1;
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

        m_file = patterned(kFileSize, 7);
        for (int host : kSources) {
            const QString shared = m_dir.filePath(QStringLiteral("shared%1").arg(host));
            QVERIFY(QDir().mkpath(shared));
            QFile file(shared + QStringLiteral("/Field Recordings.flac"));
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(m_file), m_file.size());
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
        const qint64 formed = waitForAgreement({1, 2, 3, 4, 5}, 12'000);
        QVERIFY2(formed >= 0, "the five hosts did not form one ring");
        qInfo("five hosts agree on one ring after %lld ms", formed);

        for (int host : kSources) {
            const QJsonObject shared = waitForEvent(*m_nodes[host], QStringLiteral("shared"), 10'000);
            QVERIFY(!shared.isEmpty());
            m_link = shared.value(QStringLiteral("link")).toString();
        }
        // The download finds its sources through the ring: wait until both provider records are there.
        const QString contentId = m_link.mid(m_link.indexOf(QStringLiteral("xt=")) + 3, 64);
        QElapsedTimer clock;
        clock.start();
        qsizetype providers = 0;
        while (providers < kSources.size() && clock.elapsed() < 12'000) {
            const NodeRun found =
                runNodeTool({QStringLiteral("get"), QStringLiteral("file:") + contentId,
                             QStringLiteral("--json"), QStringLiteral("--bootstrap"), endpoint(kDownloader)},
                            m_lan->launcher(kDownloader));
            providers = found.out.count('\n');
            if (providers < kSources.size())
                QTest::qWait(300);
        }
        QCOMPARE(providers, kSources.size());
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

    void downloadSurvivesACutSourceAndTheRingsMerge() {
        QProcess download;
        download.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        const QStringList launcher = m_lan->launcher(kDownloader);
        download.start(launcher.first(),
                       launcher.mid(1) + QStringList{kBinary, QStringLiteral("get"), m_link,
                                                     QStringLiteral("--json"), QStringLiteral("--bootstrap"),
                                                     endpoint(kDownloader), QStringLiteral("--data-dir"),
                                                     m_dir.filePath(QStringLiteral("downloader")),
                                                     QStringLiteral("--download-dir"),
                                                     m_dir.filePath(QStringLiteral("downloads"))});
        QVERIFY(download.waitForStarted());
        QJsonObject progress;
        QJsonObject done;
        const auto readDownload = [&] {
            while (download.canReadLine()) {
                const QJsonObject line = QJsonDocument::fromJson(download.readLine()).object();
                const QString event = line.value(QStringLiteral("event")).toString();
                if (event == QStringLiteral("progress"))
                    progress = line;
                else if (event == QStringLiteral("done"))
                    done = line;
            }
        };
        const auto fetched = [&] { return qint64(progress.value(QStringLiteral("done")).toDouble()); };

        // Both sources at work and a quarter of the file in: pull host 2's cable.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 12'000 && done.isEmpty() &&
               (progress.value(QStringLiteral("sources")).toInt() < kSources.size() ||
                fetched() < kFileSize / 4)) {
            download.waitForReadyRead(100);
            readDownload();
        }
        QVERIFY2(done.isEmpty(), "the download finished before the cut");
        QVERIFY2(fetched() >= kFileSize / 4,
                 qPrintable(QStringLiteral("only %1 bytes came in 12 s").arg(fetched())));
        QCOMPARE(progress.value(QStringLiteral("sources")).toInt(), kSources.size());
        QVERIFY(m_lan->setLinkUp(kCut, false));
        clock.restart();
        qInfo("cut host %d after %lld of %lld bytes", kCut, fetched(), kFileSize);

        // The four agree on a ring without it; alone, it sees a ring of itself.
        const qint64 repaired = waitForAgreement({1, 3, 4, 5}, 12'000);
        QVERIFY2(repaired >= 0, "the four hosts left did not agree on a ring of four");
        qInfo("the four others agree on a ring of four after %lld ms", repaired);
        const qint64 alone = waitForAgreement({kCut}, 8'000);
        QVERIFY2(alone >= 0, "the cut host did not find itself alone");

        // The download ends from the source that is left, while host 2 is still cut off.
        QVERIFY(download.waitForFinished(20'000));
        readDownload();
        QVERIFY2(download.exitStatus() == QProcess::NormalExit && download.exitCode() == 0,
                 download.readAllStandardError().constData());
        QVERIFY(!done.isEmpty());
        QFile file(done.value(QStringLiteral("path")).toString());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == m_file);
        qInfo("the download finished %lld ms after the cut", clock.elapsed());

        // Cable back in: one ring of five again.
        QVERIFY(m_lan->setLinkUp(kCut, true));
        const qint64 merged = waitForAgreement({1, 2, 3, 4, 5}, 12'000);
        QVERIFY2(merged >= 0, "the rings did not merge into one of five");
        qInfo("one ring of five %lld ms after the cable is back", merged);
    }
};

QTEST_GUILESS_MAIN(TestMultiHost)
#include "tst_multihost.moc"
