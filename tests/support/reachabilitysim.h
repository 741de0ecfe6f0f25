// What the reachability and client-mode tests share: fast ring timings with the dial-back check on, and a
// settled ring of public nodes to put NAT boxes beside.
#pragma once

#include "dht/simulation.h"

#include <QTest>

namespace ringshare::dht {

inline SimulationOptions reachabilityRingOptions(quint64 seed) {
    using namespace std::chrono_literals;
    SimulationOptions o;
    o.seed = seed;
    o.chord.stabilizeInterval = 500ms;
    o.chord.fixFingersInterval = 500ms;
    o.chord.checkPredecessorInterval = 500ms;
    o.chord.rpc.timeout = 400ms;
    o.chord.rpc.attempts = 2;
    o.chord.checkReachability = true;
    o.chord.reachability.probeTimeout = 3000ms;
    return o;
}

// The member with this ID, or null.
inline ChordNode* memberWithId(Simulation& sim, const NodeId& id) {
    for (ChordNode* member : sim.members())
        if (member->id() == id)
            return member;
    return nullptr;
}

// A ring of `count` public nodes, settled.
inline void publicRing(Simulation& sim, int count) {
    using namespace std::chrono_literals;
    for (int i = 0; i < count; ++i) {
        sim.addNode();
        sim.run(300ms);
    }
    QVERIFY(sim.runUntil([&] { return sim.converged(); }, 120s, 500ms));
}

} // namespace ringshare::dht
