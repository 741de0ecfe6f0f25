// SystemClock: real time and Qt event-loop timers, the Clock of real nodes.
#pragma once

#include "base/clock.h"

#include <QElapsedTimer>

namespace ringshare {

// Real time, with timers on the Qt event loop of the thread that creates them.
class SystemClock final : public Clock {
public:
    SystemClock();

    [[nodiscard]] Millis now() const override;
    [[nodiscard]] qint64 unixMillis() const override;
    [[nodiscard]] std::unique_ptr<Timer> createTimer(std::function<void()> onTimeout) override;

private:
    QElapsedTimer m_elapsed;
};

} // namespace ringshare
