// buildRing(): joins nodes in waves through random members and waits for an exact ring and full fingers.
#include "lab/chordring.h"

using namespace std::chrono_literals;

namespace ringshare::lab {

dht::SimulationOptions chordOptions(quint64 seed) {
    dht::SimulationOptions o;
    o.seed = seed;
    o.chord.stabilizeInterval = 1000ms;
    o.chord.fixFingersInterval = 1000ms;
    o.chord.checkPredecessorInterval = 1000ms;
    o.chord.replicateInterval = 20s;
    o.chord.rpc.timeout = 400ms;
    o.chord.rpc.attempts = 2;
    o.links.minLatency = 5ms;
    o.links.maxLatency = 60ms;
    return o;
}

bool buildRing(dht::Simulation& sim, int n, const std::function<void(int)>& progress) {
    for (int i = 0; i < n; ++i) {
        sim.addNode();
        if (i % 16 == 15) {
            sim.run(200ms);
            if (progress && i % 1024 == 1023)
                progress(i + 1);
        }
    }
    const bool exact = sim.runUntil([&] { return sim.converged(); }, 3600s, 1s);
    sim.run(5s); // fingers refreshed on the final ring
    return exact;
}

} // namespace ringshare::lab
