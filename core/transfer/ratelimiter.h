// A token bucket over bytes, for the upload and download limits.
#pragma once

#include "base/clock.h"

#include <functional>
#include <memory>
#include <vector>

namespace ringshare::transfer {

// A token bucket over bytes, shared by every connection it limits. A grant may overdraw the bucket: the
// debt is paid back before the next grant, so the average rate holds while whole blocks still go out in
// one piece. Waiters are called back together when the bucket fills again; they ask again in turn.
class RateLimiter final {
public:
    explicit RateLimiter(Clock& clock);

    // Bytes per second; 0 means no limit.
    void setRate(qint64 bytesPerSecond);
    [[nodiscard]] qint64 rate() const { return m_rate; }
    [[nodiscard]] bool isLimited() const { return m_rate > 0; }

    // Grants `wanted` bytes, or 0 while the bucket is empty or in debt.
    [[nodiscard]] qint64 grant(qint64 wanted);
    // Calls `ready` once, when grant() can next succeed.
    void whenReady(std::function<void()> ready);

private:
    void refill();

    Clock& m_clock;
    qint64 m_rate = 0;
    double m_tokens = 0;
    Millis m_last{0};
    std::vector<std::function<void()>> m_waiters;
    std::unique_ptr<Timer> m_timer;
};

} // namespace ringshare::transfer
