// LabNetwork: hosts on the simulated network, datagrams counted and delivered, query outcomes.
#include "lab/labnetwork.h"

#include <algorithm>

namespace ringshare::lab {

class LabNetwork::Port final : public net::DatagramReceiver {
public:
    Port(LabNetwork& owner, int index) : m_owner(owner), m_index(index) {}
    void onDatagram(const net::Endpoint& from, const net::Endpoint&, QByteArrayView datagram) override {
        const std::optional<LabMessage> message = decode(datagram);
        const auto sender = m_owner.m_index.constFind(from);
        if (message && sender != m_owner.m_index.cend())
            m_owner.receive(m_index, *sender, *message);
    }

private:
    LabNetwork& m_owner;
    int m_index;
};

LabNetwork::LabNetwork(int hosts, quint64 seed) : m_random(seed), m_network(m_clock, seed ^ 0x1ab) {
    for (int i = 0; i < hosts; ++i) {
        m_ports.push_back(std::make_unique<Port>(*this, i));
        m_transports.push_back(m_network.createTransport());
        m_transports.back()->setReceiver(m_ports.back().get());
        m_endpoints.push_back(m_transports.back()->localEndpoint());
        m_index.insert(m_endpoints.back(), i);
    }
}

LabNetwork::~LabNetwork() {
    for (auto& transport : m_transports)
        transport->setReceiver(nullptr);
    m_transports.clear();
}

void LabNetwork::send(int from, int to, const LabMessage& message) {
    m_transports[size_t(from)]->send(m_endpoints[size_t(to)], encode(message));
}

void LabNetwork::fail(int host) {
    m_network.setDown(m_endpoints[size_t(host)], true);
}

QList<int> LabNetwork::peers() const {
    QList<int> out = m_keyOf.keys();
    std::sort(out.begin(), out.end());
    return out;
}

void LabNetwork::settle() {
    while (m_clock.runNext()) {
    }
}

Discovery::Batch LabNetwork::run(const QList<Query>& queries) {
    m_network.resetStats();
    QList<quint64> ids;
    for (const Query& query : queries) {
        const quint64 id = m_nextQuery++;
        ids.append(id);
        m_pending.insert(id, Pending{.key = m_keyOf.value(query.holder), .started = m_clock.now()});
    }
    for (qsizetype i = 0; i < queries.size(); ++i)
        startQuery(queries[i].from, ids[i], m_keyOf.value(queries[i].holder));
    settle();
    batchDone();
    Batch batch;
    for (quint64 id : std::as_const(ids))
        batch.outcomes.append(m_pending.take(id).outcome);
    batch.messages = m_network.stats().sent;
    for (int i = 0; i < hostCount(); ++i) {
        const quint64 received = m_network.deliveredTo(m_endpoints[size_t(i)]);
        if (received > batch.busiestReceived) {
            batch.busiestReceived = received;
            batch.busiest = i;
        }
    }
    return batch;
}

void LabNetwork::answered(quint64 query, int holder, int hops) {
    const auto it = m_pending.find(query);
    if (it == m_pending.end() || it->done)
        return;
    it->done = true;
    it->outcome.found = holder >= 0 && m_content.value(it->key, -1) == holder;
    it->outcome.hops = hops;
    it->outcome.latencyMs = double((m_clock.now() - it->started).count());
}

} // namespace ringshare::lab
