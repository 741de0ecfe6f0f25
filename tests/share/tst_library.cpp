// Tests for Library: sharing a folder and remembering it without rehashing, noticing changed and
// vanished files, refusing what cannot be shared, a damaged library.json.
#include "base/systemclock.h"
#include "crypto/cryptoinit.h"
#include "share/library.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ringshare;
using namespace ringshare::share;

namespace {

crypto::Identity testIdentity() {
    crypto::Identity::Seed seed;
    seed.fill(5);
    return crypto::Identity::fromSeed(seed);
}

void writeFile(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

QStringList readyNames(const Library& library) {
    QStringList names;
    for (const SharedFile& file : library.files())
        if (file.state == SharedFile::State::Ready)
            names.append(QFileInfo(file.path).fileName());
    names.sort();
    return names;
}

bool waitIdle(Library& library) {
    return QTest::qWaitFor([&] { return library.isIdle(); }, 10'000);
}

} // namespace

class TestLibrary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    void sharesAFolderAndRemembersItWithoutRehashing() {
        QTemporaryDir data, shared, outside;
        writeFile(shared.filePath(QStringLiteral("a.txt")), "alpha");
        writeFile(shared.filePath(QStringLiteral("sub/b.bin")), QByteArray(700 * 1024, 'b'));
        writeFile(shared.filePath(QStringLiteral(".hidden")), "secret");
        writeFile(shared.filePath(QStringLiteral("half.iso.part")), "partial");
        writeFile(outside.filePath(QStringLiteral("private.txt")), "private");
        QVERIFY(QFile::link(outside.filePath(QStringLiteral("private.txt")),
                            shared.filePath(QStringLiteral("leak.txt"))));
        QVERIFY(QFile::link(shared.filePath(QStringLiteral("a.txt")),
                            shared.filePath(QStringLiteral("alias.txt"))));
        QVERIFY(QFile::link(outside.path(), shared.filePath(QStringLiteral("outdir"))));

        SystemClock clock;
        ContentId idOfB;
        {
            Library library(testIdentity(), data.path(), clock);
            QSignalSpy ready(&library, &Library::fileReady);
            QVERIFY(library.load().ok());
            QVERIFY(library.add(shared.path()).ok());
            QVERIFY(waitIdle(library));
            QCOMPARE(readyNames(library), (QStringList{QStringLiteral("a.txt"), QStringLiteral("alias.txt"),
                                                       QStringLiteral("b.bin")}));
            QCOMPARE(ready.count(), 3);
            const QList<SharedFile> files = library.files();
            const auto b = std::find_if(files.cbegin(), files.cend(), [](const SharedFile& f) {
                return f.path.endsWith(QStringLiteral("b.bin"));
            });
            idOfB = b->id();
            QVERIFY(library.fileFor(idOfB).has_value());
            QCOMPARE(library.fileFor(idOfB)->manifest->name, QStringLiteral("b.bin"));
            QVERIFY(library.fileFor(idOfB)->manifest->hasValidSignature());
            QCOMPARE(library.fileFor(idOfB)->manifest->publisher, testIdentity().publicKey());
        }
        // A restart finds every file ready at once, from the cached manifests: nothing is hashed again.
        Library again(testIdentity(), data.path(), clock);
        QSignalSpy progress(&again, &Library::hashProgress);
        QVERIFY(again.load().ok());
        QVERIFY(again.isIdle());
        QCOMPARE(readyNames(again), (QStringList{QStringLiteral("a.txt"), QStringLiteral("alias.txt"),
                                                 QStringLiteral("b.bin")}));
        QCOMPARE(again.roots(), QStringList{QFileInfo(shared.path()).canonicalFilePath()});
        QCOMPARE(progress.count(), 0);
        QVERIFY(again.fileFor(idOfB).has_value());
    }

    void noticesChangedAndVanishedFiles() {
        QTemporaryDir data, shared;
        const QString a = shared.filePath(QStringLiteral("a.txt"));
        const QString b = shared.filePath(QStringLiteral("b.txt"));
        writeFile(a, "first version");
        writeFile(b, "stays");
        SystemClock clock;
        Library library(testIdentity(), data.path(), clock);
        QVERIFY(library.add(shared.path()).ok());
        QVERIFY(waitIdle(library));
        const ContentId before = library.files().first().id();

        QSignalSpy withdrawn(&library, &Library::fileWithdrawn);
        QSignalSpy ready(&library, &Library::fileReady);
        writeFile(a, "second, longer version");
        library.rescan();
        QVERIFY(waitIdle(library));
        QCOMPARE(withdrawn.count(), 1);
        QCOMPARE(withdrawn.first().first().value<SharedFile>().id(), before);
        QCOMPARE(ready.count(), 1);
        QVERIFY(!library.fileFor(before));
        QVERIFY(library.files().first().id() != before);

        QFile::remove(b);
        library.rescan();
        QCOMPARE(withdrawn.count(), 2);
        QCOMPARE(readyNames(library), QStringList{QStringLiteral("a.txt")});

        library.remove(QFileInfo(shared.path()).canonicalFilePath());
        QCOMPARE(withdrawn.count(), 3);
        QVERIFY(library.files().isEmpty());
        QVERIFY(library.roots().isEmpty());
    }

    void refusesWhatCannotBeShared() {
        QTemporaryDir data;
        SystemClock clock;
        Library library(testIdentity(), data.path(), clock);
        const auto missing = library.add(data.filePath(QStringLiteral("nothing")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(QStringLiteral("does not exist")));
    }

    void ignoresADamagedList() {
        QTemporaryDir data;
        writeFile(data.filePath(QStringLiteral("library.json")), "{not json");
        SystemClock clock;
        Library library(testIdentity(), data.path(), clock);
        const auto loaded = library.load();
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().contains(QStringLiteral("Ignoring")));
        QVERIFY(library.roots().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"
