// Tests for Identity's key file: created 0600 and reloaded, loose modes tightened, damage reported
// and never overwritten, symlinks not followed, crash leftovers removed.
#include "crypto/identity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace ringshare::crypto;

namespace {
QString keyPath(const QTemporaryDir& dir) {
    return dir.filePath(QStringLiteral("data/identity.key"));
}
QString dataDir(const QTemporaryDir& dir) {
    return dir.filePath(QStringLiteral("data"));
}

mode_t modeOf(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 0777;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& content) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(content), content.size());
}
} // namespace

class TestIdentity final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createsPrivateFileAndReloadsSameIdentity() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto first = Identity::loadOrCreate(dataDir(dir));
        QVERIFY2(first, qPrintable(first.error()));
        QVERIFY(QFileInfo::exists(keyPath(dir)));
        QCOMPARE(modeOf(keyPath(dir)), mode_t(0600));
        QCOMPARE(modeOf(dataDir(dir)), mode_t(0700));
        QVERIFY(!QFileInfo::exists(keyPath(dir) + QStringLiteral(".tmp")));

        auto second = Identity::loadOrCreate(dataDir(dir));
        QVERIFY2(second, qPrintable(second.error()));
        QCOMPARE(second->nodeId(), first->nodeId());
        QCOMPARE(second->publicKey(), first->publicKey());
        // The reloaded secret is the same secret: its signatures verify under the original key.
        QVERIFY(first->publicKey().verify("hello", second->sign("hello")));
    }

    void fileIsReadableTextWithThePublicKey() {
        QTemporaryDir dir;
        auto identity = Identity::loadOrCreate(dataDir(dir));
        QVERIFY(identity);
        const QByteArray content = readAll(keyPath(dir));
        QVERIFY(content.startsWith("ringshare-identity v1\n"));
        QVERIFY(content.contains("public-key " + identity->publicKey().toByteArray().toHex() + '\n'));
    }

    void looseModeIsTightenedOnLoad() {
        QTemporaryDir dir;
        QVERIFY(Identity::loadOrCreate(dataDir(dir)));
        QVERIFY(::chmod(QFile::encodeName(keyPath(dir)).constData(), 0644) == 0);
        QVERIFY(Identity::loadOrCreate(dataDir(dir)));
        QCOMPARE(modeOf(keyPath(dir)), mode_t(0600));
    }

    // Every kind of damage is reported in words, and the damaged file is left exactly as it was.
    void damagedFileIsAnErrorAndNeverReplaced_data() {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("expectedWords");
        QTest::newRow("truncated") << 0 << QStringLiteral("truncated");
        QTest::newRow("empty") << 1 << QStringLiteral("truncated");
        QTest::newRow("flipped-seed-digit") << 2 << QStringLiteral("checksum does not match");
        QTest::newRow("wrong-header") << 3 << QStringLiteral("not a Ringshare identity file");
        QTest::newRow("garbage-line") << 4 << QStringLiteral("corrupt");
        QTest::newRow("oversized") << 5 << QStringLiteral("not a Ringshare identity file");
        QTest::newRow("swapped-public-key") << 6 << QStringLiteral("checksum does not match");
    }

    void damagedFileIsAnErrorAndNeverReplaced() {
        QFETCH(int, damage);
        QFETCH(QString, expectedWords);
        QTemporaryDir dir;
        QVERIFY(Identity::loadOrCreate(dataDir(dir)));
        QByteArray content = readAll(keyPath(dir));
        const qsizetype seedAt = content.indexOf("secret-seed ") + 12;
        switch (damage) {
        case 0:
            content.truncate(content.size() / 2);
            break;
        case 1:
            content.clear();
            break;
        case 2:
            content[seedAt] = content[seedAt] == '0' ? '1' : '0';
            break;
        case 3:
            content.replace("ringshare-identity v1", "ringshare-identity v9");
            break;
        case 4:
            content.insert(seedAt, "zz");
            break;
        case 5:
            content.append(QByteArray(2000, '\n'));
            break;
        case 6: {
            const QByteArray other = Identity::generate().publicKey().toByteArray().toHex();
            const qsizetype at = content.indexOf("public-key ") + 11;
            content.replace(at, other.size(), other);
            break;
        }
        }
        writeAll(keyPath(dir), content);

        const auto loaded = Identity::loadOrCreate(dataDir(dir));
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(expectedWords), qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(keyPath(dir)), qPrintable(loaded.error()));
        QCOMPARE(readAll(keyPath(dir)), content);
    }

    void unreadableDataDirectoryIsAnError() {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("blocker"));
        writeAll(blocker, "a file where a directory should be");
        const auto loaded = Identity::loadOrCreate(blocker + QStringLiteral("/sub"));
        QVERIFY(!loaded);
        QVERIFY2(!loaded.error().isEmpty(), "an error needs words");
    }

    void aCopyLeftBehindByACrashedSaveIsRemoved() {
        // save() was killed after linking its temporary file into place, before unlinking it.
        QTemporaryDir dir;
        const auto created = Identity::loadOrCreate(dataDir(dir));
        QVERIFY(created);
        // Which leaves the key under its temporary name too: a second link to the same file.
        const QString leftover = keyPath(dir) + QStringLiteral(".tmp");
        QCOMPARE(::link(QFile::encodeName(keyPath(dir)).constData(), QFile::encodeName(leftover).constData()),
                 0);

        const auto loaded = Identity::loadOrCreate(dataDir(dir));
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->nodeId(), created->nodeId());
        QVERIFY(!QFileInfo::exists(leftover));
        QVERIFY(QFileInfo::exists(keyPath(dir)));
    }

    void saveNeverOverwrites() {
        QTemporaryDir dir;
        auto original = Identity::loadOrCreate(dataDir(dir));
        QVERIFY(original);
        const QByteArray before = readAll(keyPath(dir));
        const auto saved = Identity::generate().save(keyPath(dir));
        QVERIFY(!saved);
        QVERIFY2(saved.error().contains(QStringLiteral("already exists")), qPrintable(saved.error()));
        QCOMPARE(readAll(keyPath(dir)), before);
    }

    void symlinkIsNotFollowed() {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dataDir(dir)));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("elsewhere")), keyPath(dir)));
        const auto loaded = Identity::loadOrCreate(dataDir(dir));
        QVERIFY(!loaded);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("elsewhere"))));
    }

    void movedIdentityKeepsWorking() {
        Identity a = Identity::generate();
        const auto id = a.nodeId();
        Identity b = std::move(a);
        QCOMPARE(b.nodeId(), id);
        QVERIFY(b.publicKey().verify("m", b.sign("m")));
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
