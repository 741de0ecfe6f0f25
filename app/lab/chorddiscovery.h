// ChordDiscovery: content discovery on real ChordNodes in the DHT simulation, messages counted per query.
#pragma once

#include "dht/simulation.h"
#include "lab/discovery.h"

#include <memory>

namespace ringshare::lab {

// Ringshare's own DHT: real ChordNodes (fingers, successor lists, replicated records) on the simulation.
// Every peer publishes a record under its item's key naming itself; a query is ChordNode::get on that key.
//
// The ring's upkeep (stabilize, fingers, pings) runs all the time and is not caused by queries, so the
// messages of a query are counted from the lookup's own record: each node it asked (an answer, kept or
// discarded, and the request), each owner check, each request that timed out (every attempt), and the
// read of every replica (request and answer).
class ChordDiscovery final : public Discovery {
public:
    ChordDiscovery(int peers, quint64 seed);

    [[nodiscard]] Batch run(const QList<Query>& queries) override;
    [[nodiscard]] QList<int> peers() const override;
    void fail(int host) override;
    [[nodiscard]] bool isUp(int host) const override { return m_up[host]; }

    [[nodiscard]] dht::Simulation& simulation() { return *m_sim; }
    // Datagrams per peer per second spent on the ring's upkeep alone, measured while no query ran.
    [[nodiscard]] double upkeepPerPeerSecond() const { return m_upkeep; }

private:
    std::unique_ptr<dht::Simulation> m_sim;
    QList<dht::ChordNode*> m_nodes; // by host
    QList<bool> m_up;
    QList<NodeId> m_keys; // by host: its item's key
    double m_upkeep = 0;
};

} // namespace ringshare::lab
