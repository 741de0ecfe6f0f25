// Tests for Publisher: what it stores when, on ManualClock with a host that records each store and
// answers it as told, so the republish rounds and the retries until confirmed are seen exactly.
#include "base/manualclock.h"
#include "dht/publisher.h"

#include <QTest>

using ringshare::ManualClock;
using ringshare::Millis;
using ringshare::NodeId;
using ringshare::dht::Publisher;

namespace {

constexpr Millis kRepublish{60'000};
constexpr Millis kRetry{5'000};

class FakeHost final : public Publisher::Host {
public:
    bool onRing = true;
    bool confirm = true;      // how the owner answers each store
    QList<QByteArray> stored; // the values asked to be stored, in order
    QList<quint32> ttls;

    [[nodiscard]] bool canStore() const override { return onRing; }
    void storeSigned(const NodeId&, const QByteArray& value, quint32 ttlSeconds,
                     std::function<void(bool)> done) override {
        stored.append(value);
        ttls.append(ttlSeconds);
        done(confirm);
    }
    [[nodiscard]] Millis jittered(Millis interval) override { return interval; } // no jitter: exact times
};

const NodeId kKey = NodeId::fromInteger(1);

} // namespace

class TestPublisher final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void storesAtOnceAndEveryRound() {
        ManualClock clock;
        FakeHost host;
        Publisher publisher(host, clock, kRepublish, kRetry);
        publisher.publish(kKey, "a", 600);
        QCOMPARE(host.stored, (QList<QByteArray>{"a"}));
        QCOMPARE(host.ttls, (QList<quint32>{600}));
        QCOMPARE(publisher.count(), 1);

        publisher.scheduleRepublish(kRepublish);
        clock.advance(kRepublish - Millis(1));
        QCOMPARE(host.stored.size(), 1);
        clock.advance(Millis(1));
        QCOMPARE(host.stored.size(), 2);
        clock.advance(kRepublish); // each round schedules the next
        QCOMPARE(host.stored.size(), 3);
    }

    void unpublishedIsNoLongerRenewed() {
        ManualClock clock;
        FakeHost host;
        Publisher publisher(host, clock, kRepublish, kRetry);
        publisher.publish(kKey, "a", 600);
        publisher.publish(kKey, "b", 600);
        publisher.unpublish(kKey, "a");
        QCOMPARE(publisher.count(), 1);
        host.stored.clear();
        publisher.republish();
        QCOMPARE(host.stored, (QList<QByteArray>{"b"}));
    }

    void unconfirmedStoreIsRetriedUntilConfirmed() {
        ManualClock clock;
        FakeHost host;
        host.confirm = false;
        Publisher publisher(host, clock, kRepublish, kRetry);
        publisher.publish(kKey, "a", 600);
        QCOMPARE(publisher.unconfirmedCount(), 1);
        clock.advance(kRetry);
        QCOMPARE(host.stored.size(), 2); // retried once, failed again
        QCOMPARE(publisher.unconfirmedCount(), 1);
        host.confirm = true;
        clock.advance(kRetry);
        QCOMPARE(host.stored.size(), 3);
        QCOMPARE(publisher.unconfirmedCount(), 0);
        clock.advance(kRetry * 10); // confirmed: no more retries (no round was scheduled)
        QCOMPARE(host.stored.size(), 3);
    }

    void unpublishStopsRetries() {
        ManualClock clock;
        FakeHost host;
        host.confirm = false;
        Publisher publisher(host, clock, kRepublish, kRetry);
        publisher.publish(kKey, "a", 600);
        publisher.unpublish(kKey, "a");
        QCOMPARE(publisher.unconfirmedCount(), 0);
        clock.advance(kRetry * 3);
        QCOMPARE(host.stored.size(), 1);
    }

    void offTheRingWaitsForTheFirstRound() {
        ManualClock clock;
        FakeHost host;
        host.onRing = false;
        Publisher publisher(host, clock, kRepublish, kRetry);
        publisher.publish(kKey, "a", 600);
        QCOMPARE(host.stored.size(), 0);
        QCOMPARE(publisher.unconfirmedCount(), 1);
        publisher.republish(); // still off the ring: nothing goes out
        QCOMPARE(host.stored.size(), 0);
        host.onRing = true;
        publisher.republish();
        QCOMPARE(host.stored, (QList<QByteArray>{"a"}));
        QCOMPARE(publisher.unconfirmedCount(), 0);
    }

    void stopEndsRoundsAndRetries() {
        ManualClock clock;
        FakeHost host;
        host.confirm = false;
        Publisher publisher(host, clock, kRepublish, kRetry);
        publisher.publish(kKey, "a", 600);
        publisher.scheduleRepublish(kRepublish);
        publisher.stop();
        clock.advance(kRepublish * 3);
        QCOMPARE(host.stored.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPublisher)
#include "tst_publisher.moc"
