// SwarmSimulation: a chunk-level, slotted model of a file spreading through a swarm too large to run.
#pragma once

#include <QtGlobal>

namespace ringshare::lab {

// A chunk-level model of one file spreading from a seeder to n peers, for swarms too large to run for
// real. Time moves in slots, each as long as one upload of one chunk at rate u; in every slot each peer
// with something to give sends one chunk to a peer that lacks it (the rarest chunk first), and downloads
// are unlimited. With `peersUpload` false only the seeder sends: the client-server case.
struct SwarmSimulation {
    int peers = 1;
    int chunks = 64;
    double fileBytes = 1;
    double uploadBytesPerSecond = 1; // u_s = u_i
    bool peersUpload = true;
    quint64 seed = 1;

    struct Result {
        double seconds = 0; // until the last peer has every chunk
        quint64 chunkTransfers = 0;
    };
    [[nodiscard]] Result run() const;
};

} // namespace ringshare::lab
