// Sharing, search and download between real ringshare-node processes on loopback: six nodes, three of them
// sharing; a client searches by a word of a name and downloads by link, survives a source killed
// mid-download and a source serving corrupt chunks, and resumes after being killed itself.
#include "nodeprocess.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <fcntl.h>
#include <sys/stat.h>

namespace {

QByteArray patterned(qint64 size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator(seed).fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    return data;
}

// A `get LINK` client running in the background.
struct Download {
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QList<QJsonObject> lines;

    ~Download() {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished();
        }
    }
    void read() {
        while (process->canReadLine())
            lines.append(QJsonDocument::fromJson(process->readLine()).object());
    }
    qint64 done() const {
        for (auto it = lines.crbegin(); it != lines.crend(); ++it)
            if (it->value(QStringLiteral("event")).toString() == QStringLiteral("progress"))
                return qint64(it->value(QStringLiteral("done")).toDouble());
        return 0;
    }
    // Waits until `predicate` holds or the process ends, for at most `timeoutMs`.
    bool waitFor(const std::function<bool()>& predicate, int timeoutMs) {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            read();
            if (predicate())
                return true;
            if (process->state() == QProcess::NotRunning)
                break;
            process->waitForReadyRead(100);
        }
        // Whatever the client said on stderr explains the failure.
        qWarning().noquote() << process->readAllStandardError();
        return false;
    }
    QJsonObject last(const QString& event) const {
        for (auto it = lines.crbegin(); it != lines.crend(); ++it)
            if (it->value(QStringLiteral("event")).toString() == event)
                return *it;
        return {};
    }
};

std::unique_ptr<Download> startDownload(const QStringList& arguments) {
    auto download = std::make_unique<Download>();
    if (qEnvironmentVariableIsSet("RINGSHARE_TEST_GET_LOGGING")) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                           qEnvironmentVariable("RINGSHARE_TEST_GET_LOGGING"));
        download->process->setProcessEnvironment(environment);
    }
    download->process->start(kBinary, arguments);
    return download->process->waitForStarted() ? std::move(download) : nullptr;
}

} // namespace

class TestSharing : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<Node>> m_nodes;
    QByteArray m_photo;  // shared by node 1 only
    QByteArray m_report; // shared by nodes 1, 2 and 3; node 3's copy goes bad on disk
    QString m_bootstrap;

    QStringList clientArguments(const QString& name) const {
        return {QStringLiteral("--json"),
                QStringLiteral("--bootstrap"),
                m_bootstrap,
                QStringLiteral("--data-dir"),
                m_dir.filePath(name + QStringLiteral("-data")),
                QStringLiteral("--download-dir"),
                m_dir.filePath(name + QStringLiteral("-downloads"))};
    }

    // Searches until exactly one file with `expectedSources` sources comes back, and then until the ring
    // holds at least `expectedProviders` (by default as many) provider records for it. Records published
    // while the ring was still forming reach their owners a little later, so the first answers may hold
    // fewer.
    QString searchOne(const QString& words, int expectedSources, int expectedProviders = -1) {
        if (expectedProviders < 0)
            expectedProviders = expectedSources;
        QElapsedTimer clock;
        clock.start();
        NodeRun found;
        QString link;
        while (link.isEmpty() && clock.elapsed() < 30'000) {
            found = runNodeTool(QStringList{QStringLiteral("search")} + words.split(QLatin1Char(' ')) +
                                clientArguments(QStringLiteral("searcher")));
            const QList<QJsonObject> results = jsonLines(found.out);
            if (found.exitCode == 0 && results.size() == 1 &&
                results.first().value(QStringLiteral("sources")).toInt() == expectedSources)
                link = results.first().value(QStringLiteral("link")).toString();
            else
                QTest::qWait(300);
        }
        const QString id = link.mid(link.indexOf(QStringLiteral("xt=")) + 3, 64);
        while (!link.isEmpty() && clock.elapsed() < 30'000) {
            const NodeRun providers =
                runNodeTool({QStringLiteral("get"), QStringLiteral("file:") + id, QStringLiteral("--json"),
                             QStringLiteral("--bootstrap"), m_bootstrap});
            if (jsonLines(providers.out).size() >= expectedProviders)
                return link;
            QTest::qWait(300);
        }
        qWarning() << found.out << found.err;
        return {};
    }

private Q_SLOTS:
    // A failure is explained by what the nodes said (run with QT_LOGGING_RULES to hear more).
    void cleanup() {
        if (!QTest::currentTestFailed())
            return;
        for (size_t i = 0; i < m_nodes.size(); ++i)
            qWarning().noquote() << "node" << i << "said:\n" << m_nodes[i]->process->readAllStandardError();
    }

    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_photo = patterned(1536 * 1024 + 7, 1);
        m_report = patterned(12 * 1024 * 1024, 2);
        for (int i = 1; i <= 3; ++i)
            QDir().mkpath(m_dir.filePath(QStringLiteral("shared%1").arg(i)));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("shared1/Alpine Lake Sunrise.jpg")), m_photo));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(writeFile(m_dir.filePath(QStringLiteral("shared%1/Quarterly Report 2026.pdf").arg(i)),
                              m_report));

        // Node 0 is the bootstrap; 1 and 2 share at 1.5 MiB/s, so a download takes long enough to interrupt;
        // 3 shares at full speed, so it is surely asked for chunks once its copy goes bad.
        const QStringList common{QStringLiteral("--no-lan")};
        m_nodes.push_back(startNode(m_dir.filePath(QStringLiteral("node0")), common));
        QVERIFY(m_nodes.back());
        const QString first = m_nodes.front()->address();
        for (int i = 1; i < 6; ++i) {
            QStringList extra = common + QStringList{QStringLiteral("--bootstrap"), first};
            if (i <= 3)
                extra << QStringLiteral("--share") << m_dir.filePath(QStringLiteral("shared%1").arg(i));
            if (i <= 2)
                extra << QStringLiteral("--upload-limit") << QStringLiteral("1536");
            m_nodes.push_back(startNode(m_dir.filePath(QStringLiteral("node%1").arg(i)), extra));
            QVERIFY(m_nodes.back());
        }
        QStringList ids;
        for (const auto& node : m_nodes)
            ids << node->id;
        QVERIFY(waitForRing(first, ringOrder(ids, m_nodes.front()->id), 20'000) >= 0);
        for (int i = 1; i <= 3; ++i)
            QVERIFY(!waitForEvent(*m_nodes[size_t(i)], QStringLiteral("shared"), 10'000,
                                  [](const QJsonObject& e) {
                                      return e.value(QStringLiteral("name"))
                                          .toString()
                                          .startsWith(QStringLiteral("Quarterly"));
                                  })
                         .isEmpty());
        m_bootstrap = m_nodes[4]->address();
    }

    // A `get` asks the ring as a client: while it looks for sources it is in no walk of the ring, and after
    // --timeout seconds without any it gives up in one line.
    void aGetNobodyCanServeTakesNoPlaceOnTheRingAndGivesUp() {
        const QString link = QStringLiteral("ringshare:?xt=%1&dn=nobody.bin&xl=4096").arg(QString(64, u'7'));
        auto download = startDownload(
            QStringList{QStringLiteral("get"), link, QStringLiteral("--timeout"), QStringLiteral("3")} +
            clientArguments(QStringLiteral("nobody")));
        QVERIFY(download);
        QVERIFY(
            download->waitFor([&] { return !download->last(QStringLiteral("progress")).isEmpty(); }, 10'000));
        QStringList ids;
        for (const auto& node : m_nodes)
            ids << node->id;
        QCOMPARE(walk(m_bootstrap), ringOrder(ids, m_nodes[4]->id));
        QCOMPARE(download->process->state(), QProcess::Running);

        QVERIFY(download->process->waitForFinished(20'000));
        download->read();
        QCOMPARE(download->process->exitCode(), 1);
        const QByteArray err = download->process->readAllStandardError();
        QVERIFY2(err.endsWith("ringshare-node: no peer holding this file answered for 3 s\n"),
                 err.constData());
        QVERIFY(download->last(QStringLiteral("done")).isEmpty());
    }

    void searchesByAWordAndDownloadsByLink() {
        // Search is case- and accent-blind, and finds the file by any word of its name.
        const QString link = searchOne(QStringLiteral("SUNRISE"), 1);
        QVERIFY(link.startsWith(QStringLiteral("ringshare:?xt=")));
        QVERIFY(link.contains(QStringLiteral("dn=Alpine%20Lake%20Sunrise.jpg")));
        QVERIFY(link.endsWith(QStringLiteral("&xl=%1").arg(m_photo.size())));

        const NodeRun got =
            runNodeTool(QStringList{QStringLiteral("get"), link} + clientArguments(QStringLiteral("photo")));
        QVERIFY2(got.exitCode == 0, got.err.constData());
        const QList<QJsonObject> lines = jsonLines(got.out);
        QVERIFY(!lines.isEmpty());
        const QJsonObject done = lines.last();
        QCOMPARE(done.value(QStringLiteral("event")).toString(), QStringLiteral("done"));
        for (const QJsonObject& line : lines.mid(0, lines.size() - 1)) {
            QCOMPARE(line.value(QStringLiteral("event")).toString(), QStringLiteral("progress"));
            QCOMPARE(qint64(line.value(QStringLiteral("total")).toDouble()), m_photo.size());
        }
        const QString path = done.value(QStringLiteral("path")).toString();
        QCOMPARE(path, m_dir.filePath(QStringLiteral("photo-downloads/Alpine Lake Sunrise.jpg")));
        QCOMPARE(readFile(path), m_photo);
    }

    void survivesAKilledSourceAndACorruptOne() {
        // Node 3's copy changes on disk behind its back: same size, same time, different bytes.
        const QString badCopy = m_dir.filePath(QStringLiteral("shared3/Quarterly Report 2026.pdf"));
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(badCopy).constData(), &before), 0);
        QByteArray corrupt = m_report;
        for (qsizetype i = 0; i < corrupt.size(); i += 1000)
            corrupt[i] = char(~corrupt[i]);
        QVERIFY(writeFile(badCopy, corrupt));
        const struct timespec times[2] = {before.st_atim, before.st_mtim};
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(badCopy).constData(), times, 0), 0);

        const QString link = searchOne(QStringLiteral("quarterly report"), 3);
        QVERIFY(!link.isEmpty());
        auto download = startDownload(QStringList{QStringLiteral("get"), link} +
                                      clientArguments(QStringLiteral("report")));
        QVERIFY(download);
        // A quarter in, node 1 dies.
        QVERIFY(download->waitFor([&] { return download->done() >= m_report.size() / 4; }, 30'000));
        QVERIFY(download->done() < m_report.size());
        m_nodes[1]->process->kill();
        QVERIFY(download->process->waitForFinished(60'000));
        download->read();
        QCOMPARE(download->process->exitCode(), 0);
        const QJsonObject done = download->last(QStringLiteral("done"));
        QVERIFY(!done.isEmpty());
        QCOMPARE(readFile(done.value(QStringLiteral("path")).toString()), m_report);
        QVERIFY2(done.value(QStringLiteral("bad_chunks")).toInt() >= 1, "the corrupt source was asked");
        QVERIFY(done.value(QStringLiteral("dropped_sources")).toInt() >= 1);
    }

    void resumesAfterTheDownloaderIsKilled() {
        // Node 1's keyword record outlives node 1 (until its TTL); its provider record may or may not, as
        // the node that held it may have been node 1 itself. Nodes 2 and 3 are the live providers.
        const QString link = searchOne(QStringLiteral("report 2026"), 3, 2);
        QVERIFY(!link.isEmpty());
        QStringList arguments =
            QStringList{QStringLiteral("get"), link} + clientArguments(QStringLiteral("resume"));
        auto first = startDownload(arguments +
                                   QStringList{QStringLiteral("--download-limit"), QStringLiteral("1024")});
        QVERIFY(first);
        QVERIFY(first->waitFor([&] { return first->done() >= 3 * 1024 * 1024; }, 30'000));
        first->process->kill(); // SIGKILL: no chance to save anything on the way out
        first->process->waitForFinished();
        const qint64 doneBeforeKill = first->done();
        QVERIFY(doneBeforeKill < m_report.size());
        QVERIFY(QFileInfo::exists(
            m_dir.filePath(QStringLiteral("resume-downloads/Quarterly Report 2026.pdf.part"))));

        auto second = startDownload(arguments);
        QVERIFY(second);
        QVERIFY(second->process->waitForFinished(60'000));
        second->read();
        QCOMPARE(second->process->exitCode(), 0);
        const QJsonObject done = second->last(QStringLiteral("done"));
        const qint64 resumedFrom = qint64(done.value(QStringLiteral("resumed_from")).toDouble());
        const qint64 fetched = qint64(done.value(QStringLiteral("fetched")).toDouble());
        // The map is written at most every 250 ms, so the last chunk or two may be fetched again; nothing
        // else.
        QVERIFY2(resumedFrom >= doneBeforeKill - 1024 * 1024,
                 qPrintable(QStringLiteral("resumed from %1 after %2").arg(resumedFrom).arg(doneBeforeKill)));
        QCOMPARE(fetched, m_report.size() - resumedFrom);
        QCOMPARE(readFile(done.value(QStringLiteral("path")).toString()), m_report);
        QVERIFY(!QFileInfo::exists(
            m_dir.filePath(QStringLiteral("resume-downloads/Quarterly Report 2026.pdf.part"))));
    }

    void refusesMalformedLinks() {
        const NodeRun bad =
            runNodeTool(QStringList{QStringLiteral("get"), QStringLiteral("ringshare:?xt=1234&dn=x")} +
                        clientArguments(QStringLiteral("bad")));
        QCOMPARE(bad.exitCode, 2);
        QCOMPARE(bad.err.count('\n'), 1);
        QVERIFY(bad.err.contains("xt"));
    }
};

QTEST_GUILESS_MAIN(TestSharing)
#include "tst_sharing.moc"
