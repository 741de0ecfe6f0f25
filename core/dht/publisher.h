// Publisher: what this node publishes on the ring, kept alive by republishing and retried until an owner
// confirms it. It asks the node to sign and store; it never touches the network itself.
#pragma once

#include "base/clock.h"
#include "crypto/nodeid.h"

#include <QByteArray>
#include <functional>
#include <map>
#include <memory>
#include <set>

namespace ringshare::dht {

class Publisher final {
public:
    // What the publisher needs from its node.
    class Host {
    public:
        virtual ~Host() = default;
        // Whether a store can be tried now (the node is on the ring).
        [[nodiscard]] virtual bool canStore() const = 0;
        // Signs `value` under `key` with a fresh timestamp and stores it on the key's owner; `stored`: the
        // owner confirmed it.
        virtual void storeSigned(const NodeId& key, const QByteArray& value, quint32 ttlSeconds,
                                 std::function<void(bool stored)> done) = 0;
        // `interval` stretched or shrunk at random, so that nodes drift apart.
        [[nodiscard]] virtual Millis jittered(Millis interval) = 0;
    };

    Publisher(Host& host, Clock& clock, Millis republishInterval, Millis retryInterval);

    // Stores now (or once the node can) and again every republish round, until unpublished.
    void publish(const NodeId& key, const QByteArray& value, quint32 ttlSeconds);
    // No longer renewed: the copies on the ring expire with their TTL.
    void unpublish(const NodeId& key, const QByteArray& value);
    [[nodiscard]] int count() const { return int(m_published.size()); }
    [[nodiscard]] bool isEmpty() const { return m_published.empty(); }
    // How many published records no owner has confirmed yet.
    [[nodiscard]] int unconfirmedCount() const { return int(m_unconfirmed.size()); }
    // Stores sent whose owner has not answered yet.
    [[nodiscard]] int storesInFlight() const { return m_inFlight; }

    // Stores everything again now, and schedules the next round a republish interval later.
    void republish();
    // The next republish round comes after `delay` (jittered).
    void scheduleRepublish(Millis delay);
    // No more rounds or retries until scheduled again.
    void stop();

private:
    using Slot = std::pair<NodeId, QByteArray>;
    void store(const NodeId& key, const QByteArray& value, quint32 ttlSeconds);
    void retryUnconfirmed();

    Host& m_host;
    Millis m_republishInterval;
    Millis m_retryInterval;
    std::map<Slot, quint32> m_published; // (key, value) -> TTL in seconds
    std::set<Slot> m_unconfirmed;        // published, store not yet confirmed
    int m_inFlight = 0;
    std::unique_ptr<Timer> m_republishTimer;
    std::unique_ptr<Timer> m_retryTimer;
};

} // namespace ringshare::dht
