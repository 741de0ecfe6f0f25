// Clock and Timer: the interfaces protocol code takes time and one-shot timers from (real or manual).
#pragma once

#include <QtGlobal>
#include <chrono>
#include <functional>
#include <memory>

namespace ringshare {

using Millis = std::chrono::milliseconds;

// A one-shot timer. Periodic work re-arms it from its callback, which lets every round pick its own
// jittered delay instead of firing in lock-step with other nodes.
class Timer {
public:
    virtual ~Timer() = default;
    // Fires once after `delay`; starting an active timer moves its deadline.
    virtual void start(Millis delay) = 0;
    virtual void stop() = 0;
    [[nodiscard]] virtual bool isActive() const = 0;
};

// The only source of time for protocol code, so that tests and simulations can drive time by hand.
class Clock {
public:
    virtual ~Clock() = default;
    // Monotonic time from an arbitrary origin; only differences are meaningful.
    [[nodiscard]] virtual Millis now() const = 0;
    // Wall-clock milliseconds since the Unix epoch, for timestamps that leave this process.
    [[nodiscard]] virtual qint64 unixMillis() const = 0;
    // The callback runs on the clock's thread (the event loop for the system clock).
    [[nodiscard]] virtual std::unique_ptr<Timer> createTimer(std::function<void()> onTimeout) = 0;
};

} // namespace ringshare
