// Tests for ManualClock: timers in deadline order at their deadline, re-arming, stopping, destroying,
// posted actions, and time that never goes back.
#include "base/manualclock.h"

#include <QTest>
#include <vector>

using namespace ringshare;
using namespace std::chrono_literals;

class TestManualClock final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsAtZeroWithEpoch() {
        ManualClock clock(1000);
        QCOMPARE(clock.now(), 0ms);
        QCOMPARE(clock.unixMillis(), 1000);
        clock.advance(250ms);
        QCOMPARE(clock.now(), 250ms);
        QCOMPARE(clock.unixMillis(), 1250);
    }

    void timersFireInDeadlineOrderAtTheirDeadline() {
        ManualClock clock;
        std::vector<std::pair<int, Millis>> fired;
        auto a = clock.createTimer([&] { fired.emplace_back(1, clock.now()); });
        auto b = clock.createTimer([&] { fired.emplace_back(2, clock.now()); });
        auto c = clock.createTimer([&] { fired.emplace_back(3, clock.now()); });
        a->start(30ms);
        b->start(10ms);
        c->start(10ms); // same deadline as b: first started fires first
        QVERIFY(a->isActive());
        clock.advance(20ms);
        QCOMPARE(fired.size(), 2u);
        QCOMPARE(fired[0], std::make_pair(2, Millis(10)));
        QCOMPARE(fired[1], std::make_pair(3, Millis(10)));
        QVERIFY(!b->isActive());
        QCOMPARE(clock.now(), 20ms);
        clock.advance(100ms);
        QCOMPARE(fired.size(), 3u);
        QCOMPARE(fired[2], std::make_pair(1, Millis(30)));
        QCOMPARE(clock.now(), 120ms);
    }

    void stopAndRestartMoveTheDeadline() {
        ManualClock clock;
        int count = 0;
        auto timer = clock.createTimer([&] { ++count; });
        timer->start(10ms);
        timer->stop();
        QVERIFY(!timer->isActive());
        clock.advance(50ms);
        QCOMPARE(count, 0);
        timer->start(10ms);
        clock.advance(5ms);
        timer->start(10ms); // restart: now due at 65 ms, not 60 ms
        clock.advance(9ms);
        QCOMPARE(count, 0);
        clock.advance(1ms);
        QCOMPARE(count, 1);
    }

    void periodicWorkRearmsFromItsCallback() {
        ManualClock clock;
        std::vector<Millis> ticks;
        std::unique_ptr<Timer> timer;
        timer = clock.createTimer([&] {
            ticks.push_back(clock.now());
            timer->start(100ms);
        });
        timer->start(100ms);
        clock.advance(450ms);
        QCOMPARE(ticks, (std::vector<Millis>{100ms, 200ms, 300ms, 400ms}));
    }

    void destroyedTimerNeverFires() {
        ManualClock clock;
        int count = 0;
        auto timer = clock.createTimer([&] { ++count; });
        timer->start(10ms);
        QCOMPARE(clock.pendingCount(), 1u);
        timer.reset();
        QCOMPARE(clock.pendingCount(), 0u);
        clock.advance(20ms);
        QCOMPARE(count, 0);
    }

    void callbackMayDestroyItsOwnTimer() {
        ManualClock clock;
        int count = 0;
        std::unique_ptr<Timer> timer;
        timer = clock.createTimer([&, payload = std::vector<int>(100, 7)] {
            count += payload[99];
            timer.reset();
        });
        timer->start(1ms);
        clock.advance(2ms);
        QCOMPARE(count, 7);
        QVERIFY(!timer);
    }

    void postedActionsAndRunNext() {
        ManualClock clock;
        QStringList log;
        clock.post(5ms, [&] { log << QStringLiteral("b"); });
        clock.post(1ms, [&] {
            log << QStringLiteral("a");
            clock.post(1ms, [&] { log << QStringLiteral("a2"); });
        });
        QCOMPARE(clock.nextDeadline(), std::optional<Millis>(1ms));
        QVERIFY(clock.runNext());
        QCOMPARE(clock.now(), 1ms);
        QVERIFY(clock.runNext());
        QCOMPARE(clock.now(), 2ms);
        QVERIFY(clock.runNext());
        QCOMPARE(clock.now(), 5ms);
        QVERIFY(!clock.runNext());
        QCOMPARE(log, (QStringList{QStringLiteral("a"), QStringLiteral("a2"), QStringLiteral("b")}));
    }

    void advanceToNeverGoesBack() {
        ManualClock clock;
        clock.advance(100ms);
        clock.advanceTo(50ms);
        QCOMPARE(clock.now(), 100ms);
    }

    void timerOutlivingClockIsHarmless() {
        std::unique_ptr<Timer> timer;
        {
            ManualClock clock;
            timer = clock.createTimer([] {});
            timer->start(10ms);
        }
        QVERIFY(timer->isActive());
        timer->stop();
        QVERIFY(!timer->isActive());
    }
};

QTEST_GUILESS_MAIN(TestManualClock)
#include "tst_manualclock.moc"
