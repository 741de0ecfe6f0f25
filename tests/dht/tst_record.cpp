// Tests for dht::Record: signing and the documented bytes to sign, the CBOR shape, strict decoding
// (truncation, trailing bytes, wrong shapes, mutations) and expiry.
#include "crypto/blake2b.h"
#include "crypto/identity.h"
#include "dht/record.h"

#include <QCborStreamWriter>
#include <QRandomGenerator>
#include <QTest>
#include <functional>
#include <limits>

using ringshare::NodeId;
using ringshare::crypto::Identity;
using ringshare::crypto::PublicKey;
using ringshare::crypto::Signature;
using ringshare::dht::Record;

namespace {

constexpr qint64 kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z
// The largest timestamp decode() accepts: expiresAtMs() of any accepted record fits in a qint64.
constexpr qint64 kMaxTimestampMs = std::numeric_limits<qint64>::max() - qint64(Record::kMaxTtlSeconds) * 1000;

Identity identityFromByte(std::uint8_t fill) {
    Identity::Seed seed;
    seed.fill(fill);
    return Identity::fromSeed(seed);
}

NodeId countingId() {
    NodeId::Bytes bytes;
    for (int i = 0; i < NodeId::kBytes; ++i)
        bytes[i] = std::uint8_t(i + 1);
    return NodeId(bytes);
}

Record sampleRecord(const Identity& publisher) {
    return Record::create(publisher, countingId(), QByteArrayLiteral("hello"), kNow, 86'400);
}

// One CBOR data item, written by `write`.
QByteArray cborItem(const std::function<void(QCborStreamWriter&)>& write) {
    QByteArray out;
    QCborStreamWriter writer(&out);
    write(writer);
    return out;
}

QByteArray bytesItem(const QByteArray& bytes) {
    return cborItem([&](QCborStreamWriter& w) { w.append(bytes); });
}

// The six encoded fields of `record`, so a test can replace one of them.
QList<QByteArray> fieldItems(const Record& record) {
    return {bytesItem(record.key.toByteArray()),
            bytesItem(record.publisher.toByteArray()),
            cborItem([&](QCborStreamWriter& w) { w.append(qint64(record.timestampMs)); }),
            cborItem([&](QCborStreamWriter& w) { w.append(quint64(record.ttlSeconds)); }),
            bytesItem(record.value),
            bytesItem(record.signature.toByteArray())};
}

// A definite array of the given items (fewer than 24, so its head is one byte).
QByteArray assemble(const QList<QByteArray>& items) {
    QByteArray out(1, char(0x80 | items.size()));
    for (const QByteArray& item : items)
        out += item;
    return out;
}

} // namespace

class TestRecord final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createdRecordVerifies() {
        const Identity alice = identityFromByte(1);
        const Record record = sampleRecord(alice);
        QCOMPARE(record.key, countingId());
        QCOMPARE(record.publisher, alice.publicKey());
        QCOMPARE(record.timestampMs, kNow);
        QCOMPARE(record.ttlSeconds, 86'400u);
        QCOMPARE(record.value, QByteArrayLiteral("hello"));
        QVERIFY(record.hasValidSignature());
        QVERIFY(alice.publicKey().verify(record.bytesToSign(), record.signature));
        // Ed25519 is deterministic: the same inputs sign to the same record.
        QCOMPARE(sampleRecord(alice), record);
    }

    void tamperingWithAnyFieldBreaksTheSignature_data() {
        QTest::addColumn<int>("field");
        QTest::newRow("key") << 0;
        QTest::newRow("publisher") << 1;
        QTest::newRow("timestamp") << 2;
        QTest::newRow("ttl") << 3;
        QTest::newRow("value changed") << 4;
        QTest::newRow("value longer") << 5;
        QTest::newRow("value shorter") << 6;
        QTest::newRow("value emptied") << 7;
        QTest::newRow("signature") << 8;
    }

    void tamperingWithAnyFieldBreaksTheSignature() {
        QFETCH(int, field);
        const Identity alice = identityFromByte(1);
        const Identity mallory = identityFromByte(2);
        Record record = sampleRecord(alice);
        switch (field) {
        case 0:
            record.key = record.key.plusPowerOfTwo(0);
            break;
        case 1:
            record.publisher = mallory.publicKey();
            break;
        case 2:
            record.timestampMs += 1;
            break;
        case 3:
            record.ttlSeconds += 1;
            break;
        case 4:
            record.value[0] = char(record.value[0] ^ 0x01);
            break;
        case 5:
            record.value.append('\0');
            break;
        case 6:
            record.value.chop(1);
            break;
        case 7:
            record.value.clear();
            break;
        case 8:
            record.signature.bytes[17] ^= 0x80;
            break;
        }
        QVERIFY(record != sampleRecord(alice));
        QVERIFY(!record.hasValidSignature());
    }

    void everyBitOfTheSignedBytesMatters() {
        const Identity alice = identityFromByte(1);
        const Record record = sampleRecord(alice);
        const QByteArray signedBytes = record.bytesToSign();
        for (int bit = 0; bit < signedBytes.size() * 8; bit += 7) {
            QByteArray changed = signedBytes;
            changed[bit / 8] = char(changed[bit / 8] ^ (1 << (bit % 8)));
            QVERIFY2(!alice.publicKey().verify(changed, record.signature), qPrintable(QString::number(bit)));
        }
    }

    void anotherPublishersSignatureIsRefused() {
        const Identity alice = identityFromByte(1);
        const Identity mallory = identityFromByte(2);
        Record forged = sampleRecord(alice);
        forged.signature = mallory.sign(forged.bytesToSign());
        QVERIFY(!forged.hasValidSignature());
    }

    // The signed layout, written out by hand: tag and NUL, key, publisher, timestamp (int64 BE), TTL (uint32
    // BE), value length (uint32 BE), value.
    void bytesToSignHasTheDocumentedLayout() {
        Record record;
        record.key = countingId();
        QByteArray publisher;
        for (int i = 0; i < PublicKey::kSize; ++i)
            publisher.append(char(0xa0 + i));
        record.publisher = *PublicKey::fromBytes(publisher);
        record.timestampMs = kNow;
        record.ttlSeconds = 86'400;
        record.value = QByteArrayLiteral("hello");

        const QByteArray expected =
            QByteArray::fromHex("72696e6773686172652d7265636f72642d763100" // tag + NUL
                                "0102030405060708090a0b0c0d0e0f1011121314" // key
                                "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
                                "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf" // publisher
                                "0000019b76daa800"                 // timestamp
                                "00015180"                         // ttl 86400
                                "00000005"                         // value length
                                "68656c6c6f");                     // "hello"
        QCOMPARE(record.bytesToSign().toHex(), expected.toHex());

        // The signature covers the layout and nothing else (e.g. not the CBOR encoding).
        const Identity alice = identityFromByte(1);
        const Record signedRecord = sampleRecord(alice);
        QByteArray aliceExpected = expected;
        aliceExpected.replace(40, PublicKey::kSize, alice.publicKey().toByteArray());
        QCOMPARE(signedRecord.bytesToSign(), aliceExpected);
        QVERIFY(alice.publicKey().verify(aliceExpected, signedRecord.signature));
        QVERIFY(!alice.publicKey().verify(signedRecord.encode(), signedRecord.signature));
    }

    void negativeTimestampAndEmptyValueLayout() {
        Record record;
        record.timestampMs = -2;
        record.ttlSeconds = 0xfffffffe;
        QCOMPARE(record.bytesToSign().mid(72).toHex(), QByteArray("fffffffffffffffe"
                                                                  "fffffffe"
                                                                  "00000000"));
        QCOMPARE(record.bytesToSign().size(), 20 + 20 + 32 + 8 + 4 + 4);
    }

    // The wire form, written out by hand: a six-element array of byte strings and unsigned integers.
    void encodingHasTheDocumentedShape() {
        const Identity alice = identityFromByte(1);
        const Record record = sampleRecord(alice);
        const QByteArray expected = QByteArray::fromHex("86"
                                                        "54"
                                                        "0102030405060708090a0b0c0d0e0f1011121314"
                                                        "5820") +
                                    alice.publicKey().toByteArray() +
                                    QByteArray::fromHex("1b0000019b76daa800"
                                                        "1a00015180"
                                                        "4568656c6c6f"
                                                        "5840") +
                                    record.signature.toByteArray();
        QCOMPARE(record.encode().toHex(), expected.toHex());
    }

    void roundTrip_data() {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("timestampMs");
        QTest::addColumn<quint32>("ttlSeconds");
        QTest::newRow("typical") << QByteArrayLiteral("file:abc") << kNow << 3600u;
        QTest::newRow("empty value, zero ttl, epoch") << QByteArray() << qint64(0) << 0u;
        QTest::newRow("binary value") << QByteArray::fromHex("00ff00ff80") << qint64(23) << 23u;
        QTest::newRow("largest value and ttl")
            << QByteArray(Record::kMaxValueSize, 'v') << kMaxTimestampMs << Record::kMaxTtlSeconds;
        QTest::newRow("value of 24 bytes") << QByteArray(24, '\x18') << qint64(24) << 24u;
        QTest::newRow("value of 256 bytes") << QByteArray(256, 'x') << qint64(65'536) << 65'536u;
    }

    void roundTrip() {
        QFETCH(QByteArray, value);
        QFETCH(qint64, timestampMs);
        QFETCH(quint32, ttlSeconds);
        const Identity alice = identityFromByte(1);
        const Record record = Record::create(alice, NodeId::hashOf("kw:x"), value, timestampMs, ttlSeconds);
        const QByteArray encoded = record.encode();
        QVERIFY(encoded.size() <= Record::kMaxEncodedSize);
        const auto decoded = Record::decode(encoded);
        QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
        QCOMPARE(decoded.value(), record);
        QVERIFY(decoded->hasValidSignature());
        QCOMPARE(decoded->encode(), encoded);
    }

    // Static reasoning in record.cpp gives 1 + 21 + 34 + 9 + 5 + 643 + 66 = 779 bytes; this is that record.
    void maximalRecordFitsTheEncodingBudget() {
        const Identity alice = identityFromByte(1);
        const Record record =
            Record::create(alice, NodeId::hashOf("k"), QByteArray(Record::kMaxValueSize, '\xff'),
                           kMaxTimestampMs, Record::kMaxTtlSeconds);
        QCOMPARE(record.encode().size(), 779);
        QVERIFY(record.encode().size() <= Record::kMaxEncodedSize);
    }

    void decodeRejectsEveryTruncation() {
        const Identity alice = identityFromByte(1);
        for (const QByteArray& value : {QByteArrayLiteral("hello"), QByteArray(Record::kMaxValueSize, 'v')}) {
            const QByteArray encoded = Record::create(alice, countingId(), value, kNow, 60).encode();
            for (int length = 0; length < encoded.size(); ++length) {
                const auto decoded = Record::decode(QByteArrayView(encoded).first(length));
                QVERIFY2(!decoded.ok(), qPrintable(QString::number(length)));
                QVERIFY(!decoded.error().isEmpty());
            }
        }
    }

    void decodeRejectsTrailingBytes() {
        const Identity alice = identityFromByte(1);
        const QByteArray encoded = sampleRecord(alice).encode();
        for (const QByteArray& tail :
             {QByteArray(1, '\0'), QByteArray(1, '\xff'), QByteArrayLiteral("junk"), encoded}) {
            const auto decoded = Record::decode(encoded + tail);
            QVERIFY(!decoded.ok());
            QVERIFY2(decoded.error().contains(QStringLiteral("trailing")), qPrintable(decoded.error()));
        }
    }

    void decodeRejectsOversizeInput() {
        const Identity alice = identityFromByte(1);
        // Even a well-formed record is refused when it is bigger than the budget.
        const Record big =
            Record::create(alice, countingId(), QByteArray(Record::kMaxEncodedSize, 'v'), kNow, 60);
        const auto decoded = Record::decode(big.encode());
        QVERIFY(!decoded.ok());
        QVERIFY2(decoded.error().contains(QStringLiteral("larger than")), qPrintable(decoded.error()));
    }

    void decodeRejectsWrongShapes_data() {
        const Identity alice = identityFromByte(1);
        const Record record = sampleRecord(alice);
        const QList<QByteArray> good = fieldItems(record);
        auto with = [&](int index, const QByteArray& item) {
            QList<QByteArray> items = good;
            items[index] = item;
            return assemble(items);
        };
        auto integer = [](qint64 value) { return cborItem([=](QCborStreamWriter& w) { w.append(value); }); };
        const QByteArray text = cborItem([](QCborStreamWriter& w) { w.append(QStringLiteral("text")); });
        const QByteArray null = cborItem([](QCborStreamWriter& w) { w.appendNull(); });

        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty input") << QByteArray() << QStringLiteral("array");
        QTest::newRow("a map") << cborItem([](QCborStreamWriter& w) {
            w.startMap(0);
            w.endMap();
        }) << QStringLiteral("array");
        QTest::newRow("a byte string") << bytesItem(record.encode()) << QStringLiteral("array");
        QTest::newRow("five fields") << assemble(good.first(5)) << QStringLiteral("array");
        QTest::newRow("seven fields") << assemble(good + QList<QByteArray>{null}) << QStringLiteral("array");
        QByteArray indefinite = assemble(good);
        indefinite[0] = char(0x9f);
        indefinite.append(char(0xff));
        QTest::newRow("indefinite array") << indefinite << QStringLiteral("array");
        QTest::newRow("tagged array")
            << QByteArray(1, char(0xc0)) + assemble(good) << QStringLiteral("array");

        QTest::newRow("key of 19 bytes") << with(0, bytesItem(QByteArray(19, 'k'))) << QStringLiteral("key");
        QTest::newRow("key of 21 bytes") << with(0, bytesItem(QByteArray(21, 'k'))) << QStringLiteral("key");
        QTest::newRow("key as text") << with(0, text) << QStringLiteral("key");
        QTest::newRow("key as integer") << with(0, integer(7)) << QStringLiteral("key");
        QTest::newRow("publisher of 31 bytes")
            << with(1, bytesItem(QByteArray(31, 'p'))) << QStringLiteral("publisher");
        QTest::newRow("publisher of 33 bytes")
            << with(1, bytesItem(QByteArray(33, 'p'))) << QStringLiteral("publisher");
        QTest::newRow("publisher null") << with(1, null) << QStringLiteral("publisher");

        QTest::newRow("negative timestamp") << with(2, integer(-1)) << QStringLiteral("timestamp");
        QTest::newRow("timestamp as text") << with(2, text) << QStringLiteral("timestamp");
        QTest::newRow("timestamp as double")
            << with(2, cborItem([](QCborStreamWriter& w) { w.append(double(kNow)); }))
            << QStringLiteral("timestamp");
        QTest::newRow("timestamp as bytes")
            << with(2, bytesItem(QByteArray(8, '\0'))) << QStringLiteral("timestamp");
        QTest::newRow("timestamp 2^64-1")
            << with(2, cborItem([](QCborStreamWriter& w) { w.append(~quint64(0)); }))
            << QStringLiteral("timestamp");
        QTest::newRow("timestamp past the overflow guard")
            << with(2, integer(kMaxTimestampMs + 1)) << QStringLiteral("timestamp");

        QTest::newRow("ttl too long")
            << with(3, integer(qint64(Record::kMaxTtlSeconds) + 1)) << QStringLiteral("TTL");
        QTest::newRow("ttl beyond 32 bits") << with(3, integer(qint64(1) << 40)) << QStringLiteral("TTL");
        QTest::newRow("negative ttl") << with(3, integer(-1)) << QStringLiteral("TTL");
        QTest::newRow("ttl as text") << with(3, text) << QStringLiteral("TTL");

        QTest::newRow("value of 641 bytes")
            << with(4, bytesItem(QByteArray(Record::kMaxValueSize + 1, 'v'))) << QStringLiteral("value");
        QTest::newRow("value as text") << with(4, text) << QStringLiteral("value");
        QTest::newRow("value null") << with(4, null) << QStringLiteral("value");
        QTest::newRow("value in chunks")
            << with(4, QByteArray::fromHex("5f426865436c6c6fff")) << QStringLiteral("value");
        QTest::newRow("value longer than the input")
            << with(4, QByteArray::fromHex("5901ff")) << QStringLiteral("value");

        QTest::newRow("signature of 63 bytes")
            << with(5, bytesItem(QByteArray(63, 's'))) << QStringLiteral("signature");
        QTest::newRow("signature of 65 bytes")
            << with(5, bytesItem(QByteArray(65, 's'))) << QStringLiteral("signature");
        QTest::newRow("signature as array") << with(5, cborItem([](QCborStreamWriter& w) {
                                                        w.startArray(0);
                                                        w.endArray();
                                                    }))
                                            << QStringLiteral("signature");

        // Well-formed and in range, but not the one encoding encode() gives.
        QTest::newRow("timestamp in a longer head")
            << with(2, QByteArray::fromHex("1b00000000000003e8")) << QStringLiteral("canonical");
        QTest::newRow("ttl in a longer head")
            << with(3, QByteArray::fromHex("1b0000000000015180")) << QStringLiteral("canonical");
        QTest::newRow("value length in a longer head")
            << with(4, QByteArray::fromHex("59000568656c6c6f")) << QStringLiteral("canonical");
        QTest::newRow("array length in a longer head")
            << QByteArray::fromHex("9806") + assemble(good).mid(1) << QStringLiteral("canonical");
    }

    void decodeRejectsWrongShapes() {
        QFETCH(QByteArray, input);
        QFETCH(QString, reason);
        const auto decoded = Record::decode(input);
        QVERIFY(!decoded.ok());
        QVERIFY(decoded.error().startsWith(QStringLiteral("Malformed record: ")));
        QVERIFY2(decoded.error().contains(reason), qPrintable(decoded.error()));
    }

    // decode() reads untrusted bytes: random damage must give an error or a record that encodes back to the
    // same bytes, never a crash (the asan preset runs this under the sanitizers).
    void randomMutationsNeverCrash() {
        const Identity alice = identityFromByte(1);
        const QList<QByteArray> seeds = {
            sampleRecord(alice).encode(),
            Record::create(alice, countingId(), QByteArray(), 0, 0).encode(),
            Record::create(alice, countingId(), QByteArray(Record::kMaxValueSize, 'v'), kNow, 60).encode(),
        };
        QRandomGenerator random(20260101);
        int accepted = 0;
        for (int round = 0; round < 30'000; ++round) {
            QByteArray bytes = seeds[random.bounded(int(seeds.size()))];
            const int mutations = 1 + random.bounded(4);
            for (int m = 0; m < mutations; ++m) {
                const int at = bytes.isEmpty() ? 0 : random.bounded(int(bytes.size()));
                switch (random.bounded(5)) {
                case 0:
                    if (!bytes.isEmpty())
                        bytes[at] = char(bytes[at] ^ (1 << random.bounded(8)));
                    break;
                case 1:
                    if (!bytes.isEmpty())
                        bytes[at] = char(random.bounded(256));
                    break;
                case 2:
                    bytes.insert(at, char(random.bounded(256)));
                    break;
                case 3:
                    bytes.remove(at, 1 + random.bounded(3));
                    break;
                case 4:
                    bytes.truncate(at);
                    break;
                }
            }
            const auto decoded = Record::decode(bytes);
            if (decoded.ok()) {
                ++accepted;
                QCOMPARE(decoded->encode(), bytes);
                QVERIFY(decoded->value.size() <= Record::kMaxValueSize);
            } else {
                QVERIFY(!decoded.error().isEmpty());
            }
        }
        // Byte flips inside the key, value or signature leave a well-formed record behind.
        QVERIFY(accepted > 0);

        for (int round = 0; round < 5'000; ++round) {
            QByteArray bytes(random.bounded(1000), Qt::Uninitialized);
            for (char& c : bytes)
                c = char(random.bounded(256));
            if (!bytes.isEmpty() && random.bounded(2))
                bytes[0] = char(0x86); // get past the first check more often
            const auto decoded = Record::decode(bytes);
            QVERIFY(!decoded.ok() || decoded->encode() == bytes);
        }
    }

    void slotIsPublisherAndValueHash() {
        const Identity alice = identityFromByte(1);
        const Identity bob = identityFromByte(2);
        const Record record = sampleRecord(alice);
        QCOMPARE(record.slot().size(), PublicKey::kSize + 16);
        QCOMPARE(record.slot(), alice.publicKey().toByteArray() +
                                    ringshare::crypto::Blake2b::hash(QByteArrayLiteral("hello"), 16));
        // A republish (new time, new TTL) keeps the slot; another value or another publisher does not.
        QCOMPARE(Record::create(alice, countingId(), "hello", kNow + 1000, 7).slot(), record.slot());
        QVERIFY(Record::create(alice, countingId(), "hello!", kNow, 86'400).slot() != record.slot());
        QVERIFY(Record::create(bob, countingId(), "hello", kNow, 86'400).slot() != record.slot());
    }

    void expiryBoundaries() {
        const Identity alice = identityFromByte(1);
        const Record record = Record::create(alice, countingId(), "v", kNow, 60);
        QCOMPARE(record.expiresAtMs(), kNow + 60'000);
        QVERIFY(!record.isExpiredAt(kNow));
        QVERIFY(!record.isExpiredAt(kNow + 59'999));
        QVERIFY(record.isExpiredAt(kNow + 60'000));
        QVERIFY(Record::create(alice, countingId(), "v", kNow, 0).isExpiredAt(kNow));
    }

    void recordKeyIsBlake2bOfTheUtf8Name() {
        QCOMPARE(ringshare::dht::recordKey(QStringLiteral("kw:holiday")), NodeId::hashOf("kw:holiday"));
        QCOMPARE(ringshare::dht::recordKey(QString()), NodeId::hashOf(QByteArray()));
        // "kw:größe" in UTF-8, not Latin-1.
        const QString name = QStringLiteral("kw:gr") + QChar(0xf6) + QChar(0xdf) + QStringLiteral("e");
        QCOMPARE(ringshare::dht::recordKey(name), NodeId::hashOf("kw:gr\xc3\xb6\xc3\x9f"
                                                                 "e"));
        QVERIFY(ringshare::dht::recordKey(name) != NodeId::hashOf(name.toLatin1()));
        QVERIFY(ringshare::dht::recordKey(QStringLiteral("kw:a")) !=
                ringshare::dht::recordKey(QStringLiteral("file:a")));
    }
};

QTEST_GUILESS_MAIN(TestRecord)
#include "tst_record.moc"
