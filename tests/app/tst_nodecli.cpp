// The ringshare-node command line as a script sees it: real process, real files, exit codes and output.
#include "nodeprocess.h"
#include "noderun.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <cmath>

class TestNodeCli final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void versionPrintsTheProjectVersion() {
        const NodeRun run = runNodeTool({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^ringshare-node \\d+\\.\\d+\\.\\d+\n$"))
                     .match(QString::fromUtf8(run.out))
                     .hasMatch(),
                 run.out.constData());
    }

    void helpDocumentsCommandsAndOptions() {
        const NodeRun run = runNodeTool({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char* word : {"--data-dir", "--json", "--version", "Exit codes", "id", "run", "ring",
                                 "lookup", "put", "get", "--bootstrap", "--port", "--bind", "--stabilize-ms",
                                 "--no-lan", "--lan-port", "peers.json", "--config", "--no-port-mapping"})
            QVERIFY2(run.out.contains(word), word);
    }

    void secondStartReusesTheIdentity() {
        QTemporaryDir dir;
        const QStringList args{QStringLiteral("id"), QStringLiteral("--json"), QStringLiteral("--data-dir"),
                               dir.filePath(QStringLiteral("node"))};
        const NodeRun first = runNodeTool(args);
        QCOMPARE(first.exitCode, 0);
        const QJsonObject a = QJsonDocument::fromJson(first.out).object();
        QCOMPARE(a.value(QStringLiteral("node_id")).toString().size(), 40);
        QCOMPARE(a.value(QStringLiteral("public_key")).toString().size(), 64);
        QVERIFY(first.out.endsWith('\n'));
        QCOMPARE(first.out.count('\n'), 1);

        const NodeRun second = runNodeTool(args);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(second.out).object(), a);

        const NodeRun other =
            runNodeTool({QStringLiteral("id"), QStringLiteral("--json"), QStringLiteral("--data-dir"),
                         dir.filePath(QStringLiteral("other"))});
        QCOMPARE(other.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(other.out).object() != a);
    }

    void badUsageExitsWithTwo() {
        for (const QStringList& args :
             {QStringList{}, QStringList{QStringLiteral("frobnicate")},
              QStringList{QStringLiteral("--no-such-option"), QStringLiteral("id")}}) {
            const NodeRun run = runNodeTool(args);
            QCOMPARE(run.exitCode, 2);
            QVERIFY(run.out.isEmpty());
            QVERIFY(run.err.startsWith("ringshare-node: "));
            QCOMPARE(run.err.count('\n'), 1);
        }
    }

    // A free UDP port for a node to take: held only long enough to learn its number.
    static quint16 freePort() {
        QUdpSocket probe;
        return probe.bind(QHostAddress::LocalHost, 0) ? probe.localPort() : 0;
    }

    // Starts `run --json` with ARGS and returns the UDP port its ready line reports (0 if none came).
    static quint16 readyPortOf(const QStringList& args) {
        QProcess process;
        process.start(QStringLiteral(RINGSHARE_NODE_BINARY),
                      QStringList{QStringLiteral("run"), QStringLiteral("--json"),
                                  QStringLiteral("--no-port-mapping")} +
                          args);
        if (!process.waitForStarted() || !process.waitForReadyRead(10'000))
            return 0;
        const QJsonObject ready = QJsonDocument::fromJson(process.readLine()).object();
        process.terminate();
        process.waitForFinished(10'000);
        return quint16(ready.value(QStringLiteral("udp_port")).toInt());
    }

    static QString writeConfig(const QTemporaryDir& dir, const QByteArray& text) {
        const QString path = dir.filePath(QStringLiteral("node.conf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            return {};
        return path;
    }

    void configFileIsAppliedAndTheCommandLineWins() {
        QTemporaryDir dir;
        const quint16 filePort = freePort();
        const quint16 commandLinePort = freePort();
        QVERIFY(filePort != 0 && commandLinePort != 0 && filePort != commandLinePort);
        const QString config = writeConfig(dir, QByteArrayLiteral("# a node on loopback\n\n  port = ") +
                                                    QByteArray::number(filePort) +
                                                    "\nbind=127.0.0.1\nlan = no\nupload-limit = 64\n");
        QVERIFY(!config.isEmpty());
        const QStringList common{QStringLiteral("--config"), config, QStringLiteral("--data-dir"),
                                 dir.filePath(QStringLiteral("n"))};
        QCOMPARE(readyPortOf(common), filePort);
        QCOMPARE(
            readyPortOf(common + QStringList{QStringLiteral("--port"), QString::number(commandLinePort)}),
            commandLinePort);
    }

    void badConfigFileExitsWithTwo_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown key") << QByteArray("port = 4000\ncolour = blue\n")
                                     << QByteArray("line 2: unknown key 'colour'");
        QTest::newRow("no equals sign")
            << QByteArray("port 4000\n") << QByteArray("line 1: expected 'key = value'");
        QTest::newRow("port out of range")
            << QByteArray("port = 70000\n") << QByteArray("port takes a number");
        QTest::newRow("port not a number")
            << QByteArray("port = four\n") << QByteArray("port takes a number");
        QTest::newRow("bad bind") << QByteArray("bind = localhost\n")
                                  << QByteArray("bind takes an IP address");
        QTest::newRow("bad bootstrap") << QByteArray("bootstrap = 10.0.0.1:4000, nowhere\n")
                                       << QByteArray("bootstrap takes HOST:PORT, not 'nowhere'");
        // Only '\n' ends a line, and a carriage return inside one must not split or overwrite the error.
        QTest::newRow("carriage return in a line")
            << QByteArray("bind = 10.0.0.1\rport = 5\n") << QByteArray("line 1: control character U+000D");
        QTest::newRow("lan maybe") << QByteArray("lan = maybe\n") << QByteArray("lan takes yes or no");
        QTest::newRow("port-mapping maybe")
            << QByteArray("port-mapping = maybe\n") << QByteArray("port-mapping takes yes or no");
        QTest::newRow("relative share")
            << QByteArray("share = music\n") << QByteArray("share takes an absolute path");
        QTest::newRow("negative limit")
            << QByteArray("download-limit = -1\n") << QByteArray("download-limit takes KiB/s");
        QTest::newRow("not text") << QByteArray("port = 1\0\xff\xfe", 12) << QByteArray("is not UTF-8 text");
        QTest::newRow("too large") << QByteArray(70 * 1024, '#') << QByteArray("is larger than 64 KiB");
        QTest::newRow("missing") << QByteArray() << QByteArray("cannot read config file");
    }

    void badConfigFileExitsWithTwo() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        const QString config = QTest::currentDataTag() == QByteArray("missing")
                                   ? dir.filePath(QStringLiteral("no-such.conf"))
                                   : writeConfig(dir, text);
        QVERIFY(!config.isEmpty());
        const NodeRun run =
            runNodeTool({QStringLiteral("run"), QStringLiteral("--no-lan"),
                         QStringLiteral("--no-port-mapping"), QStringLiteral("--config"), config,
                         QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("n"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.startsWith("ringshare-node: ") && run.err.contains(message), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    // Five `run` processes on loopback form one ring that `ring` walks in order and `lookup` routes through;
    // SIGTERM makes each leave gracefully and exit 0.
    void processesFormARingThatRingAndLookupSee() {
        QTemporaryDir dir;
        std::vector<std::unique_ptr<QProcess>> nodes;
        QStringList ids;
        quint16 firstPort = 0;
        for (int i = 0; i < 5; ++i) {
            auto process = std::make_unique<QProcess>();
            QStringList args{QStringLiteral("run"),
                             QStringLiteral("--json"),
                             QStringLiteral("--no-lan"),
                             QStringLiteral("--no-port-mapping"),
                             QStringLiteral("--stabilize-ms"),
                             QStringLiteral("100"),
                             QStringLiteral("--data-dir"),
                             dir.filePath(QStringLiteral("n%1").arg(i))};
            if (i > 0)
                args << QStringLiteral("--bootstrap") << QStringLiteral("127.0.0.1:%1").arg(firstPort);
            process->start(QStringLiteral(RINGSHARE_NODE_BINARY), args);
            QVERIFY(process->waitForStarted());
            QVERIFY(process->waitForReadyRead(10'000));
            const QJsonObject ready = QJsonDocument::fromJson(process->readLine()).object();
            QCOMPARE(ready.value(QStringLiteral("event")).toString(), QStringLiteral("ready"));
            QVERIFY(ready.value(QStringLiteral("udp_port")).toInt() > 0);
            if (i == 0)
                firstPort = quint16(ready.value(QStringLiteral("udp_port")).toInt());
            ids << ready.value(QStringLiteral("node_id")).toString();
            nodes.push_back(std::move(process));
        }
        const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(firstPort);

        // The walk must list all five, in ring order, starting at the node asked.
        QStringList sorted = ids;
        std::sort(sorted.begin(), sorted.end());
        QStringList expected;
        const qsizetype start = sorted.indexOf(ids.first());
        for (qsizetype k = 0; k < sorted.size(); ++k)
            expected << sorted[(start + k) % sorted.size()];
        QStringList walked;
        for (int attempt = 0; attempt < 100 && walked != expected; ++attempt) {
            QTest::qWait(200);
            const NodeRun ring = runNodeTool(
                {QStringLiteral("ring"), QStringLiteral("--json"), QStringLiteral("--bootstrap"), bootstrap});
            walked.clear();
            for (const QByteArray& line : ring.out.split('\n'))
                if (!line.isEmpty())
                    walked
                        << QJsonDocument::fromJson(line).object().value(QStringLiteral("node_id")).toString();
        }
        QCOMPARE(walked, expected);

        const NodeRun lookup =
            runNodeTool({QStringLiteral("lookup"), QStringLiteral("holiday photos"), QStringLiteral("--json"),
                         QStringLiteral("--bootstrap"), bootstrap});
        QCOMPARE(lookup.exitCode, 0);
        const QJsonObject answer = QJsonDocument::fromJson(lookup.out).object();
        QVERIFY(ids.contains(answer.value(QStringLiteral("owner")).toString()));
        QVERIFY(answer.value(QStringLiteral("address")).toString().startsWith(QStringLiteral("127.0.0.1:")));
        QVERIFY(answer.value(QStringLiteral("hops")).isArray());

        for (auto& process : nodes)
            process->terminate();
        for (auto& process : nodes) {
            QVERIFY(process->waitForFinished(10'000));
            QCOMPARE(process->exitStatus(), QProcess::NormalExit);
            QCOMPARE(process->exitCode(), 0);
            QVERIFY(process->readAllStandardOutput().contains("\"event\":\"left\""));
        }

        const NodeRun unreachable =
            runNodeTool({QStringLiteral("ring"), QStringLiteral("--bootstrap"), bootstrap});
        QCOMPARE(unreachable.exitCode, 1);
        QVERIFY(unreachable.err.contains("no bootstrap node answered"));
    }

    // `run` with a bootstrap node nobody answers at says so in one line and keeps trying; SIGTERM ends it.
    void unreachableBootstrapIsReportedAndRetried() {
        QTemporaryDir dir;
        QProcess process;
        process.start(QStringLiteral(RINGSHARE_NODE_BINARY),
                      {QStringLiteral("run"), QStringLiteral("--no-lan"), QStringLiteral("--no-port-mapping"),
                       QStringLiteral("--stabilize-ms"), QStringLiteral("100"), QStringLiteral("--bootstrap"),
                       QStringLiteral("127.0.0.1:9"), QStringLiteral("--data-dir"),
                       dir.filePath(QStringLiteral("n"))});
        QVERIFY(process.waitForStarted());
        QByteArray errors;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (errors += process.readAllStandardError()).contains("no bootstrap node answered yet"),
            errors.constData(), 10'000);
        QCOMPARE(process.state(), QProcess::Running);
        process.terminate();
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
    }

    // `get LINK` through a bootstrap node nobody answers at: one line, exit code 1, nothing on stdout.
    void getThroughAnUnansweredBootstrapFailsInOneLine() {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("n"));
        QCOMPARE(runNodeTool({QStringLiteral("id"), QStringLiteral("--data-dir"), dataDir}).exitCode, 0);
        const NodeRun run = runNodeTool(
            {QStringLiteral("get"), QStringLiteral("ringshare:?xt=%1&dn=x.bin&xl=10").arg(QString(64, u'5')),
             QStringLiteral("--json"), QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:9"),
             QStringLiteral("--data-dir"), dataDir, QStringLiteral("--download-dir"),
             dir.filePath(QStringLiteral("downloads"))});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err, QByteArray("ringshare-node: no bootstrap node answered\n"));
        QVERIFY(run.out.isEmpty());
    }

    // --bootstrap takes names as well as addresses; a malformed one is refused up front with the reason.
    void badBootstrapFormsAreExplained_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("no port") << QStringLiteral("seed.example.org") << QByteArray("it has no port");
        QTest::newRow("port 0") << QStringLiteral("seed.example.org:0") << QByteArray("1 to 65535");
        QTest::newRow("bare ipv6") << QStringLiteral("2001:db8::1:4000") << QByteArray("brackets");
        QTest::newRow("bad name") << QStringLiteral("seed_1.example.org:4000")
                                  << QByteArray("letters, digits");
    }

    void badBootstrapFormsAreExplained() {
        QFETCH(QString, node);
        QFETCH(QByteArray, said);
        const NodeRun run = runNodeTool({QStringLiteral("ring"), QStringLiteral("--bootstrap"), node});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("ringshare-node: --bootstrap takes HOST:PORT, not '" + node.toUtf8()) &&
                     run.err.contains(said),
                 run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    // A name that does not resolve (the reserved .invalid domain) is named in a warning, by the one-shot
    // commands and by `run`, whose setting may come from the config file; `run` keeps trying.
    void anUnresolvableBootstrapNameIsToldClearly() {
        QTemporaryDir dir;
        const NodeRun ring = runNodeTool(
            {QStringLiteral("ring"), QStringLiteral("--bootstrap"), QStringLiteral("seed.invalid:4000")});
        QCOMPARE(ring.exitCode, 1);
        QVERIFY2(ring.err.startsWith("ringshare-node: Cannot find the node seed.invalid:4000: ") &&
                     ring.err.endsWith("ringshare-node: no bootstrap node answered\n"),
                 ring.err.constData());

        const QString config =
            writeConfig(dir, QByteArrayLiteral("bootstrap = seed.invalid:4000\nlan = no\n"));
        QProcess process;
        process.start(QStringLiteral(RINGSHARE_NODE_BINARY),
                      {QStringLiteral("run"), QStringLiteral("--config"), config,
                       QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("n"))});
        QVERIFY(process.waitForStarted());
        QByteArray errors;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (errors += process.readAllStandardError()).contains("Cannot find the node seed.invalid:4000: "),
            errors.constData(), 10'000);
        QTest::qWait(1000); // it keeps running and trying, and says it once, not on every round
        errors += process.readAllStandardError();
        QCOMPARE(errors.count("Cannot find the node"), 1);
        QCOMPARE(process.state(), QProcess::Running);
        process.terminate();
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
    }

    // A port another program holds is one clear line and exit code 1.
    void takenPortFailsWithOneClearLine() {
        QTemporaryDir dir;
        QUdpSocket holder;
        QVERIFY(holder.bind(QHostAddress::Any, 0));
        const NodeRun run = runNodeTool({QStringLiteral("run"), QStringLiteral("--no-lan"),
                                         QStringLiteral("--no-port-mapping"), QStringLiteral("--port"),
                                         QString::number(holder.localPort()), QStringLiteral("--data-dir"),
                                         dir.filePath(QStringLiteral("n"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Cannot listen for UDP"), run.err.constData());
    }

    void runTellsItsReachabilityAndIdReadsItWhileItRuns() {
        // A ring of one: nothing to check yet, and said so; `id` reads it from the running node's data
        // directory, a second `run` there is refused, and once the node is gone `id` says nothing.
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("node"));
        const QStringList id{QStringLiteral("id"), QStringLiteral("--json"), QStringLiteral("--data-dir"),
                             dataDir};
        auto node = startNode(dataDir, {QStringLiteral("--no-lan")});
        QVERIFY(node);
        const QJsonObject event = waitForEvent(*node, QStringLiteral("reachability"), 10'000);
        QCOMPARE(event.value(QStringLiteral("state")).toString(), QStringLiteral("unknown"));
        QCOMPARE(event.value(QStringLiteral("method")).toString(), QStringLiteral("none"));
        QCOMPARE(event.value(QStringLiteral("role")).toString(), QStringLiteral("member"));
        QVERIFY(!event.contains(QStringLiteral("endpoint")));
        const double since = event.value(QStringLiteral("since_ms")).toDouble();
        QVERIFY(std::abs(since - double(QDateTime::currentMSecsSinceEpoch())) < 60'000);

        const NodeRun running = runNodeTool(id);
        QCOMPARE(running.exitCode, 0);
        const QJsonObject told = QJsonDocument::fromJson(running.out).object();
        QCOMPARE(told.value(QStringLiteral("node_id")).toString(), node->id);
        QJsonObject expected = event;
        expected.remove(QStringLiteral("event"));
        QCOMPARE(told.value(QStringLiteral("reachability")).toObject(), expected);

        const NodeRun second = runNodeTool(
            {QStringLiteral("run"), QStringLiteral("--no-lan"), QStringLiteral("--data-dir"), dataDir});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains("another node is running"), second.err.constData());

        node->process->terminate();
        QVERIFY(node->process->waitForFinished());
        QVERIFY(QJsonDocument::fromJson(runNodeTool(id).out)
                    .object()
                    .value(QStringLiteral("reachability"))
                    .isNull());

        // Killed, it leaves its file behind, which is not believed: no live process holds the lock.
        node = startNode(dataDir, {QStringLiteral("--no-lan")});
        QVERIFY(node);
        QVERIFY(!waitForEvent(*node, QStringLiteral("reachability"), 10'000).isEmpty());
        node->process->kill();
        QVERIFY(node->process->waitForFinished());
        QVERIFY(QFile::exists(dataDir + QStringLiteral("/reachability.json")));
        const NodeRun afterKill = runNodeTool(id);
        QCOMPARE(afterKill.exitCode, 0);
        QVERIFY(
            QJsonDocument::fromJson(afterKill.out).object().value(QStringLiteral("reachability")).isNull());
        const NodeRun text = runNodeTool({QStringLiteral("id"), QStringLiteral("--data-dir"), dataDir});
        QVERIFY2(text.out.contains("reachable:  no node running here"), text.out.constData());
    }

    void corruptIdentityFailsWithOneClearLine() {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("node"));
        QCOMPARE(runNodeTool({QStringLiteral("id"), QStringLiteral("--data-dir"), dataDir}).exitCode, 0);
        QFile key(dataDir + QStringLiteral("/identity.key"));
        QVERIFY(key.open(QIODevice::ReadWrite));
        QVERIFY(key.resize(10));
        key.close();

        const NodeRun run = runNodeTool({QStringLiteral("id"), QStringLiteral("--data-dir"), dataDir});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("truncated"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QCOMPARE(QFileInfo(key).size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestNodeCli)
#include "tst_nodecli.moc"
