// Tests for Blake2b: known answers, streaming against one-shot, reuse after finish, bad parameters.
#include "crypto/blake2b.h"

#include <QRandomGenerator>
#include <QTest>

using ringshare::crypto::Blake2b;

namespace {
QByteArray keyBytes() {
    QByteArray key;
    for (int i = 0; i < 64; ++i)
        key.append(char(i));
    return key;
}
QByteArray countingBytes(int n, int modulo) {
    QByteArray data(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        data[i] = char(i % modulo);
    return data;
}
} // namespace

class TestBlake2b final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Known answers: RFC 7693 appendix A and the reference implementation's keyed test vectors.
    void knownAnswers_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty-160") << QByteArray() << QByteArray() << 20
                                   << QByteArray("3345524abf6bbe1809449224b5972c41790b6cf2");
        QTest::newRow("empty-256") << QByteArray() << QByteArray() << 32
                                   << QByteArray(
                                          "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
        QTest::newRow("rfc7693-abc-512")
            << QByteArray("abc") << QByteArray() << 64
            << QByteArray("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                          "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
        QTest::newRow("kat-keyed-0")
            << QByteArray() << keyBytes() << 64
            << QByteArray("10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
                          "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568");
        QTest::newRow("kat-keyed-1")
            << QByteArray(1, '\0') << keyBytes() << 64
            << QByteArray("961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4"
                          "187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd");
        QTest::newRow("kat-keyed-255")
            << countingBytes(255, 256) << keyBytes() << 64
            << QByteArray("142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248"
                          "4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461");
    }

    void knownAnswers() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, key);
        QFETCH(int, size);
        QFETCH(QByteArray, expected);
        Blake2b hasher(size, key);
        hasher.update(input);
        QCOMPARE(hasher.finish().toHex(), expected);
    }

    // A megabyte fed in random pieces hashes the same as in one go, and as an independent implementation.
    void streamingMatchesOneShot() {
        const QByteArray data = countingBytes(1'000'000, 251);
        const QByteArray expected("9e5e2f2d303e7db6db30a3355a9a7def57785f58e04a95b22254b60ab9e9a51b");
        QCOMPARE(Blake2b::hash(data).toHex(), expected);

        QRandomGenerator random(42);
        Blake2b hasher;
        qsizetype offset = 0;
        while (offset < data.size()) {
            const qsizetype piece = qMin<qsizetype>(random.bounded(70'000), data.size() - offset);
            hasher.update(QByteArrayView(data).sliced(offset, piece));
            offset += piece;
        }
        QCOMPARE(hasher.finish().toHex(), expected);
    }

    void finishResetsForReuse() {
        Blake2b hasher(20);
        hasher.update("first");
        const QByteArray first = hasher.finish();
        hasher.update("first");
        QCOMPARE(hasher.finish(), first);
        QCOMPARE(first.size(), 20);
    }

    void rejectsInvalidParameters() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Blake2b(15));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Blake2b(65));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Blake2b(32, QByteArray(8, 'k')));
    }
};

QTEST_GUILESS_MAIN(TestBlake2b)
#include "tst_blake2b.moc"
