// SystemClock: monotonic time from QElapsedTimer, wall time, and QTimer-backed one-shot timers.
#include "base/systemclock.h"

#include <QDateTime>
#include <QTimer>

namespace ringshare {

namespace {

class QtTimer final : public Timer {
public:
    explicit QtTimer(std::function<void()> onTimeout) {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, std::move(onTimeout));
    }

    void start(Millis delay) override { m_timer.start(delay); }
    void stop() override { m_timer.stop(); }
    [[nodiscard]] bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
};

} // namespace

SystemClock::SystemClock() {
    m_elapsed.start();
}

Millis SystemClock::now() const {
    return Millis(m_elapsed.elapsed());
}

qint64 SystemClock::unixMillis() const {
    return QDateTime::currentMSecsSinceEpoch();
}

std::unique_ptr<Timer> SystemClock::createTimer(std::function<void()> onTimeout) {
    return std::make_unique<QtTimer>(std::move(onTimeout));
}

} // namespace ringshare
