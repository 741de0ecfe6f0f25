// Tests for signatures and public keys: tampering is caught, sizes are checked, constant-time
// comparison, fresh random bytes.
#include "crypto/identity.h"
#include "crypto/keys.h"

#include <QTest>

using namespace ringshare::crypto;

namespace {
Identity::Seed seedFromHex(const char* hex) {
    const QByteArray bytes = QByteArray::fromHex(hex);
    Identity::Seed seed;
    std::copy(bytes.begin(), bytes.end(), seed.begin());
    return seed;
}
} // namespace

class TestKeys final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // RFC 8032 section 7.1, tests 1 and 2: Ed25519 is deterministic, so signatures must match exactly.
    void rfc8032Vectors_data() {
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QByteArray>("publicKey");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("test1")
            << QByteArray("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
            << QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a") << QByteArray()
            << QByteArray("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                          "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        QTest::newRow("test2")
            << QByteArray("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
            << QByteArray("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
            << QByteArray::fromHex("72")
            << QByteArray("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                          "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    }

    void rfc8032Vectors() {
        QFETCH(QByteArray, seed);
        QFETCH(QByteArray, publicKey);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, signature);
        const Identity identity = Identity::fromSeed(seedFromHex(seed.constData()));
        QCOMPARE(identity.publicKey().toByteArray().toHex(), publicKey);
        const Signature signed_ = identity.sign(message);
        QCOMPARE(signed_.toByteArray().toHex(), signature);
        QVERIFY(identity.publicKey().verify(message, signed_));
        QCOMPARE(identity.nodeId(), ringshare::NodeId::hashOf(QByteArray::fromHex(publicKey)));
    }

    void tamperedMessageOrSignatureIsRejected() {
        const Identity alice = Identity::generate();
        const Identity mallory = Identity::generate();
        const QByteArray message("record: kw:holiday -> file 42");
        const Signature signature = alice.sign(message);
        QVERIFY(alice.publicKey().verify(message, signature));

        QByteArray changed = message;
        changed[3] = char(changed[3] ^ 1);
        QVERIFY(!alice.publicKey().verify(changed, signature));
        QVERIFY(!alice.publicKey().verify(message + '!', signature));
        QVERIFY(!alice.publicKey().verify(message.chopped(1), signature));

        for (int bit = 0; bit < Signature::kSize * 8; bit += 37) {
            Signature flipped = signature;
            flipped.bytes[bit / 8] ^= std::uint8_t(1u << (bit % 8));
            QVERIFY2(!alice.publicKey().verify(message, flipped), qPrintable(QString::number(bit)));
        }
        QVERIFY(!mallory.publicKey().verify(message, signature));
        QVERIFY(!alice.publicKey().verify(message, Signature{}));
    }

    void byteConversionsCheckSizes() {
        QVERIFY(!PublicKey::fromBytes(QByteArray(31, 'a')));
        QVERIFY(PublicKey::fromBytes(QByteArray(32, 'a')));
        QVERIFY(!Signature::fromBytes(QByteArray(65, 'a')));
        const Identity identity = Identity::generate();
        QCOMPARE(PublicKey::fromBytes(identity.publicKey().toByteArray()), identity.publicKey());
        const Signature signature = identity.sign("x");
        QCOMPARE(Signature::fromBytes(signature.toByteArray()), signature);
    }

    void generatedIdentitiesDiffer() {
        const Identity a = Identity::generate(), b = Identity::generate();
        QVERIFY(a.publicKey() != b.publicKey());
        QVERIFY(a.nodeId() != b.nodeId());
    }

    void constantTimeComparison() {
        QVERIFY(constantTimeEqual(QByteArray("secret"), QByteArray("secret")));
        QVERIFY(!constantTimeEqual(QByteArray("secret"), QByteArray("secreT")));
        QVERIFY(!constantTimeEqual(QByteArray("secret"), QByteArray("secre")));
        QVERIFY(constantTimeEqual(QByteArray(), QByteArray()));
    }

    void randomBytesAreFreshEachTime() {
        const QByteArray a = randomBytes(32), b = randomBytes(32);
        QCOMPARE(a.size(), 32);
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
