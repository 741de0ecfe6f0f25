#include "base/manualclock.h"
#include "transfer/ratelimiter.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::transfer;
using namespace std::chrono_literals;

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
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
