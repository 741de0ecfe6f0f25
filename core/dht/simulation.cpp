// Simulation: adding, joining, crashing and removing nodes, and the oracle answers (true owner, ring check).
#include "dht/simulation.h"

#include "dht/ring.h"

#include <algorithm>

namespace ringshare::dht {

Simulation::Simulation(SimulationOptions options)
    : m_options(options), m_random(options.seed),
      m_network(m_clock, options.seed ^ 0x5eedULL, options.links) {}

Simulation::~Simulation() {
    // Nodes first: they hold timers and transports that refer to the clock and the network.
    m_members.clear();
}

crypto::Identity Simulation::makeIdentity() {
    crypto::Identity::Seed seed;
    for (size_t i = 0; i < seed.size(); i += 8) {
        const quint64 value = m_random.next64();
        for (size_t b = 0; b < 8; ++b)
            seed[i + b] = std::uint8_t(value >> (8 * b));
    }
    return crypto::Identity::fromSeed(seed);
}

ChordNode& Simulation::addIdleNode(std::optional<crypto::Identity> identity) {
    return addMember(m_network.createTransport(), std::move(identity));
}

ChordNode& Simulation::addNodeBehind(int nat, ChordNode* via) {
    ChordNode& node = addMember(m_network.createTransportBehind(nat), std::nullopt);
    startJoin(node, via);
    return node;
}

ChordNode& Simulation::addMember(std::unique_ptr<net::Transport> transport,
                                 std::optional<crypto::Identity> identity) {
    auto member = std::make_unique<Member>();
    member->random = std::make_unique<SeededRandom>(m_random.next64());
    member->transport = std::move(transport);
    member->sockets = m_network.socketsBeside(member->transport->localEndpoint());
    member->node = std::make_unique<ChordNode>(identity ? std::move(*identity) : makeIdentity(),
                                               *member->transport, m_clock, *member->random, m_options.chord);
    member->node->setFreshSockets(member->sockets.get());
    m_members.push_back(std::move(member));
    return *m_members.back()->node;
}

ChordNode& Simulation::addNode(ChordNode* via) {
    ChordNode& node = addIdleNode();
    startJoin(node, via);
    return node;
}

ChordNode& Simulation::addNode(crypto::Identity identity, ChordNode* via) {
    ChordNode& node = addIdleNode(std::move(identity));
    startJoin(node, via);
    return node;
}

void Simulation::startJoin(ChordNode& node, ChordNode* via) {
    ChordNode* contact = via ? via : randomJoined();
    if (!contact || contact == &node) {
        node.createRing();
        return;
    }
    node.join({contact->self().endpoint});
}

ChordNode* Simulation::randomJoined() {
    const QList<ChordNode*> joined = members(); // a client answers no lookups
    if (joined.isEmpty())
        return nullptr;
    return joined[qsizetype(m_random.bounded(quint64(joined.size())))];
}

void Simulation::remove(ChordNode& node) {
    const auto it = std::find_if(m_members.begin(), m_members.end(),
                                 [&](const auto& m) { return m->node.get() == &node; });
    if (it != m_members.end())
        m_members.erase(it);
}

void Simulation::crash(ChordNode& node) {
    remove(node);
}

void Simulation::leave(ChordNode& node) {
    ChordNode* target = &node;
    node.leave([this, target] {
        // Removed after the current callback has unwound, never from inside it.
        m_clock.post(Millis(0), [this, target] { remove(*target); });
    });
}

bool Simulation::runUntil(const std::function<bool()>& done, Millis limit, Millis step) {
    const Millis end = m_clock.now() + limit;
    while (!done()) {
        if (m_clock.now() >= end)
            return false;
        m_clock.advanceTo(std::min(end, m_clock.now() + step));
    }
    return true;
}

QList<ChordNode*> Simulation::nodes() const {
    QList<ChordNode*> out;
    for (const auto& m : m_members)
        if (m->node->state() != ChordNode::State::Left)
            out.append(m->node.get());
    return out;
}

QList<ChordNode*> Simulation::joinedNodes() const {
    QList<ChordNode*> out;
    for (const auto& m : m_members)
        if (m->node->isJoined())
            out.append(m->node.get());
    return out;
}

QList<ChordNode*> Simulation::members() const {
    QList<ChordNode*> out;
    for (const auto& m : m_members)
        if (m->node->isMember())
            out.append(m->node.get());
    return out;
}

RingCheck Simulation::checkRing() const {
    QList<RingNodeView> views;
    for (const ChordNode* node : members()) {
        RingNodeView view;
        view.id = node->id();
        if (node->predecessor())
            view.predecessor = node->predecessor()->id;
        for (const NodeRef& s : node->successors().entries())
            view.successors.append(s.id);
        views.append(view);
    }
    return dht::checkRing(views, m_options.chord.successorListSize);
}

bool Simulation::converged() const {
    return joinedNodes().size() == nodes().size() && checkRing().exact();
}

NodeId Simulation::trueOwner(const NodeId& key) const {
    std::optional<NodeId> best;
    NodeId bestDistance;
    for (const ChordNode* node : members()) {
        const NodeId distance = clockwiseDistance(key, node->id());
        if (!best || distance < bestDistance) {
            best = node->id();
            bestDistance = distance;
        }
    }
    return best.value_or(NodeId());
}

LookupResult Simulation::lookup(ChordNode& from, const NodeId& key, Millis limit) {
    std::optional<LookupResult> result;
    from.lookup(key, [&result](const LookupResult& r) { result = r; });
    runUntil([&] { return result.has_value(); }, limit, Millis(10));
    return result.value_or(LookupResult{});
}

} // namespace ringshare::dht
