// Tests for Manifest and FileHasher: chunk sizes, stable content ids, round trips, every tampered
// byte refused, the byte order mark, and the hasher against the obvious way.
#include "crypto/cryptoinit.h"
#include "share/filehasher.h"
#include "share/manifest.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ringshare;
using namespace ringshare::share;

namespace {

crypto::Identity identityFrom(std::uint8_t fill) {
    crypto::Identity::Seed seed;
    seed.fill(fill);
    return crypto::Identity::fromSeed(seed);
}

QByteArray patterned(qint64 size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(generator.generate() & 0xff);
    return data;
}

// Hashes `data` the slow, obvious way: one chunk after another.
Manifest manifestOf(const QByteArray& data, const QString& name, const crypto::Identity& identity) {
    Manifest manifest;
    manifest.name = name;
    manifest.size = data.size();
    manifest.chunkSize = Manifest::chunkSizeFor(data.size());
    for (qint64 offset = 0; offset < data.size(); offset += manifest.chunkSize)
        manifest.chunkHashes += Manifest::hashChunk(QByteArrayView(data).sliced(offset).first(
            qMin<qint64>(manifest.chunkSize, data.size() - offset)));
    manifest.sign(identity);
    return manifest;
}

} // namespace

class TestManifest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { crypto::requireInitialized(); }

    void chunkSizeGrowsWithTheFile_data() {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<int>("chunkSize");
        constexpr qint64 MiB = 1024 * 1024;
        QTest::newRow("empty") << qint64(0) << 256 * 1024;
        QTest::newRow("1 byte") << qint64(1) << 256 * 1024;
        QTest::newRow("512 MiB") << 512 * MiB << 256 * 1024;
        QTest::newRow("512 MiB + 1") << 512 * MiB + 1 << 512 * 1024;
        QTest::newRow("1 GiB") << 1024 * MiB << 512 * 1024;
        QTest::newRow("4 GiB") << 4096 * MiB << 2 * 1024 * 1024;
        QTest::newRow("100 GiB") << 102400 * MiB << 4 * 1024 * 1024;
    }
    void chunkSizeGrowsWithTheFile() {
        QFETCH(qint64, size);
        QFETCH(int, chunkSize);
        QCOMPARE(Manifest::chunkSizeFor(size), chunkSize);
        QVERIFY(Manifest::chunkCountFor(size, chunkSize) <= Manifest::kMaxChunkCount);
    }

    void contentIdIsStable() {
        // Pinned (checked independently with Python hashlib): a change to the content id would split every
        // swarm in two.
        const QByteArray data = QByteArray(300 * 1024, 'r');
        const Manifest manifest = manifestOf(data, QStringLiteral("a.bin"), identityFrom(1));
        QCOMPARE(manifest.chunkCount(), 2);
        QCOMPARE(manifest.contentId().toHex(),
                 QStringLiteral("7f91ed9c17e2d86974e1132fd9ba31db96414dd75a4dd231f636b572d45e3d71"));
        QCOMPARE(Manifest::contentIdFor(0, {}).toHex(),
                 QStringLiteral("b64351e90f68447b04bf195c7e82b7c958d9742803f7a26c741d49810de0e5bd"));
    }

    void contentIdIgnoresNameAndPublisher() {
        const QByteArray data = patterned(700 * 1024, 7);
        const Manifest a = manifestOf(data, QStringLiteral("one.bin"), identityFrom(1));
        const Manifest b = manifestOf(data, QStringLiteral("two.bin"), identityFrom(2));
        QCOMPARE(a.contentId(), b.contentId());
        QVERIFY(a.signature != b.signature);
        QVERIFY(
            manifestOf(patterned(700 * 1024, 8), QStringLiteral("one.bin"), identityFrom(1)).contentId() !=
            a.contentId());
    }

    void roundTripsAndVerifies() {
        const QByteArray data = patterned(1024 * 1024 + 5, 3);
        const Manifest manifest = manifestOf(data, QStringLiteral("Früh 東京.mkv"), identityFrom(4));
        QVERIFY(manifest.hasValidSignature());
        const ContentId id = manifest.contentId();
        const auto decoded = Manifest::decode(manifest.encode(), &id);
        QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
        QCOMPARE(decoded.value(), manifest);
        for (int i = 0; i < manifest.chunkCount(); ++i) {
            const qint64 offset = manifest.chunkOffset(i);
            QVERIFY(manifest.chunkMatches(i, QByteArrayView(data).sliced(offset, manifest.chunkLength(i))));
        }
        QCOMPARE(manifest.chunkLength(4), 5);
        QVERIFY(!manifest.chunkMatches(4, "12345"));
        QVERIFY(!manifest.chunkMatches(5, {}));
    }

    void everyTamperedByteIsRefused() {
        const Manifest manifest =
            manifestOf(patterned(600 * 1024, 5), QStringLiteral("x.iso"), identityFrom(9));
        const ContentId id = manifest.contentId();
        const QByteArray encoded = manifest.encode();
        for (qsizetype i = 0; i < encoded.size(); ++i) {
            QByteArray tampered = encoded;
            tampered[i] = char(tampered[i] ^ 0x20);
            const auto decoded = Manifest::decode(tampered, &id);
            QVERIFY2(!decoded.ok(), qPrintable(QStringLiteral("byte %1 changed and still accepted").arg(i)));
            QVERIFY(!decoded.error().isEmpty());
        }
    }

    void refusesForgeriesAndBadShapes() {
        const Manifest genuine = manifestOf(patterned(300 * 1024, 6), QStringLiteral("x"), identityFrom(3));
        const ContentId id = genuine.contentId();

        Manifest renamed = genuine;
        renamed.name = QStringLiteral("malware.exe");
        QVERIFY(!Manifest::decode(renamed.encode(), &id).ok());

        // Someone else's valid manifest for other bytes is not the content the link names.
        const Manifest other = manifestOf(patterned(300 * 1024, 7), QStringLiteral("x"), identityFrom(3));
        const auto swapped = Manifest::decode(other.encode(), &id);
        QVERIFY(!swapped.ok());
        QVERIFY(swapped.error().contains(QStringLiteral("do not belong")));

        const QByteArray encoded = genuine.encode();
        QVERIFY(!Manifest::decode(encoded.first(encoded.size() - 1)).ok());
        QVERIFY(!Manifest::decode(encoded + '\0').ok());
        QVERIFY(!Manifest::decode({}).ok());
        QVERIFY(!Manifest::decode(QByteArray(Manifest::kMaxEncodedSize + 1, 'R')).ok());

        Manifest badChunk = genuine;
        badChunk.chunkSize *= 2;
        badChunk.sign(identityFrom(3));
        QVERIFY(Manifest::decode(badChunk.encode()).error().contains(QStringLiteral("chunk size")));

        Manifest huge = genuine;
        huge.size = Manifest::kMaxFileSize + 1;
        QVERIFY(Manifest::decode(huge.encode()).error().contains(QStringLiteral("beyond")));

        QByteArray badUtf8 = encoded;
        const int nameAt = 4 + 1 + 8 + 4 + 2;
        badUtf8[nameAt] = char(0xff);
        QVERIFY(Manifest::decode(badUtf8).error().contains(QStringLiteral("UTF-8")));
    }

    void aLeadingByteOrderMarkIsPartOfTheName() {
        const Manifest withMark =
            manifestOf(patterned(1000, 8), QStringLiteral("\uFEFFnotes.txt"), identityFrom(2));
        const auto decoded = Manifest::decode(withMark.encode());
        QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
        QCOMPARE(decoded->name, withMark.name);

        // The mark put in front of a name signed without it is a different name, not a second spelling.
        const Manifest plain = manifestOf(patterned(1000, 8), QStringLiteral("notes.txt"), identityFrom(2));
        QByteArray inserted = plain.encode();
        const int nameLengthAt = 4 + 1 + 8 + 4;
        inserted.insert(nameLengthAt + 2, "\xef\xbb\xbf");
        inserted[nameLengthAt + 1] = char(inserted[nameLengthAt + 1] + 3);
        QVERIFY(!Manifest::decode(inserted).ok());
    }

    void hasherMatchesTheObviousWay_data() {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<int>("threads");
        QTest::newRow("empty") << qint64(0) << 2;
        QTest::newRow("one byte") << qint64(1) << 4;
        QTest::newRow("exactly one chunk") << qint64(256 * 1024) << 3;
        QTest::newRow("many chunks, 1 thread") << qint64(5 * 256 * 1024 + 77) << 1;
        QTest::newRow("many chunks, 4 threads") << qint64(9 * 256 * 1024 + 1) << 4;
    }
    void hasherMatchesTheObviousWay() {
        QFETCH(qint64, size);
        QFETCH(int, threads);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.bin"));
        const QByteArray data = patterned(size, quint32(size));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
        file.close();

        std::atomic<qint64> lastProgress{0};
        FileHasher::Options options;
        options.threads = threads;
        options.progress = [&](qint64 done, qint64 total) {
            QCOMPARE(total, size);
            qint64 seen = lastProgress.load();
            while (done > seen && !lastProgress.compare_exchange_weak(seen, done)) {
            }
        };
        const auto hashed = FileHasher::hash(path, options);
        QVERIFY2(hashed.ok(), qPrintable(hashed.error()));
        const Manifest expected = manifestOf(data, QStringLiteral("f.bin"), identityFrom(1));
        QCOMPARE(hashed->size, size);
        QCOMPARE(hashed->chunkSize, expected.chunkSize);
        QCOMPARE(hashed->chunkHashes, expected.chunkHashes);
        QCOMPARE(lastProgress.load(), size);
        QCOMPARE(hashed->modifiedMs, QFileInfo(path).lastModified().toMSecsSinceEpoch());
    }

    void hasherReportsWhatGoesWrong() {
        QTemporaryDir dir;
        const auto missing = FileHasher::hash(dir.filePath(QStringLiteral("none")), {});
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(QStringLiteral("Cannot read")));
        QVERIFY(!FileHasher::hash(dir.path(), {}).ok());

        const QString path = dir.filePath(QStringLiteral("f.bin"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(1024 * 1024, 'x'));
        file.close();
        std::atomic<bool> cancel{true};
        FileHasher::Options options;
        options.cancel = &cancel;
        const auto cancelled = FileHasher::hash(path, options);
        QVERIFY(!cancelled.ok());
        QVERIFY(cancelled.error().contains(QStringLiteral("cancelled")));

        // A file that shrinks while it is read is noticed, not hashed as it never was.
        FileHasher::Options shrinking;
        shrinking.threads = 1;
        shrinking.progress = [&](qint64 done, qint64) {
            if (done == 256 * 1024)
                QFile::resize(path, 300 * 1024);
        };
        const auto changed = FileHasher::hash(path, shrinking);
        QVERIFY(!changed.ok());
        QVERIFY2(changed.error().contains(QStringLiteral("changed")), qPrintable(changed.error()));
    }
};

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
