// ManualClock: simulated time that moves only when a test or simulation advances it.
#pragma once

#include "base/clock.h"

#include <cstddef>
#include <map>
#include <optional>
#include <utility>

namespace ringshare {

// Time that moves only when told to. Due callbacks run in deadline order (first scheduled first on ties),
// each seeing now() equal to its own deadline, so a run replays exactly.
class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 unixMillisAtStart = kDefaultEpoch);
    ~ManualClock() override;
    ManualClock(const ManualClock&) = delete;
    ManualClock& operator=(const ManualClock&) = delete;

    static constexpr qint64 kDefaultEpoch = 1'767'225'600'000; // 2026-01-01T00:00:00Z

    [[nodiscard]] Millis now() const override;
    [[nodiscard]] qint64 unixMillis() const override;
    [[nodiscard]] std::unique_ptr<Timer> createTimer(std::function<void()> onTimeout) override;

    // Runs `action` once, `delay` from now (for simulated message delivery and the like).
    void post(Millis delay, std::function<void()> action);

    // Moves time forward by `span`, running everything that falls due on the way.
    void advance(Millis span);
    // Moves time to `deadline` (never backwards), running everything due by then.
    void advanceTo(Millis deadline);
    // Jumps to the next deadline and runs it. False when nothing is scheduled.
    bool runNext();

    [[nodiscard]] std::optional<Millis> nextDeadline() const;
    [[nodiscard]] std::size_t pendingCount() const;

    struct Queue;

private:
    std::shared_ptr<Queue> m_queue;
    qint64 m_epoch;
};

} // namespace ringshare
