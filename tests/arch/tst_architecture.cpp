// Tests for the source tree's architecture rules (layering, include cycles, file length, what views and the
// node tool include, opening comments), as a ratchet over knownviolations.h.
#include "knownviolations.h"
#include "sourcetree.h"

#include <QTemporaryDir>
#include <QTest>

using namespace arch;

namespace {

const QStringList kTopFolders = {QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("app"),
                                 QStringLiteral("tests")};

// The ratchet: a violation that is not on the list fails, and so does a listed one that is gone, so the list
// only shrinks and always says what is true.
QString ratchetFailures(const QString& rule, const QList<Violation>& found) {
    QStringList failures;
    QSet<QString> seen;
    for (const Violation& violation : found) {
        seen.insert(violation.key());
        if (!kKnownViolations.contains(violation.key()))
            failures.append(QStringLiteral("new violation: ") + violation.describe());
    }
    for (const QString& known : kKnownViolations)
        if (known.startsWith(rule + u' ') && !seen.contains(known))
            failures.append(QStringLiteral("fixed, remove it from tests/arch/knownviolations.h: ") + known);
    return failures.join(u'\n');
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestArchitecture : public QObject {
    Q_OBJECT

private:
    QMap<QString, SourceFile> m_files;

    void check(const QString& rule, const QList<Violation>& found) {
        for (const Violation& violation : found)
            if (kKnownViolations.contains(violation.key()))
                qInfo().noquote() << "known:" << violation.describe();
        const QString failures = ratchetFailures(rule, found);
        if (!failures.isEmpty())
            QFAIL(qPrintable(QLatin1Char('\n') + failures));
    }

private Q_SLOTS:
    void initTestCase() {
        m_files = readTree(QStringLiteral(RINGSHARE_SOURCE_DIR), kTopFolders);
        // A wrong source directory would find nothing and pass every rule.
        QVERIFY2(m_files.size() > 100, qPrintable(QStringLiteral("only %1 files found").arg(m_files.size())));
        QVERIFY(m_files.contains(QStringLiteral("core/session/session.h")));
        QVERIFY(!m_files.value(QStringLiteral("core/session/session.cpp")).includes.isEmpty());
    }

    void theKnownListNamesOnlyRulesThatExist() {
        const QStringList rules = {QStringLiteral("layering"), QStringLiteral("cycle"),
                                   QStringLiteral("length"), QStringLiteral("public-headers"),
                                   QStringLiteral("comment")};
        for (const QString& known : kKnownViolations)
            QVERIFY2(rules.contains(known.section(u' ', 0, 0)), qPrintable(known));
    }

    // The checks find what is planted in a small tree of their own: an arrow up, a circle, a long file, a
    // view that includes the DHT node, a file with no opening comment.
    void theChecksFindPlantedViolations() {
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(writeFile(root + "/core/net/a.h", "// a\n#include \"dht/b.h\"\n"));
        QVERIFY(writeFile(root + "/core/dht/b.h", "// b\n#include \"net/a.h\"\n#include \"base/c.h\"\n"));
        QVERIFY(writeFile(root + "/core/base/c.h", "// c\n" + QByteArray(600, '\n')));
        QVERIFY(writeFile(root + "/ui/view.cpp", "#include \"dht/b.h\"\n#include \"app/node/x.h\"\n"));
        QVERIFY(writeFile(root + "/app/node/x.h", "// x\n#include \"transfer/d.h\"\n"));
        QVERIFY(writeFile(root + "/core/transfer/d.h", "// d\n#include \"base/c.h\"\n"));
        const QMap<QString, SourceFile> files = readTree(root, kTopFolders);

        QStringList layering;
        for (const Violation& violation : layeringViolations(files))
            layering.append(violation.key());
        layering.sort();
        QCOMPARE(layering, (QStringList{QStringLiteral("layering core/net/a.h core/dht/b.h"),
                                        QStringLiteral("layering ui/view.cpp app/node/x.h")}));

        const QList<Violation> cycles = cycleViolations(files);
        QCOMPARE(cycles.size(), 1);
        QCOMPARE(cycles.first().key(), QStringLiteral("cycle core/dht/b.h core/net/a.h"));
        QCOMPARE(cycles.first().line, 2);

        const QList<Violation> long_ = lengthViolations(files);
        QCOMPARE(long_.size(), 1);
        QCOMPARE(long_.first().key(), QStringLiteral("length core/base/c.h"));
        QCOMPARE(long_.first().line, 601);

        QStringList headers;
        for (const Violation& violation : publicHeaderViolations(files))
            headers.append(violation.key());
        headers.sort();
        QCOMPARE(headers, (QStringList{QStringLiteral("public-headers app/node/x.h core/transfer/d.h"),
                                       QStringLiteral("public-headers ui/view.cpp core/dht/b.h")}));

        const QList<Violation> comments = openingCommentViolations(files);
        QCOMPARE(comments.size(), 1);
        QCOMPARE(comments.first().key(), QStringLiteral("comment ui/view.cpp"));
    }

    void lowerFoldersNeverIncludeHigherOnes() {
        check(QStringLiteral("layering"), layeringViolations(m_files));
    }
    void noIncludeCycle() { check(QStringLiteral("cycle"), cycleViolations(m_files)); }
    void noFileInCoreOrUiPast600Lines() { check(QStringLiteral("length"), lengthViolations(m_files)); }
    void viewsAndNodeToolUseOnlyPublicHeaders() {
        check(QStringLiteral("public-headers"), publicHeaderViolations(m_files));
    }
    void everyFileOpensWithAComment() { check(QStringLiteral("comment"), openingCommentViolations(m_files)); }
};

QTEST_GUILESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"
