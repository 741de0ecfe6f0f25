// Tests for SystemClock: monotonic and wall time, and one-shot timers on the real event loop.
#include "base/systemclock.h"

#include <QDateTime>
#include <QTest>

using namespace ringshare;
using namespace std::chrono_literals;

class TestSystemClock final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void monotonicAndWallTime() {
        SystemClock clock;
        const Millis first = clock.now();
        QVERIFY(first >= 0ms);
        QVERIFY(clock.now() >= first);
        const qint64 wall = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(qAbs(clock.unixMillis() - wall) < 5000);
    }

    // The real timer fires on the event loop; the wait is generous so a loaded machine cannot flake it.
    void timerFiresOnceOnTheEventLoop() {
        SystemClock clock;
        int count = 0;
        auto timer = clock.createTimer([&] { ++count; });
        timer->start(1ms);
        QVERIFY(timer->isActive());
        QTRY_COMPARE_WITH_TIMEOUT(count, 1, 10000);
        QVERIFY(!timer->isActive());
        QTest::qWait(20);
        QCOMPARE(count, 1);
    }

    void stoppedTimerDoesNotFire() {
        SystemClock clock;
        int count = 0;
        auto timer = clock.createTimer([&] { ++count; });
        timer->start(5ms);
        timer->stop();
        QTest::qWait(30);
        QCOMPARE(count, 0);
    }
};

QTEST_GUILESS_MAIN(TestSystemClock)
#include "tst_systemclock.moc"
