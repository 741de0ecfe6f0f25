// LabNetwork: the base of the lab's hand-written discovery protocols on the simulated network.
#pragma once

#include "base/manualclock.h"
#include "base/random.h"
#include "lab/discovery.h"
#include "lab/labmessage.h"
#include "net/simnetwork.h"

#include <QHash>
#include <memory>
#include <vector>

namespace ringshare::lab {

// Peers of one of the lab's hand-written discovery protocols on the simulated network: every message is a
// datagram that the network delays, counts and delivers (or drops, when a peer is down). Subclasses say
// what a peer does with a message; this class keeps the content, the queries in flight and their outcomes.
class LabNetwork : public Discovery {
public:
    LabNetwork(int hosts, quint64 seed);
    ~LabNetwork() override;
    LabNetwork(const LabNetwork&) = delete;
    LabNetwork& operator=(const LabNetwork&) = delete;

    // Starts every query at once and runs the network until no message is left in flight. A query that got
    // no answer naming the peer that really has the content failed. Every datagram sent meanwhile counts.
    [[nodiscard]] Batch run(const QList<Query>& queries) override;
    [[nodiscard]] QList<int> peers() const override;
    void fail(int host) override;
    [[nodiscard]] bool isUp(int host) const override { return !m_network.isDown(m_endpoints[size_t(host)]); }
    [[nodiscard]] int hostCount() const { return int(m_endpoints.size()); }

protected:
    void send(int from, int to, const LabMessage& message);
    // The first answer to a query counts; later ones are only messages.
    void answered(quint64 query, int holder, int hops);
    void addContent(int holder, quint64 key) {
        m_content.insert(key, holder);
        m_keyOf.insert(holder, key);
    }
    // Runs the network until nothing is left in flight.
    void settle();
    [[nodiscard]] Random& random() { return m_random; }

    virtual void startQuery(int from, quint64 query, quint64 key) = 0;
    virtual void receive(int at, int from, const LabMessage& message) = 0;
    // After a batch of queries has settled (to forget per-query state).
    virtual void batchDone() {}

private:
    class Port;
    struct Pending {
        quint64 key = 0;
        Millis started{0};
        bool done = false;
        QueryOutcome outcome;
    };

    ManualClock m_clock;
    SeededRandom m_random;
    net::SimNetwork m_network;
    std::vector<std::unique_ptr<Port>> m_ports;
    std::vector<std::unique_ptr<net::Transport>> m_transports;
    std::vector<net::Endpoint> m_endpoints;
    QHash<net::Endpoint, int> m_index;
    QHash<quint64, int> m_content;
    QHash<int, quint64> m_keyOf;
    QHash<quint64, Pending> m_pending;
    quint64 m_nextQuery = 1;
};

} // namespace ringshare::lab
