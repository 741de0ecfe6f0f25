// Tests for BackgroundWriter: the last write to a path wins, every file is replaced atomically,
// writes from many threads land, a failed write keeps the old file.
#include "base/backgroundwriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <thread>
#include <vector>

using namespace ringshare;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

QByteArray version(int n) {
    return QByteArray("version ") + QByteArray::number(n) + QByteArray(1000 + n % 7, char('a' + n % 26));
}

} // namespace

// BackgroundWriter is the one place the event loop hands bytes to another thread to be put on disk; these
// cases also run under ThreadSanitizer (the tsan preset).
class TestBackgroundWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theLastWriteToAPathWins() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nested/state.json"));
        BackgroundWriter writer;
        for (int n = 0; n < 500; ++n)
            writer.write(path, version(n), QStringLiteral("state"));
        writer.flush();
        QCOMPARE(readAll(path), version(499));
        // Only the file itself is left: every replacement went through a temporary file and a rename.
        QCOMPARE(QDir(dir.filePath(QStringLiteral("nested"))).entryList(QDir::Files),
                 QStringList{QStringLiteral("state.json")});
    }

    void everyPathGetsItsOwnBytes() {
        QTemporaryDir dir;
        {
            BackgroundWriter writer;
            for (int round = 0; round < 20; ++round)
                for (int file = 0; file < 25; ++file)
                    writer.write(dir.filePath(QStringLiteral("f%1").arg(file)), version(round * 100 + file),
                                 QStringLiteral("file"));
        } // the destructor waits for every write asked for
        for (int file = 0; file < 25; ++file)
            QCOMPARE(readAll(dir.filePath(QStringLiteral("f%1").arg(file))), version(19 * 100 + file));
    }

    void writesFromSeveralThreadsAllLand() {
        QTemporaryDir dir;
        BackgroundWriter writer;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int n = 0; n < 100; ++n)
                    writer.write(dir.filePath(QStringLiteral("t%1").arg(t)), version(t * 1000 + n),
                                 QStringLiteral("file"));
            });
        for (std::thread& thread : threads)
            thread.join();
        writer.flush();
        for (int t = 0; t < 4; ++t)
            QCOMPARE(readAll(dir.filePath(QStringLiteral("t%1").arg(t))), version(t * 1000 + 99));
    }

    void aFailedWriteIsLoggedAndLeavesTheOldFile() {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("plain-file"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a folder");
        file.close();
        const QString good = dir.filePath(QStringLiteral("good"));

        BackgroundWriter writer;
        writer.write(good, "old", QStringLiteral("good file"));
        writer.flush();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot save \"doomed\"")));
        writer.write(blocker + QStringLiteral("/inside"), "never", QStringLiteral("doomed"));
        writer.flush();
        QCOMPARE(readAll(blocker), QByteArray("not a folder"));
        QCOMPARE(readAll(good), QByteArray("old"));
        writer.write(good, "new", QStringLiteral("good file"));
        writer.flush();
        QCOMPARE(readAll(good), QByteArray("new"));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundWriter)
#include "tst_backgroundwriter.moc"
