// Tests for the file-name rules: sanitising names from the network, unique names within the length
// limit, and staying inside the download folder.
#include "share/filenames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ringshare::share;

namespace {
// Lone surrogates cannot be written in a string literal.
QString withUnit(const QString& before, char16_t unit, const QString& after) {
    return before + QChar(unit) + after;
}

QString repeated(const QString& piece, int count) {
    return piece.repeated(count);
}

bool isControlOrFormat(char32_t c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || QChar::category(c) == QChar::Other_Format ||
           QChar::category(c) == QChar::Other_Control;
}

// What must hold for every name sanitizeFileName() returns, whatever came in.
void checkInvariants(const QString& name) {
    QVERIFY(!name.isEmpty());
    QVERIFY(name != QLatin1String(".") && name != QLatin1String(".."));
    QVERIFY(!name.contains(u'/') && !name.contains(u'\\') && !name.contains(u':') &&
            !name.contains(QChar(0)));
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isHighSurrogate()) {
            QVERIFY2(i + 1 < name.size() && name.at(i + 1).isLowSurrogate(), "lone high surrogate");
            QVERIFY(!isControlOrFormat(QChar::surrogateToUcs4(c, name.at(i + 1))));
            ++i;
            continue;
        }
        QVERIFY2(!c.isLowSurrogate(), "lone low surrogate");
        QVERIFY2(!isControlOrFormat(c.unicode()), qPrintable(QString::number(c.unicode(), 16)));
    }
    QVERIFY(name.toUtf8().size() <= 255);
    QVERIFY((name + kPartialSuffix).toUtf8().size() <= 255);
    QVERIFY(!name.startsWith(u'.') && !name.endsWith(u'.') && !name.startsWith(u'-') &&
            !name.startsWith(u'~'));
    QVERIFY(!name.at(0).isSpace() && !name.back().isSpace());
    QVERIFY(!name.endsWith(kPartialSuffix, Qt::CaseInsensitive));
    const QString directory = QStringLiteral("/srv/downloads");
    QVERIFY(isInside(directory, directory + u'/' + name));
    QCOMPARE(QFileInfo(directory + u'/' + name).dir().path(), directory);
    QCOMPARE(sanitizeFileName(name), name);
}

void touch(const QString& path) {
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
}
} // namespace

class TestFileNames final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data() {
        QTest::addColumn<QString>("fromNetwork");
        QTest::addColumn<QString>("expected");
        // Ordinary names pass unchanged.
        QTest::newRow("plain") << QStringLiteral("holiday.jpg") << QStringLiteral("holiday.jpg");
        QTest::newRow("spaces and accents")
            << QStringLiteral("Café Déjà Vu.MP3") << QStringLiteral("Café Déjà Vu.MP3");
        QTest::newRow("cjk") << QStringLiteral("東京タワー.jpg") << QStringLiteral("東京タワー.jpg");
        QTest::newRow("emoji") << QStringLiteral("🎉 party.png") << QStringLiteral("🎉 party.png");
        QTest::newRow("inner dashes and tildes")
            << QStringLiteral("a-b~c.txt") << QStringLiteral("a-b~c.txt");
        QTest::newRow("one letter") << QStringLiteral("a") << QStringLiteral("a");
        // Climbing out of the folder.
        QTest::newRow("parent traversal")
            << QStringLiteral("../../etc/passwd") << QStringLiteral("_.._etc_passwd");
        QTest::newRow("windows traversal")
            << QStringLiteral("..\\..\\windows") << QStringLiteral("_.._windows");
        QTest::newRow("dot dot") << QStringLiteral("..") << QStringLiteral("download");
        QTest::newRow("dot") << QStringLiteral(".") << QStringLiteral("download");
        QTest::newRow("empty") << QString() << QStringLiteral("download");
        QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("a_b");
        QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("a_b");
        QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("_");
        QTest::newRow("absolute") << QStringLiteral("/etc/shadow") << QStringLiteral("_etc_shadow");
        QTest::newRow("drive") << QStringLiteral("C:\\x") << QStringLiteral("C__x");
        QTest::newRow("alternate data stream")
            << QStringLiteral("a.txt:secret") << QStringLiteral("a.txt_secret");
        QTest::newRow("home") << QStringLiteral("~/.ssh/authorized_keys")
                              << QStringLiteral("_~_.ssh_authorized_keys");
        // Devices.
        QTest::newRow("CON") << QStringLiteral("CON") << QStringLiteral("_CON");
        QTest::newRow("con.txt") << QStringLiteral("con.txt") << QStringLiteral("_con.txt");
        QTest::newRow("LPT9.log") << QStringLiteral("LPT9.log") << QStringLiteral("_LPT9.log");
        QTest::newRow("Com1") << QStringLiteral("Com1") << QStringLiteral("_Com1");
        QTest::newRow("nul with two extensions")
            << QStringLiteral("nul.tar.gz") << QStringLiteral("_nul.tar.gz");
        QTest::newRow("device with a space") << QStringLiteral("aux .txt") << QStringLiteral("_aux .txt");
        QTest::newRow("superscript port") << QStringLiteral("COM¹") << QStringLiteral("_COM¹");
        QTest::newRow("console") << QStringLiteral("CONOUT$") << QStringLiteral("_CONOUT$");
        QTest::newRow("device behind dots") << QStringLiteral("..PRN") << QStringLiteral("_PRN");
        QTest::newRow("not a device: COM10") << QStringLiteral("COM10") << QStringLiteral("COM10");
        QTest::newRow("not a device: console.txt")
            << QStringLiteral("console.txt") << QStringLiteral("console.txt");
        QTest::newRow("not a device: CON_") << QStringLiteral("CON:") << QStringLiteral("CON_");
        // Options and home paths.
        QTest::newRow("-rf") << QStringLiteral("-rf") << QStringLiteral("_-rf");
        QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("_--help");
        QTest::newRow("dash behind a space") << QStringLiteral(" -rf") << QStringLiteral("_-rf");
        QTest::newRow("~root") << QStringLiteral("~root") << QStringLiteral("_~root");
        QTest::newRow("tilde") << QStringLiteral("~") << QStringLiteral("_~");
        // Hidden names are made visible: a download nobody can see helps no one.
        QTest::newRow(".bashrc") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
        QTest::newRow("...hidden") << QStringLiteral("...hidden") << QStringLiteral("hidden");
        // Control and invisible characters.
        QTest::newRow("NUL") << withUnit(QStringLiteral("a"), 0, QStringLiteral("b"))
                             << QStringLiteral("a_b");
        QTest::newRow("newline") << QStringLiteral("\n") << QStringLiteral("_");
        QTest::newRow("tab") << QStringLiteral("tab\there") << QStringLiteral("tab_here");
        QTest::newRow("DEL") << QStringLiteral("a\u007fb") << QStringLiteral("a_b");
        QTest::newRow("C1 next line") << QStringLiteral("a\u0085b") << QStringLiteral("a_b");
        QTest::newRow("C1 CSI") << QStringLiteral("a\u009b31mb") << QStringLiteral("a_31mb");
        QTest::newRow("escape sequence") << QStringLiteral("\u001b[2Jx") << QStringLiteral("_[2Jx");
        QTest::newRow("line separator") << QStringLiteral("line\u2028break") << QStringLiteral("line_break");
        QTest::newRow("right-to-left override")
            << QStringLiteral("evil\u202etxt.exe") << QStringLiteral("eviltxt.exe");
        QTest::newRow("isolates") << QStringLiteral("\u2066x\u2069.txt") << QStringLiteral("x.txt");
        QTest::newRow("zero width space") << QStringLiteral("x\u200b.pdf") << QStringLiteral("x.pdf");
        QTest::newRow("only a zero width space") << QStringLiteral("\u200b") << QStringLiteral("download");
        QTest::newRow("byte order mark") << QStringLiteral("\ufeffbom.txt") << QStringLiteral("bom.txt");
        QTest::newRow("soft hyphen") << QStringLiteral("Früh\u00adling") << QStringLiteral("Frühling");
        QTest::newRow("tag characters")
            << QStringLiteral("x\U000E0041\U000E007F.txt") << QStringLiteral("x.txt");
        QTest::newRow("noncharacters") << QStringLiteral("a\ufdd0\uffff\U0001FFFE") << QStringLiteral("a___");
        QTest::newRow("lone high surrogate")
            << withUnit(QStringLiteral("a"), 0xd800, QStringLiteral("b")) << QStringLiteral("a_b");
        QTest::newRow("lone low surrogate")
            << withUnit(QString(), 0xdc00, QStringLiteral(".txt")) << QStringLiteral("_.txt");
        QTest::newRow("reversed surrogates")
            << withUnit(QString(), 0xdc00, QString(QChar(0xd800))) << QStringLiteral("__");
        // What Windows forbids.
        QTest::newRow("question mark") << QStringLiteral("what?.mp3") << QStringLiteral("what_.mp3");
        QTest::newRow("windows specials") << QStringLiteral("a<b>c|d\"e*f") << QStringLiteral("a_b_c_d_e_f");
        // Ends.
        QTest::newRow("trailing dots") << QStringLiteral("file.txt...") << QStringLiteral("file.txt");
        QTest::newRow("surrounding spaces") << QStringLiteral("  file.txt  ") << QStringLiteral("file.txt");
        QTest::newRow("dots and spaces only") << QStringLiteral(". . .") << QStringLiteral("download");
        QTest::newRow("unicode spaces") << QStringLiteral("\u00a0name\u3000") << QStringLiteral("name");
        // Partial files.
        QTest::newRow("name.part") << QStringLiteral("name.part") << QStringLiteral("name.part_");
        QTest::newRow("NAME.PART") << QStringLiteral("NAME.PART") << QStringLiteral("NAME.PART_");
        QTest::newRow("part behind a dot") << QStringLiteral("name.part.") << QStringLiteral("name.part_");
        QTest::newRow(".part") << QStringLiteral(".part") << QStringLiteral("part");
        QTest::newRow("device and part")
            << QStringLiteral("COM1.txt.part") << QStringLiteral("_COM1.txt.part_");
        QTest::newRow("partial is fine inside") << QStringLiteral("a.party") << QStringLiteral("a.party");
        // Length: 250 bytes of UTF-8, so that "<name>.part" still fits in 255.
        QTest::newRow("300 letters") << QString(300, u'a') << QString(250, u'a');
        QTest::newRow("300 letters and an extension")
            << QString(300, u'a') + QStringLiteral(".txt") << QString(246, u'a') + QStringLiteral(".txt");
        QTest::newRow("two-byte characters")
            << QString(300, u'é') + QStringLiteral(".txt") << QString(123, u'é') + QStringLiteral(".txt");
        QTest::newRow("three-byte characters")
            << QString(200, u'東') + QStringLiteral(".mkv") << QString(82, u'東') + QStringLiteral(".mkv");
        QTest::newRow("four-byte characters") << repeated(QStringLiteral("😀"), 100) + QStringLiteral(".png")
                                              << repeated(QStringLiteral("😀"), 61) + QStringLiteral(".png");
        QTest::newRow("two-byte characters, odd budget")
            << QString(300, u'é') + QStringLiteral(".mp") << QString(123, u'é') + QStringLiteral(".mp");
        QTest::newRow("multibyte extension kept") << QString(300, u'a') + QStringLiteral(".東京東京")
                                                  << QString(237, u'a') + QStringLiteral(".東京東京");
        QTest::newRow("extension too long to keep")
            << QString(300, u'a') + QStringLiteral(".abcdefghijklmnopq") << QString(250, u'a');
        QTest::newRow("longest kept extension") << QString(300, u'a') + QStringLiteral(".abcdefghijklmnop")
                                                << QString(233, u'a') + QStringLiteral(".abcdefghijklmnop");
        QTest::newRow("cut leaves a trailing dot")
            << QString(249, u'a') + QStringLiteral(".") + QString(20, u'b') << QString(249, u'a');
        QTest::newRow("cut leaves .part") << QString(245, u'a') + QStringLiteral(".part") + QString(20, u'x')
                                          << QString(244, u'a') + QStringLiteral(".part_");
        QTest::newRow("exactly 250 bytes") << QString(250, u'a') << QString(250, u'a');
        QTest::newRow("prefix pushes over")
            << QStringLiteral("-") + QString(249, u'a') << QStringLiteral("_-") + QString(248, u'a');
    }

    void sanitize() {
        QFETCH(QString, fromNetwork);
        QFETCH(QString, expected);
        const QString name = sanitizeFileName(fromNetwork);
        QCOMPARE(name, expected);
        checkInvariants(name);
    }

    void sanitizeNeverSplitsACodePoint() {
        for (int extra = 0; extra < 8; ++extra) {
            const QString mixed = QString(extra, u'a') + repeated(QStringLiteral("😀é東"), 40);
            const QString name = sanitizeFileName(mixed);
            checkInvariants(name);
            QVERIFY(mixed.startsWith(name));
            QVERIFY(name.toUtf8().size() > kMaxFileNameBytes - 4);
        }
    }

    void unique() {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QString dir = temporary.path();
        const auto at = [&](const QString& name) { return dir + u'/' + name; };

        QCOMPARE(uniqueFileName(dir, QStringLiteral("a.txt")), QStringLiteral("a.txt"));
        touch(at(QStringLiteral("a.txt")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("a.txt")), QStringLiteral("a (1).txt"));
        touch(at(QStringLiteral("a (1).txt")));
        touch(at(QStringLiteral("a (2).txt")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("a.txt")), QStringLiteral("a (3).txt"));
        // Only the name is chosen; nothing is created.
        QVERIFY(!QFileInfo::exists(at(QStringLiteral("a (3).txt"))));

        QVERIFY(QDir(dir).mkdir(QStringLiteral("folder")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("folder")), QStringLiteral("folder (1)"));

        QVERIFY(QFile::link(at(QStringLiteral("nowhere")), at(QStringLiteral("dangling.txt"))));
        QVERIFY(!QFileInfo::exists(at(QStringLiteral("dangling.txt"))));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("dangling.txt")), QStringLiteral("dangling (1).txt"));

        touch(at(QStringLiteral("movie.mkv.part")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("movie.mkv")), QStringLiteral("movie (1).mkv"));
        touch(at(QStringLiteral("movie (1).mkv.part")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("movie.mkv")), QStringLiteral("movie (2).mkv"));

        touch(at(QStringLiteral("README")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("README")), QStringLiteral("README (1)"));

        touch(at(QStringLiteral(".bashrc")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral(".bashrc")), QStringLiteral(".bashrc (1)"));
        touch(at(QStringLiteral(".config.json")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral(".config.json")), QStringLiteral(".config (1).json"));

        touch(at(QStringLiteral("archive.tar.gz")));
        QCOMPARE(uniqueFileName(dir, QStringLiteral("archive.tar.gz")), QStringLiteral("archive.tar (1).gz"));
    }

    void uniqueStaysWithinTheLengthLimit() {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QString name = sanitizeFileName(QString(300, u'é') + QStringLiteral(".txt"));
        QCOMPARE(name.toUtf8().size(), 250);
        touch(temporary.filePath(name));
        const QString next = uniqueFileName(temporary.path(), name);
        QCOMPARE(next, QString(121, u'é') + QStringLiteral(" (1).txt"));
        QVERIFY(next.toUtf8().size() <= kMaxFileNameBytes);

        // After a dot, too much to be an extension: it is cut like the rest of the name.
        const QString sentence = QStringLiteral("a.") + QString(248, u'b');
        QCOMPARE(sanitizeFileName(sentence), sentence);
        touch(temporary.filePath(sentence));
        const QString numbered = uniqueFileName(temporary.path(), sentence);
        QCOMPARE(numbered, QStringLiteral("a.") + QString(244, u'b') + QStringLiteral(" (1)"));
    }

    // Every number taken: a random tag, still free, still the same shape.
    void uniqueFallsBackToARandomTag() {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        touch(temporary.filePath(QStringLiteral("x.bin")));
        for (int number = 1; number <= 10000; ++number)
            touch(temporary.filePath(QStringLiteral("x (%1).bin").arg(number)));
        const QString name = uniqueFileName(temporary.path(), QStringLiteral("x.bin"));
        QVERIFY2(QRegularExpression(QStringLiteral("^x \\([0-9a-f]+\\)\\.bin$")).match(name).hasMatch(),
                 qPrintable(name));
        QVERIFY(!QFileInfo::exists(temporary.filePath(name)));
    }

    void inside_data() {
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("inside");
        const QString b = QStringLiteral("/a/b");
        QTest::newRow("child") << b << QStringLiteral("/a/b/c") << true;
        QTest::newRow("grandchild") << b << QStringLiteral("/a/b/c/d/e") << true;
        QTest::newRow("string prefix is not a parent") << b << QStringLiteral("/a/bc") << false;
        QTest::newRow("sibling") << b << QStringLiteral("/a/c") << false;
        QTest::newRow("itself") << b << QStringLiteral("/a/b") << false;
        QTest::newRow("itself with a slash") << b << QStringLiteral("/a/b/") << false;
        QTest::newRow("itself with a dot") << b << QStringLiteral("/a/b/.") << false;
        QTest::newRow("parent") << b << QStringLiteral("/a") << false;
        QTest::newRow("climbs out") << b << QStringLiteral("/a/b/../../etc/passwd") << false;
        QTest::newRow("climbs back to itself") << b << QStringLiteral("/a/b/c/..") << false;
        QTest::newRow("climbs and returns") << b << QStringLiteral("/a/b/../b/c") << true;
        QTest::newRow("dot dot inside") << b << QStringLiteral("/a/b/c/../d") << true;
        QTest::newRow("doubled slash") << b << QStringLiteral("/a/b//c") << true;
        QTest::newRow("directory with a slash")
            << QStringLiteral("/a/b/") << QStringLiteral("/a/b/c") << true;
        QTest::newRow("directory with a dot") << QStringLiteral("/a/./b") << QStringLiteral("/a/b/c") << true;
        QTest::newRow("directory with dot dot")
            << QStringLiteral("/a/x/../b") << QStringLiteral("/a/b/c") << true;
        QTest::newRow("relative, inside") << b << QStringLiteral("c") << true;
        QTest::newRow("relative, out and back") << b << QStringLiteral("../b/c") << true;
        QTest::newRow("relative, out") << b << QStringLiteral("../bc") << false;
        QTest::newRow("relative, dot") << b << QStringLiteral(".") << false;
        QTest::newRow("backslashes are not separators here")
            << b << QStringLiteral("/a/b\\..\\..\\c") << false;
        QTest::newRow("case matters") << b << QStringLiteral("/A/b/c") << false;
        QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("/etc") << true;
        QTest::newRow("root itself") << QStringLiteral("/") << QStringLiteral("/") << false;
        QTest::newRow("empty path") << b << QString() << false;
        QTest::newRow("empty directory") << QString() << QStringLiteral("/a/b/c") << false;
    }

    void inside() {
        QFETCH(QString, directory);
        QFETCH(QString, path);
        QFETCH(bool, inside);
        QCOMPARE(isInside(directory, path), inside);
    }

    // A relative directory is taken from the working directory, like any relative path.
    void insideRelativeDirectory() {
        QVERIFY(isInside(QStringLiteral("downloads"),
                         QDir::current().absoluteFilePath(QStringLiteral("downloads/x"))));
        QVERIFY(!isInside(QStringLiteral("downloads"), QDir::current().absolutePath()));
    }
};

QTEST_GUILESS_MAIN(TestFileNames)
#include "tst_filenames.moc"
