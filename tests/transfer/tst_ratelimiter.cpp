// Tests for RateLimiter on ManualClock: unlimited and limited buckets, refill, bursts after quiet
// spells, and waiters called back in time.
#include "base/manualclock.h"
#include "transfer/ratelimiter.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::transfer;
using namespace std::chrono_literals;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr qint64 kBlock = 64 * KiB;

// Runs what is due now, but gives up after `limit` callbacks: a limiter that keeps re-arming a timer for
// the same instant fails the test instead of hanging it. True when nothing due is left.
bool settle(ManualClock& clock, int limit = 1000) {
    for (int n = 0; n < limit; ++n) {
        const auto next = clock.nextDeadline();
        if (!next || *next > clock.now())
            return true;
        clock.runNext();
    }
    return false;
}

// Takes the bucket into debt: waits until one grant succeeds, and takes a whole block.
void overdraw(ManualClock& clock, RateLimiter& limiter) {
    while (limiter.grant(kBlock) == 0)
        clock.advance(1ms);
}

} // namespace

class TestRateLimiter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // An unlimited bucket never fills; its timer must not keep re-arming itself at zero delay, which in
    // an event loop is a core spinning for nothing.
    void anUnlimitedLimiterGoesQuiet() {
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(0);
        for (int i = 0; i < 10 && clock.runNext(); ++i) {
        }
        QVERIFY(!clock.nextDeadline().has_value());
        QCOMPARE(limiter.grant(1'000'000), 1'000'000);
    }

    void anUnlimitedLimiterCallsItsWaitersAtOnce() {
        ManualClock clock;
        RateLimiter limiter(clock);
        int called = 0;
        limiter.whenReady([&] { ++called; });
        // Bounded, so that a limiter that does spin fails here instead of hanging the test.
        for (int i = 0; i < 10 && clock.runNext(); ++i) {
        }
        QCOMPARE(called, 1);
        QVERIFY(!clock.nextDeadline().has_value());
    }

    void aLimitedLimiterWaitsForItsTokensThenGoesQuiet() {
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(1000 * 1024); // 1024 bytes a millisecond
        clock.advance(100ms);
        QCOMPARE(limiter.grant(200 * 1024), 200 * 1024); // overdraws the bucket
        QCOMPARE(limiter.grant(1), 0);
        int called = 0;
        Millis calledAt{-1};
        limiter.whenReady([&] {
            ++called;
            calledAt = clock.now();
        });
        clock.advance(1000ms);
        QCOMPARE(called, 1);
        QVERIFY(calledAt > 100ms);
        QVERIFY(calledAt <= 400ms);
        QVERIFY(!clock.nextDeadline().has_value());
        QCOMPARE(limiter.grant(1024), 1024);
    }

    void unlimitedGrantsEverything() {
        ManualClock clock;
        RateLimiter limiter(clock);
        QVERIFY(!limiter.isLimited());
        QCOMPARE(limiter.rate(), 0);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(limiter.grant(64 * MiB), 64 * MiB);
    }

    void negativeRateMeansUnlimited() {
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(-5);
        QVERIFY(!limiter.isLimited());
        QCOMPARE(limiter.grant(kBlock), kBlock);
        QVERIFY(settle(clock));
    }

    void aLimitedBucketRefusesUntilRefilled() {
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(1 * MiB);
        QVERIFY(limiter.isLimited());
        const Millis start = clock.now();
        // It starts empty.
        QCOMPARE(limiter.grant(kBlock), 0);
        clock.advance(1ms);
        // A whole block goes at once, overdrawing the bucket; then nothing until the rate has paid for it.
        QCOMPARE(limiter.grant(kBlock), kBlock);
        QCOMPARE(limiter.grant(1), 0);
        while (limiter.grant(1) == 0) {
            QVERIFY(clock.now() - start < 1s);
            clock.advance(1ms);
        }
        // 1 MiB/s fills 64 KiB in 62.5 ms.
        QCOMPARE(clock.now() - start, 63ms);
    }

    void aQuietSpellIsNoLongBurst_data() {
        QTest::addColumn<qint64>("rate");
        QTest::addColumn<qint64>("burst");
        QTest::newRow("64 KiB/s: one block") << 64 * KiB << 64 * KiB;
        QTest::newRow("1 MiB/s: one block") << 1 * MiB << 64 * KiB;
        QTest::newRow("50 MiB/s: 50 ms") << 50 * MiB << 50 * MiB / 20;
    }
    void aQuietSpellIsNoLongBurst() {
        QFETCH(qint64, rate);
        QFETCH(qint64, burst);
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(rate);
        clock.advance(60s);
        qint64 granted = 0;
        while (const qint64 got = limiter.grant(KiB))
            granted += got;
        QCOMPARE(granted, burst);
    }

    void aGreedyConsumerGetsTheRate_data() {
        QTest::addColumn<qint64>("rate");
        QTest::newRow("64 KiB/s") << 64 * KiB;
        QTest::newRow("1 MiB/s") << 1 * MiB;
        QTest::newRow("50 MiB/s") << 50 * MiB;
    }
    void aGreedyConsumerGetsTheRate() {
        QFETCH(qint64, rate);
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(rate);
        // Takes blocks for as long as the limiter grants them, then waits to be called back.
        qint64 granted = 0;
        std::function<void()> consume;
        consume = [&] {
            while (const qint64 got = limiter.grant(kBlock))
                granted += got;
            limiter.whenReady(consume);
        };
        consume();
        constexpr int kSeconds = 10;
        clock.advance(std::chrono::seconds(kSeconds));
        const double expected = double(rate) * kSeconds;
        QVERIFY2(qAbs(double(granted) - expected) <= 0.05 * expected,
                 qPrintable(QStringLiteral("%1 bytes granted, %2 expected").arg(granted).arg(expected)));
    }

    void everyWaiterIsCalledBack() {
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(1 * MiB);
        overdraw(clock, limiter);
        QList<int> called(5, 0);
        for (int i = 0; i < called.size(); ++i)
            limiter.whenReady([&called, i] { ++called[i]; });
        clock.advance(50ms);
        QCOMPARE(called, QList<int>(5, 0));
        clock.advance(1s);
        QCOMPARE(called, QList<int>(5, 1));
        QVERIFY(limiter.grant(kBlock) > 0);
    }

    void aWaiterCanWaitAgain() {
        // Woken together, the waiters ask in turn: the first one's grant puts the bucket back in debt, so
        // the others wait again and are called back once more.
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(1 * MiB);
        overdraw(clock, limiter);
        QList<Millis> grantedAt;
        std::function<void()> wait;
        wait = [&] {
            if (limiter.grant(kBlock) > 0)
                grantedAt.append(clock.now());
            else
                limiter.whenReady(wait);
        };
        for (int i = 0; i < 3; ++i)
            limiter.whenReady(wait);
        clock.advance(1s);
        QCOMPARE(grantedAt.size(), 3);
        QVERIFY(grantedAt[1] - grantedAt[0] >= 62ms);
        QVERIFY(grantedAt[2] - grantedAt[1] >= 62ms);
    }

    void settingRateZeroReleasesWaiters() {
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(1 * KiB);
        overdraw(clock, limiter);
        int called = 0;
        limiter.whenReady([&] { ++called; });
        limiter.whenReady([&] { ++called; });
        limiter.setRate(0);
        QVERIFY2(settle(clock), "the limiter keeps scheduling itself");
        QCOMPARE(called, 2);
        QCOMPARE(clock.pendingCount(), size_t(0));
        QCOMPARE(limiter.grant(kBlock), kBlock);
    }

    void raisingTheRateShortensTheWait() {
        ManualClock clock;
        RateLimiter limiter(clock);
        limiter.setRate(1 * KiB);
        overdraw(clock, limiter);
        // At 1 KiB/s this debt takes a minute to pay; at 1 MiB/s a few tens of milliseconds.
        int called = 0;
        limiter.whenReady([&] { ++called; });
        limiter.setRate(1 * MiB);
        clock.advance(100ms);
        QCOMPARE(called, 1);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
