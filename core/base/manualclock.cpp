// ManualClock: the deadline-ordered queue of timers and posted actions, run as time is advanced.
#include "base/manualclock.h"

namespace ringshare {

using Key = std::pair<Millis, quint64>;

struct ManualClock::Queue {
    Millis now{0};
    quint64 nextSequence = 0;
    std::map<Key, std::function<void()>> entries;

    Key insert(Millis deadline, std::function<void()> action) {
        const Key key{deadline, nextSequence++};
        entries.emplace(key, std::move(action));
        return key;
    }

    bool runFirstDueBy(Millis limit) {
        if (entries.empty() || entries.begin()->first.first > limit)
            return false;
        auto node = entries.extract(entries.begin());
        now = node.key().first;
        node.mapped()();
        return true;
    }
};

namespace {

// Shares the queue with its clock, so a timer that outlives the clock is harmless.
class ManualTimer final : public Timer {
public:
    ManualTimer(std::shared_ptr<ManualClock::Queue> queue, std::function<void()> onTimeout)
        : m_queue(std::move(queue)), m_onTimeout(std::move(onTimeout)) {}
    ~ManualTimer() override { stop(); }
    ManualTimer(const ManualTimer&) = delete;
    ManualTimer& operator=(const ManualTimer&) = delete;

    void start(Millis delay) override {
        stop();
        m_key = m_queue->insert(m_queue->now + std::max(delay, Millis(0)), [this] {
            m_key.reset();
            // A copy, because the callback may destroy this timer.
            auto onTimeout = m_onTimeout;
            onTimeout();
        });
    }

    void stop() override {
        if (m_key) {
            m_queue->entries.erase(*m_key);
            m_key.reset();
        }
    }

    [[nodiscard]] bool isActive() const override { return m_key.has_value(); }

private:
    std::shared_ptr<ManualClock::Queue> m_queue;
    std::function<void()> m_onTimeout;
    std::optional<Key> m_key;
};

} // namespace

ManualClock::ManualClock(qint64 unixMillisAtStart)
    : m_queue(std::make_shared<Queue>()), m_epoch(unixMillisAtStart) {}

ManualClock::~ManualClock() = default;

Millis ManualClock::now() const {
    return m_queue->now;
}

qint64 ManualClock::unixMillis() const {
    return m_epoch + m_queue->now.count();
}

std::unique_ptr<Timer> ManualClock::createTimer(std::function<void()> onTimeout) {
    return std::make_unique<ManualTimer>(m_queue, std::move(onTimeout));
}

void ManualClock::post(Millis delay, std::function<void()> action) {
    m_queue->insert(m_queue->now + std::max(delay, Millis(0)), std::move(action));
}

void ManualClock::advance(Millis span) {
    advanceTo(m_queue->now + span);
}

void ManualClock::advanceTo(Millis deadline) {
    while (m_queue->runFirstDueBy(deadline)) {
    }
    m_queue->now = std::max(m_queue->now, deadline);
}

bool ManualClock::runNext() {
    return m_queue->runFirstDueBy(Millis::max());
}

std::optional<Millis> ManualClock::nextDeadline() const {
    if (m_queue->entries.empty())
        return std::nullopt;
    return m_queue->entries.begin()->first.first;
}

std::size_t ManualClock::pendingCount() const {
    return m_queue->entries.size();
}

} // namespace ringshare
