// The ringshare-node command line as a script sees it: real process, real files, exit codes and output.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runNode(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(RINGSHARE_NODE_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}
} // namespace

class TestNodeCli final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void versionPrintsTheProjectVersion() {
        const Run run = runNode({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^ringshare-node \\d+\\.\\d+\\.\\d+\n$"))
                     .match(QString::fromUtf8(run.out))
                     .hasMatch(),
                 run.out.constData());
    }

    void helpDocumentsCommandsAndOptions() {
        const Run run = runNode({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char* word : {"--data-dir", "--json", "--version", "Exit codes", "id"})
            QVERIFY2(run.out.contains(word), word);
    }

    void secondStartReusesTheIdentity() {
        QTemporaryDir dir;
        const QStringList args{QStringLiteral("id"), QStringLiteral("--json"), QStringLiteral("--data-dir"),
                               dir.filePath(QStringLiteral("node"))};
        const Run first = runNode(args);
        QCOMPARE(first.exitCode, 0);
        const QJsonObject a = QJsonDocument::fromJson(first.out).object();
        QCOMPARE(a.value(QStringLiteral("node_id")).toString().size(), 40);
        QCOMPARE(a.value(QStringLiteral("public_key")).toString().size(), 64);
        QVERIFY(first.out.endsWith('\n'));
        QCOMPARE(first.out.count('\n'), 1);

        const Run second = runNode(args);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(second.out).object(), a);

        const Run other = runNode({QStringLiteral("id"), QStringLiteral("--json"),
                                   QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("other"))});
        QCOMPARE(other.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(other.out).object() != a);
    }

    void badUsageExitsWithTwo() {
        for (const QStringList& args :
             {QStringList{}, QStringList{QStringLiteral("frobnicate")},
              QStringList{QStringLiteral("--no-such-option"), QStringLiteral("id")}}) {
            const Run run = runNode(args);
            QCOMPARE(run.exitCode, 2);
            QVERIFY(run.out.isEmpty());
            QVERIFY(run.err.startsWith("ringshare-node: "));
            QCOMPARE(run.err.count('\n'), 1);
        }
    }

    void corruptIdentityFailsWithOneClearLine() {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("node"));
        QCOMPARE(runNode({QStringLiteral("id"), QStringLiteral("--data-dir"), dataDir}).exitCode, 0);
        QFile key(dataDir + QStringLiteral("/identity.key"));
        QVERIFY(key.open(QIODevice::ReadWrite));
        QVERIFY(key.resize(10));
        key.close();

        const Run run = runNode({QStringLiteral("id"), QStringLiteral("--data-dir"), dataDir});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("truncated"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QCOMPARE(QFileInfo(key).size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestNodeCli)
#include "tst_nodecli.moc"
