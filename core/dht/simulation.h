// Simulation: many ChordNodes in one process on the simulated network and a ManualClock, all from one
// seed (the tests' and benchmarks' laboratory).
#pragma once

#include "base/manualclock.h"
#include "base/random.h"
#include "dht/chordnode.h"
#include "dht/ringcheck.h"
#include "net/simnetwork.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ringshare::dht {

struct SimulationOptions {
    quint64 seed = 1;
    ChordConfig chord;
    net::SimLinkProfile links;
};

// Many ChordNodes in one process over the simulated network and a virtual clock: the tests' and the
// benchmarks' laboratory. Everything, node identities included, follows from the seed.
class Simulation final {
public:
    explicit Simulation(SimulationOptions options = {});
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    // A new node. The first one creates the ring; later ones join through a random node already on it
    // (or through `via` when given).
    ChordNode& addNode(ChordNode* via = nullptr);
    // The same with this identity (a node restarted at a new address keeps its own).
    ChordNode& addNode(crypto::Identity identity, ChordNode* via = nullptr);
    // A node that exists but has not joined yet (for concurrent-join scenarios): call startJoin later.
    ChordNode& addIdleNode(std::optional<crypto::Identity> identity = std::nullopt);
    // A new node on a host behind NAT box `nat` (see SimNetwork::addNat), joining as addNode() does.
    ChordNode& addNodeBehind(int nat, ChordNode* via = nullptr);
    void startJoin(ChordNode& node, ChordNode* via = nullptr);
    // Gone at once, without a word to anyone.
    void crash(ChordNode& node);
    // Leaves gracefully; the node is removed once its hand-over is done.
    void leave(ChordNode& node);

    void run(Millis span) { m_clock.advance(span); }
    // Runs the clock in steps until `done` holds or `limit` has passed; returns whether it held.
    bool runUntil(const std::function<bool()>& done, Millis limit, Millis step = Millis(100));

    // The nodes alive (not crashed, not gone after leaving), in creation order.
    [[nodiscard]] QList<ChordNode*> nodes() const;
    // Attached to the ring: members and clients.
    [[nodiscard]] QList<ChordNode*> joinedNodes() const;
    // The joined nodes that are members (not clients): the ring itself.
    [[nodiscard]] QList<ChordNode*> members() const;
    [[nodiscard]] int size() const { return int(m_members.size()); }
    // The members' ring.
    [[nodiscard]] RingCheck checkRing() const;
    // Every live node has joined and the members' ring is exactly right.
    [[nodiscard]] bool converged() const;
    // The oracle: the first member at or after `key`.
    [[nodiscard]] NodeId trueOwner(const NodeId& key) const;
    // Runs a lookup to completion on the virtual clock.
    [[nodiscard]] LookupResult lookup(ChordNode& from, const NodeId& key, Millis limit = Millis(120'000));

    [[nodiscard]] ManualClock& clock() { return m_clock; }
    [[nodiscard]] net::SimNetwork& network() { return m_network; }
    [[nodiscard]] Random& random() { return m_random; }
    [[nodiscard]] const SimulationOptions& options() const { return m_options; }
    // A deterministic identity from the simulation's seed (for publishers of records).
    [[nodiscard]] crypto::Identity makeIdentity();

private:
    // Members die in reverse order of declaration: the node before its transport and its randomness.
    struct Member {
        std::unique_ptr<Random> random;
        std::unique_ptr<net::Transport> transport;
        std::unique_ptr<net::SocketFactory> sockets; // fresh sockets beside the transport, for probes
        std::unique_ptr<ChordNode> node;
    };
    [[nodiscard]] ChordNode* randomJoined();
    ChordNode& addMember(std::unique_ptr<net::Transport> transport, std::optional<crypto::Identity> identity);
    void remove(ChordNode& node);

    SimulationOptions m_options;
    ManualClock m_clock;
    SeededRandom m_random;
    net::SimNetwork m_network;
    std::vector<std::unique_ptr<Member>> m_members;
};

} // namespace ringshare::dht
