// The token bucket and its waiters; see ratelimiter.h.
#include "transfer/ratelimiter.h"

#include <cmath>

namespace ringshare::transfer {

namespace {

// The bucket holds at most this long of traffic, so a quiet moment cannot turn into a long burst.
constexpr double kBurstSeconds = 0.05;
constexpr qint64 kMinBurst = 64 * 1024;

} // namespace

RateLimiter::RateLimiter(Clock& clock) : m_clock(clock), m_last(clock.now()) {
    m_timer = clock.createTimer([this] {
        refill();
        // Without a limit the bucket never fills (refill() adds nothing), and waiting for it would re-arm
        // this zero-delay timer forever: a busy loop. Everyone may go at once instead.
        if (isLimited() && m_tokens <= 0) {
            whenReady({});
            return;
        }
        auto waiters = std::move(m_waiters);
        m_waiters.clear();
        for (auto& ready : waiters)
            if (ready)
                ready();
    });
}

void RateLimiter::setRate(qint64 bytesPerSecond) {
    refill();
    m_rate = qMax<qint64>(0, bytesPerSecond);
    m_tokens = qMin(m_tokens, double(qMax(kMinBurst, qint64(m_rate * kBurstSeconds))));
    // A wake-up already scheduled was worked out at the old rate.
    m_timer->stop();
    if (!m_waiters.empty())
        whenReady({});
}

void RateLimiter::refill() {
    const Millis now = m_clock.now();
    if (isLimited()) {
        const double burst = double(qMax(kMinBurst, qint64(m_rate * kBurstSeconds)));
        m_tokens = qMin(burst, m_tokens + double((now - m_last).count()) * double(m_rate) / 1000.0);
    }
    m_last = now;
}

qint64 RateLimiter::grant(qint64 wanted) {
    if (!isLimited())
        return wanted;
    refill();
    if (m_tokens <= 0)
        return 0;
    m_tokens -= double(wanted);
    return wanted;
}

void RateLimiter::whenReady(std::function<void()> ready) {
    if (ready)
        m_waiters.push_back(std::move(ready));
    if (m_timer->isActive())
        return;
    const double missing = isLimited() ? qMax(0.0, -m_tokens) + 1.0 : 0.0;
    const auto wait = isLimited() ? qint64(std::ceil(missing * 1000.0 / double(m_rate))) : 0;
    m_timer->start(Millis(qMax<qint64>(wait, isLimited() ? 1 : 0)));
}

} // namespace ringshare::transfer
