// QueryOutcome: what became of one discovery query (found, hops, latency in virtual time).
#pragma once

namespace ringshare::lab {

// What became of one discovery query.
struct QueryOutcome {
    bool found = false;
    int hops = 0;         // peers asked or reached on the way to the answer
    double latencyMs = 0; // virtual time from asking to the answer
};

} // namespace ringshare::lab
