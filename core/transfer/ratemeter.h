#pragma once

#include "base/clock.h"

#include <deque>
#include <utility>

namespace ringshare::transfer {

// Bytes per second over the last few seconds.
class RateMeter final {
public:
    static constexpr Millis kWindow{3000};

    void add(qint64 bytes, Millis now) {
        m_samples.emplace_back(now, bytes);
        m_total += bytes;
        prune(now);
    }
    [[nodiscard]] qint64 rate(Millis now) {
        prune(now);
        if (m_samples.empty())
            return 0;
        // Over the whole window once it has filled, so a single burst does not read as a huge rate.
        const qint64 span = qMax<qint64>(1000, (now - m_samples.front().first).count());
        return m_total * 1000 / qMin<qint64>(span, kWindow.count());
    }

private:
    void prune(Millis now) {
        while (!m_samples.empty() && now - m_samples.front().first > kWindow) {
            m_total -= m_samples.front().second;
            m_samples.pop_front();
        }
    }

    std::deque<std::pair<Millis, qint64>> m_samples;
    qint64 m_total = 0;
};

} // namespace ringshare::transfer
