// Tests for PartFile: the .part file and its resume map, what resume trusts, finishing into place
// without replacing files, and hostile names and links.
#include "crypto/cryptoinit.h"
#include "crypto/identity.h"
#include "transfer/partfile.h"
#include "transfer/resumestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace ringshare;
using namespace ringshare::transfer;

namespace {

constexpr int kChunk = share::Manifest::kMinChunkSize;

QByteArray patterned(qint64 size, quint8 seed) {
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(quint8(seed + i * 31 + (i >> 9)));
    return data;
}

share::Manifest manifestOf(const QByteArray& data, const QString& name) {
    crypto::Identity::Seed seed;
    seed.fill(3);
    share::Manifest manifest;
    manifest.name = name;
    manifest.size = data.size();
    manifest.chunkSize = share::Manifest::chunkSizeFor(data.size());
    for (qint64 offset = 0; offset < data.size(); offset += manifest.chunkSize)
        manifest.chunkHashes += share::Manifest::hashChunk(
            QByteArrayView(data).sliced(offset, qMin<qint64>(manifest.chunkSize, data.size() - offset)));
    manifest.sign(crypto::Identity::fromSeed(seed));
    return manifest;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& data) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QBitArray bits(QStringView pattern) {
    QBitArray out(int(pattern.size()));
    for (int i = 0; i < pattern.size(); ++i)
        out.setBit(i, pattern[i] == u'1');
    return out;
}

// Every name in `dir`, symbolic links included.
QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                               QDir::Name);
}

// A download folder and a data folder side by side in one temporary folder, so that a file "next to" the
// download folder is still ours to watch.
struct Folders {
    QTemporaryDir root;
    QString downloads = root.filePath(QStringLiteral("downloads"));
    QString state = root.filePath(QStringLiteral("data"));
    [[nodiscard]] QString download(const QString& name) const { return QDir(downloads).filePath(name); }
};

} // namespace

class TestPartFile : public QObject {
    Q_OBJECT

    // Two full chunks and a short one.
    const QByteArray m_data = patterned(2 * kChunk + 1000, 1);
    share::Manifest m_manifest;

    // Writes the listed chunks of m_data and saves the map.
    void writeChunks(PartFile& part, QStringView which) {
        for (int i = 0; i < which.size(); ++i) {
            if (which[i] != u'1')
                continue;
            const auto written = part.writeChunk(
                i, QByteArrayView(m_data).sliced(m_manifest.chunkOffset(i), m_manifest.chunkLength(i)));
            QVERIFY2(written.ok(), qPrintable(written.error()));
        }
        const auto saved = part.saveState();
        QVERIFY2(saved.ok(), qPrintable(saved.error()));
    }

    // Creates a download with the chunks in `which`, saves it and closes it.
    void startDownload(const Folders& folders, QStringView which) {
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY2(created.ok(), qPrintable(created.error()));
        writeChunks(*created.value(), which);
    }

    void editState(const Folders& folders, const std::function<void(QJsonObject&)>& edit) {
        const QString path = ResumeStore::statePath(folders.state, m_manifest.contentId());
        QJsonObject state = QJsonDocument::fromJson(readFile(path)).object();
        QVERIFY(!state.isEmpty());
        edit(state);
        QVERIFY(writeFile(path, QJsonDocument(state).toJson()));
    }

private Q_SLOTS:
    void initTestCase() {
        crypto::requireInitialized();
        m_manifest = manifestOf(m_data, QStringLiteral("report.pdf"));
        QCOMPARE(m_manifest.chunkCount(), 3);
    }

    void createsAPartFileAndItsMap() {
        Folders folders;
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY2(created.ok(), qPrintable(created.error()));
        const PartFile& part = *created.value();
        QCOMPARE(part.partPath(),
                 QFileInfo(folders.download(QStringLiteral("report.pdf.part"))).absoluteFilePath());
        QCOMPARE(QFileInfo(part.partPath()).size(), m_data.size());
        QCOMPARE(part.have(), bits(u"000"));
        QVERIFY(part.fd() >= 0);
        QVERIFY(QFileInfo::exists(ResumeStore::statePath(folders.state, m_manifest.contentId())));
        QCOMPARE(entries(folders.downloads), QStringList{QStringLiteral("report.pdf.part")});
    }

    void resumeReturnsTheSavedChunks_data() {
        QTest::addColumn<QString>("saved");
        QTest::newRow("none") << "000";
        QTest::newRow("the first") << "100";
        QTest::newRow("the short last one") << "001";
        QTest::newRow("some") << "101";
        QTest::newRow("all") << "111";
    }
    void resumeReturnsTheSavedChunks() {
        QFETCH(QString, saved);
        Folders folders;
        startDownload(folders, saved);
        auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY2(resumed.ok(), qPrintable(resumed.error()));
        QVERIFY(resumed.value());
        const PartFile& part = *resumed.value();
        QCOMPARE(part.have(), bits(saved));
        QCOMPARE(part.manifest(), m_manifest);
        QCOMPARE(part.partPath(),
                 QFileInfo(folders.download(QStringLiteral("report.pdf.part"))).absoluteFilePath());
    }

    void aChangedDownloadFolderKeepsWhatWasFetched() {
        Folders folders;
        startDownload(folders, u"101");
        // The user picked another download folder since: the download goes on where it started.
        const QString elsewhere = folders.root.filePath(QStringLiteral("new downloads"));
        auto resumed = PartFile::resume(elsewhere, folders.state, m_manifest.contentId());
        QVERIFY2(resumed.ok(), qPrintable(resumed.error()));
        QCOMPARE(resumed.value()->have(), bits(u"101"));
        QCOMPARE(resumed.value()->partPath(),
                 QFileInfo(folders.download(QStringLiteral("report.pdf.part"))).absoluteFilePath());
        resumed.value().reset();
        // Maps from before the folder was kept still resume in the folder they are given.
        editState(folders, [](QJsonObject& state) { state.remove(QStringLiteral("dir")); });
        QVERIFY(!PartFile::resume(elsewhere, folders.state, m_manifest.contentId()).ok());
        QVERIFY(PartFile::resume(folders.downloads, folders.state, m_manifest.contentId()).ok());
        // Forgetting an unopened download deletes its part file (where the map says, else in the folder
        // given) and its map.
        ResumeStore::discardUnopened(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY(!QFileInfo::exists(folders.download(QStringLiteral("report.pdf.part"))));
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(folders.state, m_manifest.contentId())));
    }

    void resumeTrustsOnlyWhatTheMapListed() {
        // Chunk 1 reached the disk, but the map was not saved after it.
        Folders folders;
        {
            auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
            QVERIFY(created.ok());
            writeChunks(*created.value(), u"100");
            QVERIFY(created.value()->writeChunk(1, QByteArrayView(m_data).sliced(kChunk, kChunk)).ok());
            QCOMPARE(created.value()->have(), bits(u"110"));
        }
        auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY(resumed.ok() && resumed.value());
        QCOMPARE(resumed.value()->have(), bits(u"100"));
    }

    void aStoredChunkCountsOnceMarked() {
        // storeChunk() may run on another thread; only markHave(), back on the owner's, records the chunk.
        Folders folders;
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY(created.ok());
        PartFile& part = *created.value();
        const auto stored = part.storeChunk(1, QByteArrayView(m_data).sliced(kChunk, kChunk));
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QCOMPARE(part.have(), bits(u"000"));
        QVERIFY(part.saveState().ok());
        QCOMPARE(PartFile::resume(folders.downloads, folders.state, m_manifest.contentId()).value()->have(),
                 bits(u"000"));

        part.markHave(1);
        QVERIFY(part.saveState().ok());
        QCOMPARE(PartFile::resume(folders.downloads, folders.state, m_manifest.contentId()).value()->have(),
                 bits(u"010"));
    }

    void resumeDropsDamagedChunksOnly_data() {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("kept");
        QTest::newRow("first byte of chunk 0") << qint64(0) << "011";
        QTest::newRow("last byte of chunk 1") << qint64(2 * kChunk - 1) << "101";
        QTest::newRow("last byte of the file") << qint64(2 * kChunk + 999) << "110";
    }
    void resumeDropsDamagedChunksOnly() {
        QFETCH(qint64, offset);
        QFETCH(QString, kept);
        Folders folders;
        startDownload(folders, u"111");
        QFile file(folders.download(QStringLiteral("report.pdf.part")));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(offset));
        QVERIFY(file.write(QByteArray(1, char(m_data[offset] ^ 0x01))) == 1);
        file.close();

        auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY2(resumed.ok(), qPrintable(resumed.error()));
        QVERIFY(resumed.value());
        QCOMPARE(resumed.value()->have(), bits(kept));
    }

    void resumeChecksEveryListedChunk() {
        // A map that lists chunks never written (a hand edit, a bug, a file from elsewhere) gains nothing.
        Folders folders;
        startDownload(folders, u"100");
        editState(folders,
                  [](QJsonObject& state) { state.insert(QStringLiteral("have"), QStringLiteral("/w==")); });
        auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY2(resumed.ok(), qPrintable(resumed.error()));
        QCOMPARE(resumed.value()->have(), bits(u"100"));
    }

    void resumeDropsChunksCutOffTheFile() {
        // A part file cut short (a full disk, a crash before the size was set): the missing tail reads as
        // zeros, which do not hash right.
        Folders folders;
        startDownload(folders, u"111");
        QVERIFY(QFile::resize(folders.download(QStringLiteral("report.pdf.part")), kChunk + 10));
        auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY2(resumed.ok(), qPrintable(resumed.error()));
        QCOMPARE(resumed.value()->have(), bits(u"100"));
        QCOMPARE(QFileInfo(resumed.value()->partPath()).size(), m_data.size());
    }

    void nothingToResumeWithoutAMap() {
        Folders folders;
        const auto nothing = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY2(nothing.ok(), qPrintable(nothing.error()));
        QVERIFY(!nothing.value());

        // A map for other content does not count either.
        startDownload(folders, u"100");
        const auto other = PartFile::resume(folders.downloads, folders.state, share::ContentId());
        QVERIFY(other.ok());
        QVERIFY(!other.value());
    }

    void aDamagedMapIsAnError_data() {
        QTest::addColumn<QByteArray>("raw");   // replaces the whole map, when set
        QTest::addColumn<QString>("key");      // otherwise: the field to change
        QTest::addColumn<QJsonValue>("value"); // and its new value (undefined: removed)

        const QJsonValue none(QJsonValue::Undefined);
        QTest::newRow("empty") << QByteArray("") << QString() << none;
        QTest::newRow("garbage") << QByteArray("\x89PNG\r\n\x1a\n not a map", 18) << QString() << none;
        QTest::newRow("cut short") << QByteArray("{\"format\":1,\"name\":\"rep") << QString() << none;
        QTest::newRow("an array") << QByteArray("[1,2,3]") << QString() << none;
        QTest::newRow("a later format") << QByteArray() << QStringLiteral("format") << QJsonValue(2);
        QTest::newRow("no format") << QByteArray() << QStringLiteral("format") << none;
        QTest::newRow("no manifest") << QByteArray() << QStringLiteral("manifest") << none;
        QTest::newRow("a manifest that is not base64")
            << QByteArray() << QStringLiteral("manifest") << QJsonValue(QStringLiteral("%%%"));
        QTest::newRow("a manifest cut short")
            << QByteArray() << QStringLiteral("manifest")
            << QJsonValue(QString::fromLatin1(m_manifest.encode().chopped(1).toBase64()));
        const share::Manifest other = manifestOf(patterned(1000, 9), QStringLiteral("report.pdf"));
        QTest::newRow("the manifest of other content")
            << QByteArray() << QStringLiteral("manifest")
            << QJsonValue(QString::fromLatin1(other.encode().toBase64()));
        QTest::newRow("no part name") << QByteArray() << QStringLiteral("part") << none;
        QTest::newRow("a part name that is a number")
            << QByteArray() << QStringLiteral("part") << QJsonValue(7);
        QTest::newRow("a part name without .part")
            << QByteArray() << QStringLiteral("part") << QJsonValue(QStringLiteral("report.pdf"));
        QTest::newRow("a part name that is only .part")
            << QByteArray() << QStringLiteral("part") << QJsonValue(QStringLiteral(".part"));
        QTest::newRow("a part name one folder up")
            << QByteArray() << QStringLiteral("part") << QJsonValue(QStringLiteral("../x.part"));
        QTest::newRow("a part name in a subfolder")
            << QByteArray() << QStringLiteral("part") << QJsonValue(QStringLiteral("a/b.part"));
        QTest::newRow("an absolute part name")
            << QByteArray() << QStringLiteral("part")
            << QJsonValue(QStringLiteral("%1/x.part").arg(QDir::tempPath()));
        QTest::newRow("a part name that is hidden")
            << QByteArray() << QStringLiteral("part") << QJsonValue(QStringLiteral(".x.part"));
        QTest::newRow("a part name of a file that is gone")
            << QByteArray() << QStringLiteral("part") << QJsonValue(QStringLiteral("gone.pdf.part"));
    }
    void aDamagedMapIsAnError() {
        QFETCH(QByteArray, raw);
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        Folders folders;
        startDownload(folders, u"101");
        // Files a hostile part name could point at, with the part file itself and a subfolder.
        QVERIFY(writeFile(folders.root.filePath(QStringLiteral("x.part")), "outside"));
        QVERIFY(QDir(folders.downloads).mkdir(QStringLiteral("a")));
        QVERIFY(writeFile(folders.download(QStringLiteral("a/b.part")), "in a subfolder"));
        QVERIFY(writeFile(folders.download(QStringLiteral(".x.part")), "hidden"));
        const QByteArray partBefore = readFile(folders.download(QStringLiteral("report.pdf.part")));

        if (!raw.isNull()) {
            QVERIFY(writeFile(ResumeStore::statePath(folders.state, m_manifest.contentId()), raw));
        } else {
            editState(folders, [&](QJsonObject& state) {
                if (value.isUndefined())
                    state.remove(key);
                else
                    state.insert(key, value);
            });
        }
        const QStringList before = entries(folders.downloads);

        const auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY(!resumed.ok());
        QVERIFY(!resumed.error().isEmpty());
        QVERIFY2(resumed.error().startsWith(QStringLiteral("Cannot resume")), qPrintable(resumed.error()));
        QCOMPARE(readFile(folders.root.filePath(QStringLiteral("x.part"))), QByteArray("outside"));
        QCOMPARE(readFile(folders.download(QStringLiteral("a/b.part"))), QByteArray("in a subfolder"));
        QCOMPARE(readFile(folders.download(QStringLiteral(".x.part"))), QByteArray("hidden"));
        QCOMPARE(readFile(folders.download(QStringLiteral("report.pdf.part"))), partBefore);
        QCOMPARE(entries(folders.downloads), before);
    }

    void resumeNeverFollowsALinkAtThePartName() {
        // Someone replaces the part file with a link to a file of theirs: resuming must not open, let alone
        // resize, what the link points to.
        Folders folders;
        startDownload(folders, u"101");
        const QString victim = folders.root.filePath(QStringLiteral("victim.txt"));
        QVERIFY(writeFile(victim, "precious"));
        const QString part = folders.download(QStringLiteral("report.pdf.part"));
        QVERIFY(QFile::remove(part));
        QVERIFY(QFile::link(victim, part));

        const auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY(!resumed.ok());
        QVERIFY(!resumed.error().isEmpty());
        QCOMPARE(readFile(victim), QByteArray("precious"));
        QCOMPARE(QFileInfo(part).symLinkTarget(), victim);
    }

    void finishMovesTheFileIntoPlace() {
        Folders folders;
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY(created.ok());
        PartFile& part = *created.value();
        writeChunks(part, u"111");
        const auto finished = part.finish();
        QVERIFY2(finished.ok(), qPrintable(finished.error()));
        QCOMPARE(finished.value(),
                 QFileInfo(folders.download(QStringLiteral("report.pdf"))).absoluteFilePath());
        QCOMPARE(readFile(finished.value()), m_data);
        QCOMPARE(entries(folders.downloads), QStringList{QStringLiteral("report.pdf")});
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(folders.state, m_manifest.contentId())));
        // The descriptor still reads the file, for serving it.
        QByteArray head(16, Qt::Uninitialized);
        QCOMPARE(::pread(part.fd(), head.data(), size_t(head.size()), 0), ssize_t(head.size()));
        QCOMPARE(head, m_data.first(16));
        // Nothing left to resume.
        const auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY(resumed.ok() && !resumed.value());
    }

    void aFinishCutShortAfterTheMoveCompletesOnResume() {
        // Killed after finish() moved the file into place and before it removed the map: the next run
        // finds the map and the finished file, but no part file.
        Folders folders;
        startDownload(folders, u"111");
        QVERIFY(QFile::rename(folders.download(QStringLiteral("report.pdf.part")),
                              folders.download(QStringLiteral("report.pdf"))));

        auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY2(resumed.ok(), qPrintable(resumed.error()));
        QVERIFY(resumed.value());
        QCOMPARE(resumed.value()->have(), bits(u"111"));
        const auto finished = resumed.value()->finish();
        QVERIFY2(finished.ok(), qPrintable(finished.error()));
        QCOMPARE(finished.value(),
                 QFileInfo(folders.download(QStringLiteral("report.pdf"))).absoluteFilePath());
        QCOMPARE(readFile(finished.value()), m_data);
        QCOMPARE(entries(folders.downloads), QStringList{QStringLiteral("report.pdf")});
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(folders.state, m_manifest.contentId())));
    }

    void aFileInThePlaceOfTheDownloadIsNotTakenForIt_data() {
        QTest::addColumn<QByteArray>("other");
        QByteArray oneByteChanged = m_data;
        oneByteChanged[kChunk + 5] = char(~oneByteChanged[kChunk + 5]);
        QTest::newRow("one byte changed") << oneByteChanged;
        QTest::newRow("longer") << m_data + "x";
        QTest::newRow("shorter") << m_data.chopped(1);
    }
    void aFileInThePlaceOfTheDownloadIsNotTakenForIt() {
        // The part file is gone and some other file has the name it reserved: nothing to resume from, and
        // that file is left exactly as it is.
        QFETCH(QByteArray, other);
        Folders folders;
        startDownload(folders, u"111");
        QVERIFY(QFile::remove(folders.download(QStringLiteral("report.pdf.part"))));
        QVERIFY(writeFile(folders.download(QStringLiteral("report.pdf")), other));

        const auto resumed = PartFile::resume(folders.downloads, folders.state, m_manifest.contentId());
        QVERIFY(!resumed.ok());
        QVERIFY2(resumed.error().contains(QStringLiteral("report.pdf.part")), qPrintable(resumed.error()));
        QCOMPARE(readFile(folders.download(QStringLiteral("report.pdf"))), other);
    }

    void finishNeverReplacesAFile() {
        // The name was free when the download started; another file took it meanwhile.
        Folders folders;
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY(created.ok());
        writeChunks(*created.value(), u"111");
        QVERIFY(writeFile(folders.download(QStringLiteral("report.pdf")), "someone else's"));

        const auto finished = created.value()->finish();
        QVERIFY2(finished.ok(), qPrintable(finished.error()));
        QCOMPARE(QFileInfo(finished.value()).fileName(), QStringLiteral("report (1).pdf"));
        QCOMPARE(readFile(finished.value()), m_data);
        QCOMPARE(readFile(folders.download(QStringLiteral("report.pdf"))), QByteArray("someone else's"));
        QCOMPARE(entries(folders.downloads),
                 (QStringList{QStringLiteral("report (1).pdf"), QStringLiteral("report.pdf")}));
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(folders.state, m_manifest.contentId())));
    }

    void aTakenNameIsAvoidedFromTheStart() {
        Folders folders;
        QVERIFY(QDir().mkpath(folders.downloads));
        QVERIFY(writeFile(folders.download(QStringLiteral("report.pdf")), "older"));
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY(created.ok());
        QCOMPARE(QFileInfo(created.value()->partPath()).fileName(), QStringLiteral("report (1).pdf.part"));
        writeChunks(*created.value(), u"111");
        const auto finished = created.value()->finish();
        QVERIFY(finished.ok());
        QCOMPARE(QFileInfo(finished.value()).fileName(), QStringLiteral("report (1).pdf"));
        QCOMPARE(readFile(folders.download(QStringLiteral("report.pdf"))), QByteArray("older"));
    }

    void createNeverFollowsALink_data() {
        QTest::addColumn<QString>("linkName");
        QTest::addColumn<bool>("dangling");
        QTest::newRow("a link at the part name") << "report.pdf.part" << false;
        QTest::newRow("a dangling link at the part name") << "report.pdf.part" << true;
        QTest::newRow("a link at the final name") << "report.pdf" << false;
        QTest::newRow("a dangling link at the final name") << "report.pdf" << true;
    }
    void createNeverFollowsALink() {
        QFETCH(QString, linkName);
        QFETCH(bool, dangling);
        Folders folders;
        QVERIFY(QDir().mkpath(folders.downloads));
        const QString target = folders.root.filePath(QStringLiteral("target.txt"));
        if (!dangling)
            QVERIFY(writeFile(target, "precious"));
        const QString link = folders.download(linkName);
        QVERIFY(QFile::link(target, link));

        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY2(created.ok(), qPrintable(created.error()));
        PartFile& part = *created.value();
        QVERIFY(part.partPath() != QFileInfo(link).absoluteFilePath());
        QVERIFY(!QFileInfo(part.partPath()).isSymLink());
        writeChunks(part, u"111");
        const auto finished = part.finish();
        QVERIFY2(finished.ok(), qPrintable(finished.error()));
        QVERIFY(finished.value() != QFileInfo(link).absoluteFilePath());
        QCOMPARE(readFile(finished.value()), m_data);

        QCOMPARE(QFileInfo(link).symLinkTarget(), target);
        if (dangling)
            QVERIFY(!QFileInfo::exists(target));
        else
            QCOMPARE(readFile(target), QByteArray("precious"));
    }

    void aChunkOfTheWrongSizeIsRefused_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("size");
        QTest::newRow("one byte short") << 0 << kChunk - 1;
        QTest::newRow("one byte long") << 0 << kChunk + 1;
        QTest::newRow("empty") << 1 << 0;
        QTest::newRow("the short last chunk at full size") << 2 << kChunk;
        QTest::newRow("the short last chunk one byte short") << 2 << 999;
        QTest::newRow("past the last chunk") << 3 << 1000;
        QTest::newRow("a negative index") << -1 << kChunk;
    }
    void aChunkOfTheWrongSizeIsRefused() {
        QFETCH(int, index);
        QFETCH(int, size);
        Folders folders;
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY(created.ok());
        PartFile& part = *created.value();
        const auto written = part.writeChunk(index, QByteArray(size, 'w'));
        QVERIFY(!written.ok());
        QVERIFY(!written.error().isEmpty());
        const auto stored = part.storeChunk(index, QByteArray(size, 'w'));
        QVERIFY(!stored.ok());
        QVERIFY(!stored.error().isEmpty());
        QCOMPARE(part.have(), bits(u"000"));
        QCOMPARE(readFile(part.partPath()), QByteArray(m_data.size(), '\0'));
    }

    void discardRemovesEverything() {
        Folders folders;
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest, m_manifest.name);
        QVERIFY(created.ok());
        writeChunks(*created.value(), u"110");
        created.value()->discard();
        QCOMPARE(entries(folders.downloads), QStringList());
        QVERIFY(!QFileInfo::exists(ResumeStore::statePath(folders.state, m_manifest.contentId())));
    }

    void anEmptyFileFinishesAtOnce() {
        Folders folders;
        const share::Manifest empty = manifestOf({}, QStringLiteral("empty.txt"));
        QCOMPARE(empty.chunkCount(), 0);
        auto created = PartFile::create(folders.downloads, folders.state, empty, empty.name);
        QVERIFY2(created.ok(), qPrintable(created.error()));
        QVERIFY(created.value()->have().isEmpty());
        const auto finished = created.value()->finish();
        QVERIFY2(finished.ok(), qPrintable(finished.error()));
        QCOMPARE(QFileInfo(finished.value()).fileName(), QStringLiteral("empty.txt"));
        QCOMPARE(QFileInfo(finished.value()).size(), 0);
    }

    void aHostileNameStaysInTheDownloadFolder() {
        Folders folders;
        auto created = PartFile::create(folders.downloads, folders.state, m_manifest,
                                        QStringLiteral("../../etc/passwd"));
        QVERIFY(created.ok());
        QCOMPARE(QFileInfo(created.value()->partPath()).absolutePath(),
                 QFileInfo(folders.downloads).absoluteFilePath());
        writeChunks(*created.value(), u"111");
        const auto finished = created.value()->finish();
        QVERIFY(finished.ok());
        QCOMPARE(QFileInfo(finished.value()).absolutePath(), QFileInfo(folders.downloads).absoluteFilePath());
        QCOMPARE(entries(folders.root.path()),
                 (QStringList{QStringLiteral("data"), QStringLiteral("downloads")}));
    }
};

QTEST_GUILESS_MAIN(TestPartFile)
#include "tst_partfile.moc"
