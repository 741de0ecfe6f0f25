// Bytes per second over the last few seconds, for progress rows and request pipelining.
#pragma once

#include "base/clock.h"

#include <deque>
#include <optional>
#include <utility>

namespace ringshare::transfer {

// Bytes per second over the last few seconds.
class RateMeter final {
public:
    static constexpr Millis kWindow{3000};

    // Samples are summed into 100 ms buckets, so the meter stays small however many blocks arrive.
    static constexpr Millis kBucket{100};

    void add(qint64 bytes, Millis now) {
        const Millis slot = now - now % kBucket;
        if (!m_samples.empty() && m_samples.back().first == slot)
            m_samples.back().second += bytes;
        else
            m_samples.emplace_back(slot, bytes);
        prune(now);
    }
    [[nodiscard]] qint64 rate(Millis now) const {
        qint64 total = 0;
        std::optional<Millis> oldest;
        for (const auto& [when, bytes] : m_samples)
            if (now - when <= kWindow) {
                total += bytes;
                oldest = oldest ? std::min(*oldest, when) : when;
            }
        if (!oldest)
            return 0;
        // Over at least a second, so a single burst does not read as a huge rate.
        const qint64 span = qMax<qint64>(1000, (now - *oldest).count());
        return total * 1000 / qMin<qint64>(span, kWindow.count());
    }

private:
    void prune(Millis now) {
        while (!m_samples.empty() && now - m_samples.front().first > kWindow) {
            m_samples.pop_front();
        }
    }

    std::deque<std::pair<Millis, qint64>> m_samples;
};

} // namespace ringshare::transfer
