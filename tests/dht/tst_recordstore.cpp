// Tests for RecordStore: storing and replacing records by slot, per-key and total limits, expiry,
// clock skew, and key ranges on the ring (checked against brute force).
#include "crypto/identity.h"
#include "dht/recordstore.h"
#include "dht/ring.h"

#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <deque>
#include <limits>

using ringshare::NodeId;
using ringshare::crypto::Identity;
using ringshare::dht::inHalfOpenInterval;
using ringshare::dht::PutOutcome;
using ringshare::dht::Record;
using ringshare::dht::RecordStore;
using ringshare::dht::RecordStoreLimits;

Q_DECLARE_METATYPE(PutOutcome)
Q_DECLARE_METATYPE(Record)

namespace {

constexpr qint64 kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 kMinute = 60'000;
constexpr quint32 kHourSeconds = 3600;

Identity identityFromByte(std::uint8_t fill) {
    Identity::Seed seed;
    seed.fill(fill);
    return Identity::fromSeed(seed);
}

NodeId randomId(QRandomGenerator& random) {
    NodeId::Bytes bytes;
    for (auto& b : bytes)
        b = std::uint8_t(random.bounded(256));
    return NodeId(bytes);
}

NodeId allOnes() {
    NodeId::Bytes bytes;
    bytes.fill(0xff);
    return NodeId(bytes);
}

QByteArray valueNumber(int n) {
    return QByteArray::number(n);
}

// Records compared by what names them (key and slot), in a canonical order.
QList<QByteArray> names(const QList<Record>& records) {
    QList<QByteArray> out;
    for (const Record& record : records)
        out.append(record.key.toByteArray() + record.slot());
    std::sort(out.begin(), out.end());
    return out;
}

// Everything held, expired or not (every test record has a timestamp after 0).
QList<Record> everything(const RecordStore& store) {
    return store.all(0);
}

int distinctKeys(const QList<Record>& records) {
    QList<NodeId> keys;
    for (const Record& record : records)
        keys.append(record.key);
    std::sort(keys.begin(), keys.end());
    return int(std::unique(keys.begin(), keys.end()) - keys.begin());
}

} // namespace

class TestRecordStore final : public QObject {
    Q_OBJECT

    // Identity owns its secret and cannot be copied; a deque keeps references to it stable.
    std::deque<Identity> m_publishers;

    const Identity& publisher(int n) { return m_publishers.at(size_t(n)); }

    Record make(const NodeId& key, const QByteArray& value, qint64 timestampMs = kNow,
                quint32 ttlSeconds = kHourSeconds, int publisherIndex = 0) {
        return Record::create(publisher(publisherIndex), key, value, timestampMs, ttlSeconds);
    }

    // Reports through QTest; callers in loops stop on QTest::currentTestFailed().
    void verifyCountsAreExact(const RecordStore& store) {
        const QList<Record> held = everything(store);
        QCOMPARE(store.recordCount(), int(held.size()));
        QCOMPARE(store.keyCount(), distinctKeys(held));
    }

private Q_SLOTS:
    void initTestCase() {
        for (int i = 0; i < 4; ++i)
            m_publishers.push_back(identityFromByte(std::uint8_t(i + 1)));
    }

    void storesAndReturnsARecord() {
        RecordStore store;
        const Record record = make(NodeId::fromInteger(7), "v");
        QCOMPARE(store.put(record, kNow), PutOutcome::Stored);
        QCOMPARE(store.get(NodeId::fromInteger(7), kNow), QList<Record>{record});
        QVERIFY(store.get(NodeId::fromInteger(8), kNow).isEmpty());
        QCOMPARE(store.all(kNow), QList<Record>{record});
        QCOMPARE(store.recordCount(), 1);
        QCOMPARE(store.keyCount(), 1);
    }

    void outcomes_data() {
        const RecordStoreLimits limits;
        const NodeId key = NodeId::fromInteger(1);
        QTest::addColumn<Record>("record");
        QTest::addColumn<PutOutcome>("outcome");

        QTest::newRow("stored") << make(key, "v") << PutOutcome::Stored;
        QTest::newRow("largest value")
            << make(key, QByteArray(Record::kMaxValueSize, 'v')) << PutOutcome::Stored;
        QTest::newRow("value too large")
            << make(key, QByteArray(Record::kMaxValueSize + 1, 'v')) << PutOutcome::ValueTooLarge;
        QTest::newRow("longest ttl") << make(key, "v", kNow, Record::kMaxTtlSeconds) << PutOutcome::Stored;
        QTest::newRow("ttl too long")
            << make(key, "v", kNow, Record::kMaxTtlSeconds + 1) << PutOutcome::TtlTooLong;
        QTest::newRow("zero ttl") << make(key, "v", kNow, 0) << PutOutcome::Expired;
        QTest::newRow("expires now") << make(key, "v", kNow - 60 * 1000, 60) << PutOutcome::Expired;
        QTest::newRow("expires in 1 ms") << make(key, "v", kNow - 60 * 1000 + 1, 60) << PutOutcome::Stored;
        QTest::newRow("long expired") << make(key, "v", 0, 60) << PutOutcome::Expired;
        QTest::newRow("at the skew limit")
            << make(key, "v", kNow + limits.maxClockSkewMs) << PutOutcome::Stored;
        QTest::newRow("beyond the skew limit")
            << make(key, "v", kNow + limits.maxClockSkewMs + 1) << PutOutcome::FromTheFuture;
        QTest::newRow("absurd timestamp")
            << make(key, "v", std::numeric_limits<qint64>::max(), Record::kMaxTtlSeconds)
            << PutOutcome::FromTheFuture;

        Record tampered = make(key, "v");
        tampered.value = "w";
        QTest::newRow("tampered value") << tampered << PutOutcome::InvalidSignature;
        Record unsigned_ = make(key, "v");
        unsigned_.signature = {};
        QTest::newRow("no signature") << unsigned_ << PutOutcome::InvalidSignature;
        Record stolen = make(key, "v");
        stolen.publisher = publisher(1).publicKey();
        QTest::newRow("claimed by another publisher") << stolen << PutOutcome::InvalidSignature;

        // The checks run in a fixed order: the first failing one names the outcome.
        Record everythingWrong =
            make(key, QByteArray(Record::kMaxValueSize + 1, 'v'), 0, Record::kMaxTtlSeconds + 1);
        everythingWrong.signature = {};
        QTest::newRow("size before ttl") << everythingWrong << PutOutcome::ValueTooLarge;
        Record ttlAndExpired = make(key, "v", 0, Record::kMaxTtlSeconds + 1);
        ttlAndExpired.signature = {};
        QTest::newRow("ttl before expiry") << ttlAndExpired << PutOutcome::TtlTooLong;
        Record expiredAndForged = make(key, "v", 0, 60);
        expiredAndForged.signature = {};
        QTest::newRow("expiry before signature") << expiredAndForged << PutOutcome::Expired;
        Record futureAndForged = make(key, "v", kNow + limits.maxClockSkewMs + 1);
        futureAndForged.signature = {};
        QTest::newRow("future before signature") << futureAndForged << PutOutcome::FromTheFuture;
    }

    void outcomes() {
        QFETCH(Record, record);
        QFETCH(PutOutcome, outcome);
        RecordStore store;
        QCOMPARE(store.put(record, kNow), outcome);
        const int expected = outcome == PutOutcome::Stored ? 1 : 0;
        QCOMPARE(store.recordCount(), expected);
        QCOMPARE(store.keyCount(), expected);
        QCOMPARE(store.get(record.key, kNow).size(), expected);
    }

    void clockSkewIsConfigurable() {
        RecordStore strict(RecordStoreLimits{.maxClockSkewMs = 0});
        QCOMPARE(strict.put(make(NodeId::fromInteger(1), "v", kNow + 1), kNow), PutOutcome::FromTheFuture);
        QCOMPARE(strict.put(make(NodeId::fromInteger(1), "v", kNow), kNow), PutOutcome::Stored);
    }

    void republishReplacesTheOlderCopy() {
        RecordStore store;
        const NodeId key = NodeId::fromInteger(42);
        const Record first = make(key, "file:1", kNow - 10 * kMinute);
        const Record republished = make(key, "file:1", kNow, 2 * kHourSeconds);
        QCOMPARE(store.put(first, kNow), PutOutcome::Stored);
        QCOMPARE(store.put(republished, kNow), PutOutcome::Stored);
        QCOMPARE(store.get(key, kNow), QList<Record>{republished});
        QCOMPARE(store.recordCount(), 1);
        QCOMPARE(store.keyCount(), 1);

        // The older copy, arriving late from another replica, changes nothing; nor does the same one again.
        QCOMPARE(store.put(first, kNow), PutOutcome::Unchanged);
        QCOMPARE(store.put(republished, kNow), PutOutcome::Unchanged);
        // Same slot and timestamp but another TTL: not newer, so the held copy stays.
        QCOMPARE(store.put(make(key, "file:1", kNow, 60), kNow), PutOutcome::Unchanged);
        QCOMPARE(store.get(key, kNow), QList<Record>{republished});
        QCOMPARE(store.recordCount(), 1);
    }

    void otherValuesAndPublishersAreSeparateSlots() {
        RecordStore store;
        const NodeId key = NodeId::fromInteger(42);
        QCOMPARE(store.put(make(key, "a", kNow, kHourSeconds, 0), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(key, "b", kNow, kHourSeconds, 0), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(key, "a", kNow, kHourSeconds, 1), kNow), PutOutcome::Stored);
        QCOMPARE(store.recordCount(), 3);
        QCOMPARE(store.keyCount(), 1);

        // get() is ordered by slot, the same way every time.
        const QList<Record> records = store.get(key, kNow);
        QCOMPARE(records.size(), 3);
        for (int i = 1; i < records.size(); ++i)
            QVERIFY(records[i - 1].slot() < records[i].slot());
    }

    void perKeyLimit() {
        RecordStore store(RecordStoreLimits{.maxRecordsPerKey = 3, .maxRecordsTotal = 100});
        const NodeId key = NodeId::fromInteger(5);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(store.put(make(key, valueNumber(i)), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(key, valueNumber(3)), kNow), PutOutcome::KeyFull);
        QCOMPARE(store.put(make(key, valueNumber(3), kNow, kHourSeconds, 1), kNow), PutOutcome::KeyFull);
        // A refresh of a held slot is not a new record.
        QCOMPARE(store.put(make(key, valueNumber(1), kNow + 1), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(key, valueNumber(1), kNow), kNow), PutOutcome::Unchanged);
        // Other keys are not affected.
        QCOMPARE(store.put(make(NodeId::fromInteger(6), valueNumber(3)), kNow), PutOutcome::Stored);
        QCOMPARE(store.recordCount(), 4);
        QCOMPARE(store.keyCount(), 2);
        QCOMPARE(store.get(key, kNow).size(), 3);
    }

    void totalLimit() {
        RecordStore store(RecordStoreLimits{.maxRecordsPerKey = 2, .maxRecordsTotal = 5});
        for (int i = 0; i < 5; ++i)
            QCOMPARE(store.put(make(NodeId::fromInteger(quint64(i / 2)), valueNumber(i)), kNow),
                     PutOutcome::Stored);
        QCOMPARE(store.keyCount(), 3);
        QCOMPARE(store.put(make(NodeId::fromInteger(99), "new key"), kNow), PutOutcome::StoreFull);
        QCOMPARE(store.put(make(NodeId::fromInteger(2), "held key"), kNow), PutOutcome::StoreFull);
        QCOMPARE(store.put(make(NodeId::fromInteger(0), valueNumber(9)), kNow), PutOutcome::KeyFull);
        QCOMPARE(store.put(make(NodeId::fromInteger(0), valueNumber(0), kNow + 1), kNow), PutOutcome::Stored);
        QCOMPARE(store.recordCount(), 5);
        QCOMPARE(store.keyCount(), 3);
        verifyCountsAreExact(store);

        // Room comes back once records go.
        QCOMPARE(store.removeRange(NodeId::fromInteger(1), NodeId::fromInteger(2)), 1);
        QCOMPARE(store.put(make(NodeId::fromInteger(99), "new key"), kNow), PutOutcome::Stored);
        verifyCountsAreExact(store);
    }

    void expiredRecordsDoNotHoldAKeyFull() {
        RecordStore store(RecordStoreLimits{.maxRecordsPerKey = 2, .maxRecordsTotal = 100});
        const NodeId key = NodeId::fromInteger(5);
        QCOMPARE(store.put(make(key, "short", kNow, 60), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(key, "long", kNow, kHourSeconds), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(key, "third"), kNow), PutOutcome::KeyFull);
        const qint64 later = kNow + 2 * kMinute;
        QCOMPARE(store.put(make(key, "third", later), later), PutOutcome::Stored);
        QCOMPARE(store.recordCount(), 2);
        QCOMPARE(store.keyCount(), 1);
        QCOMPARE(store.get(key, later).size(), 2);
        verifyCountsAreExact(store);
    }

    void readsSkipExpiredRecords() {
        RecordStore store;
        const NodeId key = NodeId::fromInteger(5);
        const Record shortLived = make(key, "short", kNow, 60);
        const Record longLived = make(key, "long", kNow, kHourSeconds);
        const Record elsewhere = make(NodeId::fromInteger(9), "other", kNow, 120);
        for (const Record& record : {shortLived, longLived, elsewhere})
            QCOMPARE(store.put(record, kNow), PutOutcome::Stored);

        const qint64 beforeExpiry = kNow + 60'000 - 1;
        const qint64 atExpiry = kNow + 60'000;
        QCOMPARE(store.get(key, beforeExpiry).size(), 2);
        QCOMPARE(store.get(key, atExpiry), QList<Record>{longLived});
        QCOMPARE(store.all(beforeExpiry).size(), 3);
        QCOMPARE(names(store.all(atExpiry)), names({longLived, elsewhere}));
        QCOMPARE(names(store.inRange(NodeId(), NodeId(), atExpiry)), names({longLived, elsewhere}));
        QCOMPARE(store.inRange(NodeId::fromInteger(4), NodeId::fromInteger(5), atExpiry),
                 QList<Record>{longLived});
        // Reads never drop anything.
        QCOMPARE(store.recordCount(), 3);
    }

    void expireDropsExactlyTheExpired() {
        RecordStore store;
        QCOMPARE(store.put(make(NodeId::fromInteger(1), "a", kNow, 60), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(NodeId::fromInteger(1), "b", kNow, 120), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(NodeId::fromInteger(2), "c", kNow, 60), kNow), PutOutcome::Stored);
        QCOMPARE(store.put(make(NodeId::fromInteger(3), "d", kNow, 180), kNow), PutOutcome::Stored);

        QCOMPARE(store.expire(kNow), 0);
        QCOMPARE(store.expire(kNow + 60'000 - 1), 0);
        QCOMPARE(store.recordCount(), 4);
        QCOMPARE(store.expire(kNow + 60'000), 2);
        QCOMPARE(store.recordCount(), 2);
        QCOMPARE(store.keyCount(), 2); // key 2 is gone, key 1 keeps "b"
        QVERIFY(store.get(NodeId::fromInteger(2), kNow).isEmpty());
        QCOMPARE(store.get(NodeId::fromInteger(1), kNow).size(), 1);
        verifyCountsAreExact(store);
        QCOMPARE(store.expire(kNow + 60'000), 0);
        QCOMPARE(store.expire(kNow + 180'000), 2);
        QCOMPARE(store.recordCount(), 0);
        QCOMPARE(store.keyCount(), 0);
    }

    void inRangeSmallRing() {
        RecordStore store;
        for (const quint64 k : {10, 20, 30})
            QCOMPARE(store.put(make(NodeId::fromInteger(k), "v"), kNow), PutOutcome::Stored);
        auto keysIn = [&](quint64 from, quint64 to) {
            QList<quint64> keys;
            for (const Record& record :
                 store.inRange(NodeId::fromInteger(from), NodeId::fromInteger(to), kNow))
                keys.append(quint64(record.key.bytes()[NodeId::kBytes - 1]));
            return keys;
        };
        QCOMPARE(keysIn(10, 20), (QList<quint64>{20}));
        QCOMPARE(keysIn(9, 20), (QList<quint64>{10, 20}));
        QCOMPARE(keysIn(10, 19), QList<quint64>{});
        QCOMPARE(keysIn(0, 30), (QList<quint64>{10, 20, 30}));
        QCOMPARE(keysIn(30, 0), QList<quint64>{});
        // Wrapping past the top of the ring, in clockwise order from `from`.
        QCOMPARE(keysIn(20, 10), (QList<quint64>{30, 10}));
        QCOMPARE(keysIn(25, 15), (QList<quint64>{30, 10}));
        // (a, a] is the whole ring, ending at a itself.
        QCOMPARE(keysIn(20, 20), (QList<quint64>{30, 10, 20}));
        QCOMPARE(keysIn(5, 5), (QList<quint64>{10, 20, 30}));
        // The top of the ring wraps to zero.
        QCOMPARE(names(store.inRange(allOnes(), NodeId::fromInteger(10), kNow)),
                 names(store.get(NodeId::fromInteger(10), kNow)));
    }

    // inRange() and removeRange() agree with a brute-force filter by inHalfOpenInterval on random keys.
    void rangesMatchBruteForce() {
        QRandomGenerator random(160);
        RecordStore store;
        QList<NodeId> keys = {NodeId(), allOnes(), NodeId::fromInteger(1), NodeId::powerOfTwo(159)};
        for (int i = 0; i < 250; ++i)
            keys.append(randomId(random));
        for (int i = 0; i < keys.size(); ++i) {
            // Some keys get several records, some records expire early.
            const int copies = 1 + int(random.bounded(3));
            for (int c = 0; c < copies; ++c) {
                const quint32 ttl = random.bounded(4) == 0 ? 60 : kHourSeconds;
                QCOMPARE(store.put(make(keys[i], valueNumber(c), kNow, ttl, c), kNow), PutOutcome::Stored);
            }
        }
        verifyCountsAreExact(store);
        const QList<Record> held = everything(store);
        const qint64 later = kNow + 2 * kMinute;

        auto check = [&](const NodeId& from, const NodeId& to) {
            QList<Record> expected, expectedLive;
            for (const Record& record : held) {
                if (inHalfOpenInterval(record.key, from, to)) {
                    expected.append(record);
                    if (!record.isExpiredAt(later))
                        expectedLive.append(record);
                }
            }
            const QList<Record> found = store.inRange(from, to, later);
            QCOMPARE(names(found), names(expectedLive));
            QCOMPARE(names(store.inRange(from, to, kNow)), names(expected));
            // Clockwise from `from`: the distance from `from`, minus one so that `from` itself counts as a
            // full turn, never decreases.
            for (int i = 1; i < found.size(); ++i) {
                const NodeId one = NodeId::fromInteger(1);
                QVERIFY((found[i - 1].key - from) - one <= (found[i].key - from) - one);
            }
        };
        for (int i = 0; i < 300; ++i) {
            const int kind = int(random.bounded(4));
            const NodeId from = kind == 0 ? keys[random.bounded(int(keys.size()))] : randomId(random);
            const NodeId to = kind == 1   ? keys[random.bounded(int(keys.size()))]
                              : kind == 2 ? from
                                          : randomId(random);
            check(from, to);
            if (QTest::currentTestFailed())
                return;
        }
        for (const NodeId& edge : {NodeId(), allOnes(), keys[10]}) {
            check(edge, edge);
            check(edge, keys[20]);
            check(keys[20], edge);
            if (QTest::currentTestFailed())
                return;
        }

        // removeRange drops exactly what inRange (at the earliest time) saw, expired or not.
        for (int i = 0; i < 40 && store.recordCount() > 0; ++i) {
            const QList<Record> before = everything(store);
            NodeId from = randomId(random), to = randomId(random);
            if (i % 10 == 0)
                to = from; // now and then, the whole ring
            QList<Record> kept;
            int inside = 0;
            for (const Record& record : before) {
                if (inHalfOpenInterval(record.key, from, to))
                    ++inside;
                else
                    kept.append(record);
            }
            QCOMPARE(store.removeRange(from, to), inside);
            QCOMPARE(names(everything(store)), names(kept));
            verifyCountsAreExact(store);
            if (QTest::currentTestFailed())
                return;
            if (i % 10 == 0)
                QCOMPARE(store.recordCount(), 0);
            if (store.recordCount() == 0) {
                for (int k = 0; k < keys.size(); ++k)
                    QCOMPARE(store.put(make(keys[k], "again", kNow + 1 + i), kNow), PutOutcome::Stored);
            }
        }
    }

    void removeRangeOnSmallRing() {
        RecordStore store;
        for (const quint64 k : {10, 20, 30}) {
            QCOMPARE(store.put(make(NodeId::fromInteger(k), "a"), kNow), PutOutcome::Stored);
            QCOMPARE(store.put(make(NodeId::fromInteger(k), "b", kNow, 60), kNow), PutOutcome::Stored);
        }
        QCOMPARE(store.removeRange(NodeId::fromInteger(10), NodeId::fromInteger(19)), 0);
        // Expired records count too: they are dropped, not handed over.
        QCOMPARE(store.removeRange(NodeId::fromInteger(25), NodeId::fromInteger(10)), 4);
        QCOMPARE(store.recordCount(), 2);
        QCOMPARE(store.keyCount(), 1);
        QCOMPARE(store.get(NodeId::fromInteger(20), kNow).size(), 2);
        QCOMPARE(store.removeRange(NodeId::fromInteger(20), NodeId::fromInteger(20)), 2);
        QCOMPARE(store.recordCount(), 0);
        QCOMPARE(store.keyCount(), 0);
        QCOMPARE(store.removeRange(NodeId(), NodeId()), 0);
    }

    // A random mix of every operation; the counts must match what the store really holds after each step.
    void countsStayExact() {
        QRandomGenerator random(2026);
        RecordStore store(RecordStoreLimits{.maxRecordsPerKey = 4, .maxRecordsTotal = 60});
        qint64 now = kNow;
        QList<NodeId> keys;
        for (int i = 0; i < 24; ++i)
            keys.append(randomId(random));
        for (int step = 0; step < 600; ++step) {
            switch (random.bounded(10)) {
            case 0:
                store.expire(now);
                break;
            case 1:
                store.removeRange(randomId(random), randomId(random));
                break;
            case 2:
                now += qint64(random.bounded(90)) * 1000;
                break;
            default: {
                const NodeId& key = keys[random.bounded(int(keys.size()))];
                const int value = int(random.bounded(6));
                const qint64 stamp = now - qint64(random.bounded(30)) * 1000;
                const quint32 ttl = 30 + random.bounded(300);
                const PutOutcome outcome =
                    store.put(make(key, valueNumber(value), stamp, ttl, int(random.bounded(2))), now);
                QVERIFY(outcome == PutOutcome::Stored || outcome == PutOutcome::Unchanged ||
                        outcome == PutOutcome::KeyFull || outcome == PutOutcome::StoreFull ||
                        outcome == PutOutcome::Expired);
                break;
            }
            }
            verifyCountsAreExact(store);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(store.recordCount() <= store.limits().maxRecordsTotal);
            for (const NodeId& key : keys)
                QVERIFY(store.get(key, 0).size() <= store.limits().maxRecordsPerKey);
        }
    }
};

QTEST_GUILESS_MAIN(TestRecordStore)
#include "tst_recordstore.moc"
