// Tests for keyword folding, splitting names into index words, query words and match scores.
#include "share/keywords.h"

#include <QTest>

using namespace ringshare::share;

namespace {
// Expected word lists are written space-separated.
QStringList words(const QString& spaced) {
    return spaced.split(u' ', Qt::SkipEmptyParts);
}

QString numbered(const QString& prefix, int count) {
    QStringList parts;
    for (int i = 0; i < count; ++i)
        parts.append(prefix + QString::number(i));
    return parts.join(u' ');
}
} // namespace

class TestKeywords final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void foldWord_data() {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("folded");
        QTest::newRow("accents and case") << QStringLiteral("Émile") << QStringLiteral("emile");
        QTest::newRow("decomposed input") << QStringLiteral("E\u0301mile") << QStringLiteral("emile");
        QTest::newRow("sharp s") << QStringLiteral("straße") << QStringLiteral("strasse");
        QTest::newRow("capital sharp s") << QStringLiteral("STRAẞE") << QStringLiteral("strasse");
        QTest::newRow("double s") << QStringLiteral("STRASSE") << QStringLiteral("strasse");
        QTest::newRow("dotted capital I") << QStringLiteral("İstanbul") << QStringLiteral("istanbul");
        QTest::newRow("ligature") << QStringLiteral("ﬁnance") << QStringLiteral("finance");
        QTest::newRow("full-width") << QStringLiteral("ＡＢＣ１２３") << QStringLiteral("abc123");
        QTest::newRow("superscript") << QStringLiteral("m²") << QStringLiteral("m2");
        QTest::newRow("greek tonos and final sigma")
            << QStringLiteral("Οδυσσεύς") << QStringLiteral("οδυσσευσ");
        QTest::newRow("greek capitals") << QStringLiteral("ΟΔΥΣΣΕΥΣ") << QStringLiteral("οδυσσευσ");
        QTest::newRow("cyrillic yo") << QStringLiteral("Ёлка") << QStringLiteral("елка");
        QTest::newRow("kana voicing kept") << QStringLiteral("ガイド") << QStringLiteral("ガイド");
        QTest::newRow("half-width kana") << QStringLiteral("ｶﾞｲﾄﾞ") << QStringLiteral("ガイド");
        QTest::newRow("devanagari signs kept") << QStringLiteral("किताब") << QStringLiteral("किताब");
        QTest::newRow("hangul") << QStringLiteral("서울") << QStringLiteral("서울");
        QTest::newRow("empty") << QString() << QString();
    }

    void foldWord() {
        QFETCH(QString, word);
        QFETCH(QString, folded);
        QCOMPARE(ringshare::share::foldWord(word), folded);
        QCOMPARE(ringshare::share::foldWord(folded), folded);
    }

    void keywords_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("expected");
        // Accents and case
        QTest::newRow("accents") << QStringLiteral("Café Déjà Vu.MP3")
                                 << words(QStringLiteral("cafe deja vu mp3"));
        QTest::newRow("german") << QStringLiteral("Straße nach Köln.pdf")
                                << words(QStringLiteral("strasse nach koln pdf"));
        QTest::newRow("upper and lower meet")
            << QStringLiteral("STRASSE straße Strasse") << words(QStringLiteral("strasse"));
        // Punctuation of every kind splits
        QTest::newRow("underscores dots dashes")
            << QStringLiteral("my_holiday-photos.2023.final.tar.gz")
            << words(QStringLiteral("my holiday photos 2023 final tar gz"));
        QTest::newRow("brackets and symbols") << QStringLiteral("[Group] Show (S01E02) {v2} +bonus!.mkv")
                                              << words(QStringLiteral("group show s01e02 v2 bonus mkv"));
        QTest::newRow("apostrophe") << QStringLiteral("Don't Stop.ogg")
                                    << words(QStringLiteral("don stop ogg"));
        QTest::newRow("emoji split") << QStringLiteral("party🎉time.png")
                                     << words(QStringLiteral("party time png"));
        // Digits stay with their letters
        QTest::newRow("codec words") << QStringLiteral("Movie.1080p.x264.AAC5.1.mkv")
                                     << words(QStringLiteral("movie 1080p x264 aac5 mkv"));
        QTest::newRow("numbers") << QStringLiteral("Track 01 - 2 - 300.flac")
                                 << words(QStringLiteral("track 01 300 flac"));
        QTest::newRow("mp3") << QStringLiteral("song.mp3") << words(QStringLiteral("song mp3"));
        QTest::newRow("full-width digits")
            << QStringLiteral("ＶＯＬ１２.zip") << words(QStringLiteral("vol12 zip"));
        // Scripts
        // The breve goes with the other diacritics: "й" folds like "и", on both sides of a search.
        QTest::newRow("cyrillic") << QStringLiteral("Война и мир — Толстой.epub")
                                  << words(QStringLiteral("воина мир толстои epub"));
        QTest::newRow("greek") << QStringLiteral("Ελληνικά Τραγούδια.mp3")
                               << words(QStringLiteral("ελληνικα τραγουδια mp3"));
        QTest::newRow("cjk by script")
            << QStringLiteral("東京タワー 夜景.jpg") << words(QStringLiteral("東京 タワー 夜景 jpg"));
        QTest::newRow("single ideograph kept")
            << QStringLiteral("東 の 夜.txt") << words(QStringLiteral("東 夜 txt"));
        QTest::newRow("digits join ideographs")
            << QStringLiteral("2024年.csv") << words(QStringLiteral("2024年 csv"));
        QTest::newRow("hangul") << QStringLiteral("서울 밤 ㄱ.png") << words(QStringLiteral("서울 밤 png"));
        QTest::newRow("latin then cyrillic")
            << QStringLiteral("Matrixмир") << words(QStringLiteral("matrix мир"));
        QTest::newRow("devanagari") << QStringLiteral("मेरी किताब.pdf")
                                    << words(QStringLiteral("मेरी किताब pdf"));
        QTest::newRow("arabic") << QStringLiteral("كتاب جديد.pdf") << words(QStringLiteral("كتاب جديد pdf"));
        QTest::newRow("mark of another script stays with its letter")
            << QStringLiteral("ΑΒ\u06db1 x") << QStringList{QStringLiteral("αβ\u06db1")};
        // Stop words
        QTest::newRow("english stop words") << QStringLiteral("The Beauty of the Beast and Me.avi")
                                            << words(QStringLiteral("beauty beast me avi"));
        QTest::newRow("german stop words") << QStringLiteral("Der Herr der Ringe und die Gefährten.epub")
                                           << words(QStringLiteral("herr ringe gefahrten epub"));
        QTest::newRow("stop words in capitals")
            << QStringLiteral("FROM DUSK TILL DAWN") << words(QStringLiteral("dusk till dawn"));
        QTest::newRow("only stop words") << QStringLiteral("The The") << QStringList();
        QTest::newRow("stop word inside a word")
            << QStringLiteral("Theory.pdf") << words(QStringLiteral("theory pdf"));
        // Single characters
        QTest::newRow("single letters") << QStringLiteral("a b c de.f") << words(QStringLiteral("de"));
        // Dedup keeps the first occurrence
        QTest::newRow("dedup") << QStringLiteral("Echo echo ECHO.wav ÉCHO")
                               << words(QStringLiteral("echo wav"));
        QTest::newRow("dedup keeps order")
            << QStringLiteral("b2 a1 b2 c3 a1") << words(QStringLiteral("b2 a1 c3"));
        // Caps
        QTest::newRow("sixteen words")
            << numbered(QStringLiteral("w"), 20) << words(numbered(QStringLiteral("w"), 16));
        QTest::newRow("duplicates do not use up the cap")
            << QStringLiteral("x1 x1 x1 ") + numbered(QStringLiteral("w"), 20)
            << words(QStringLiteral("x1 ") + numbered(QStringLiteral("w"), 15));
        QTest::newRow("long word cut") << QString(100, u'q') + QStringLiteral(".txt")
                                       << QStringList{QString(64, u'q'), QStringLiteral("txt")};
        QTest::newRow("long words that share a start")
            << QString(70, u'q') + QStringLiteral("a ") + QString(70, u'q') + QStringLiteral("b")
            << QStringList{QString(64, u'q')};
        QTest::newRow("long word not cut inside a surrogate pair")
            << QStringLiteral("東") + QStringLiteral("𠀀").repeated(40)
            << QStringList{QStringLiteral("東") + QStringLiteral("𠀀").repeated(31)};
        // Nothing to find
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("punctuation only") << QStringLiteral("...---___ !!! ()") << QStringList();
        QTest::newRow("emoji only") << QStringLiteral("🎉🎉.🎉") << QStringList();
        QTest::newRow("dotfile") << QStringLiteral(".bashrc") << words(QStringLiteral("bashrc"));
    }

    void keywords() {
        QFETCH(QString, name);
        QFETCH(QStringList, expected);
        QCOMPARE(keywordsOf(name), expected);
        QCOMPARE(queryWords(name), expected);
    }

    // Every word the index holds, typed as a query, finds the name again: indexing and querying agree.
    void queryFindsEveryKeyword_data() { keywords_data(); }

    void queryFindsEveryKeyword() {
        QFETCH(QString, name);
        const QStringList keywords = keywordsOf(name);
        for (const QString& keyword : keywords) {
            QCOMPARE(queryWords(keyword), QStringList{keyword});
            QVERIFY(nameMatches(name, queryWords(keyword)));
        }
        QCOMPARE(nameMatches(name, queryWords(name)), !keywords.isEmpty());
    }

    void queries_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("matches");
        const QString cafe = QStringLiteral("Café Déjà Vu.MP3");
        QTest::newRow("plain") << cafe << QStringLiteral("cafe") << true;
        QTest::newRow("other case and accents") << cafe << QStringLiteral("CAFÉ DEJA") << true;
        QTest::newRow("decomposed accents") << cafe << QStringLiteral("de\u0301ja\u0300") << true;
        QTest::newRow("any order") << cafe << QStringLiteral("vu cafe") << true;
        QTest::newRow("extension") << cafe << QStringLiteral("mp3") << true;
        QTest::newRow("a word missing") << cafe << QStringLiteral("cafe noir") << false;
        QTest::newRow("prefix is not a word") << cafe << QStringLiteral("caf") << false;
        QTest::newRow("stop words dropped")
            << QStringLiteral("Lord Rings.mkv") << QStringLiteral("the lord of the rings") << true;
        QTest::newRow("single letters dropped")
            << QStringLiteral("Rocky 2.mkv") << QStringLiteral("rocky 2") << true;
        QTest::newRow("only stop words") << QStringLiteral("The Of.txt") << QStringLiteral("the of") << false;
        QTest::newRow("empty query") << cafe << QString() << false;
        QTest::newRow("sharp s") << QStringLiteral("Straße.pdf") << QStringLiteral("STRASSE") << true;
        QTest::newRow("sharp s the other way")
            << QStringLiteral("STRASSE.pdf") << QStringLiteral("straße") << true;
        QTest::newRow("full-width query")
            << QStringLiteral("abc123.txt") << QStringLiteral("ＡＢＣ１２３") << true;
        QTest::newRow("cjk") << QStringLiteral("東京タワー.jpg") << QStringLiteral("タワー") << true;
        QTest::newRow("greek") << QStringLiteral("ΟΔΥΣΣΕΥΣ.txt") << QStringLiteral("Οδυσσεύς") << true;
        QTest::newRow("beyond the cap")
            << numbered(QStringLiteral("w"), 20) << QStringLiteral("w17") << false;
        QTest::newRow("kana voicing matters")
            << QStringLiteral("ガイド.pdf") << QStringLiteral("カイト") << false;
    }

    void queries() {
        QFETCH(QString, name);
        QFETCH(QString, query);
        QFETCH(bool, matches);
        const QStringList asked = queryWords(query);
        QCOMPARE(nameMatches(name, asked), matches);
        const double score = matchScore(name, asked);
        QCOMPARE(score > 0.0, matches);
        QVERIFY(score <= 1.0);
    }

    void queryWordsAreBounded() {
        QCOMPARE(queryWords(numbered(QStringLiteral("q"), 40)).size(), kMaxKeywords);
        QCOMPARE(queryWords(QString(500, u'z')), QStringList{QString(kMaxKeywordLength, u'z')});
    }

    void matchScoreValues() {
        const QStringList dejaVu = queryWords(QStringLiteral("deja vu"));
        QCOMPARE(matchScore(QStringLiteral("Deja Vu"), dejaVu), 1.0);
        QCOMPARE(matchScore(QStringLiteral("Vu Deja"), dejaVu), 0.9);
        QCOMPARE(matchScore(QStringLiteral("Deja Vu Live 2024"), dejaVu), 0.5);
        QCOMPARE(matchScore(QStringLiteral("Deja Live Vu 2024"), dejaVu), 0.45);
        QCOMPARE(matchScore(QStringLiteral("Deja.mp3"), dejaVu), 0.0);
        QCOMPARE(matchScore(QStringLiteral("Deja Vu"), QStringList()), 0.0);
        // A repeated query word counts once.
        QCOMPARE(
            matchScore(QStringLiteral("Deja Vu"),
                       QStringList{QStringLiteral("deja"), QStringLiteral("deja"), QStringLiteral("vu")}),
            1.0);
    }

    // For one query, names rank by how much of them the query covers, then by word order.
    void matchScoreOrdering() {
        const QStringList query = queryWords(QStringLiteral("Deja Vu"));
        const QStringList ranked = {
            QStringLiteral("Déjà Vu"),
            QStringLiteral("Vu Déjà"),
            QStringLiteral("Déjà Vu.mp3"),
            QStringLiteral("Vu - Déjà.mp3"),
            QStringLiteral("Live Déjà Vu 2024.mp3"),
            QStringLiteral("Déjà Live Vu 2024.mp3"),
            QStringLiteral("Crosby Stills Nash Young - Deja Vu (Remastered 2021).flac"),
        };
        for (qsizetype i = 1; i < ranked.size(); ++i) {
            const double better = matchScore(ranked.at(i - 1), query);
            const double worse = matchScore(ranked.at(i), query);
            QVERIFY2(better > worse, qPrintable(ranked.at(i - 1) + QStringLiteral(" vs ") + ranked.at(i)));
            QVERIFY(worse > 0.0);
        }
    }
};

QTEST_GUILESS_MAIN(TestKeywords)
#include "tst_keywords.moc"
