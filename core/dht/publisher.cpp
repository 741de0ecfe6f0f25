// Publisher: the published set, its republish rounds and the retries of unconfirmed stores.
#include "dht/publisher.h"

#include <utility>

namespace ringshare::dht {

Publisher::Publisher(Host& host, Clock& clock, Millis republishInterval, Millis retryInterval)
    : m_host(host), m_republishInterval(republishInterval), m_retryInterval(retryInterval),
      m_republishTimer(clock.createTimer([this] { republish(); })),
      m_retryTimer(clock.createTimer([this] { retryUnconfirmed(); })) {}

void Publisher::publish(const NodeId& key, const QByteArray& value, quint32 ttlSeconds) {
    m_published[{key, value}] = ttlSeconds;
    store(key, value, ttlSeconds);
}

void Publisher::unpublish(const NodeId& key, const QByteArray& value) {
    m_published.erase({key, value});
    m_unconfirmed.erase({key, value});
}

void Publisher::store(const NodeId& key, const QByteArray& value, quint32 ttlSeconds) {
    if (!m_host.canStore()) {
        m_unconfirmed.insert({key, value}); // goes out with the first round once the node can store
        return;
    }
    ++m_inFlight;
    m_host.storeSigned(key, value, ttlSeconds, [this, key, value](bool stored) {
        --m_inFlight;
        if (stored || !m_published.count({key, value}))
            return;
        m_unconfirmed.insert({key, value});
        if (!m_retryTimer->isActive())
            m_retryTimer->start(m_host.jittered(m_retryInterval));
    });
}

void Publisher::retryUnconfirmed() {
    const auto pending = std::exchange(m_unconfirmed, {});
    for (const auto& slot : pending)
        if (const auto it = m_published.find(slot); it != m_published.end())
            store(slot.first, slot.second, it->second);
}

void Publisher::republish() {
    if (!m_host.canStore())
        return;
    scheduleRepublish(m_republishInterval);
    m_unconfirmed.clear();
    for (const auto& [slot, ttl] : m_published)
        store(slot.first, slot.second, ttl);
}

void Publisher::scheduleRepublish(Millis delay) {
    m_republishTimer->start(m_host.jittered(delay));
}

void Publisher::stop() {
    m_republishTimer->stop();
    m_retryTimer->stop();
}

} // namespace ringshare::dht
