// SwarmSimulation: each slot's rarest-first uploads, until every peer has every chunk.
#include "lab/swarmsimulation.h"

#include "base/random.h"

#include <algorithm>
#include <vector>

namespace ringshare::lab {

SwarmSimulation::Result SwarmSimulation::run() const {
    // Host 0 is the seeder; hosts 1..n are the peers. have[h][c]: host h holds chunk c.
    const int hosts = peers + 1;
    std::vector<std::vector<char>> have(size_t(hosts), std::vector<char>(size_t(chunks), 0));
    std::fill(have[0].begin(), have[0].end(), 1);
    std::vector<int> count(size_t(hosts), 0); // chunks held, by host
    count[0] = chunks;
    std::vector<int> copies(size_t(chunks), 1); // how many hosts hold each chunk
    SeededRandom random(seed);
    const double slot = fileBytes / chunks / uploadBytesPerSecond;

    Result result;
    // Who may send (the seeder, and the peers when they upload) and who still lacks something.
    std::vector<int> senders{0};
    std::vector<int> incomplete;
    for (int h = 1; h < hosts; ++h) {
        if (peersUpload)
            senders.push_back(h);
        incomplete.push_back(h);
    }
    std::vector<int> receivedInSlot(size_t(hosts), -1);
    std::mt19937_64 shuffler(random.next64());
    int slots = 0;
    while (!incomplete.empty()) {
        // Everything sent in a slot arrives at its end: a chunk received now can be passed on next slot.
        std::vector<std::pair<int, int>> deliveries; // (host, chunk)
        std::shuffle(senders.begin(), senders.end(), shuffler);
        for (int sender : senders) {
            if (count[size_t(sender)] == 0)
                continue;
            // A random peer that still lacks chunks and gets nothing else this slot; tried a few times, as a
            // real peer would ask a few others.
            for (int attempt = 0; attempt < 8; ++attempt) {
                const int target = incomplete[size_t(random.bounded(quint64(incomplete.size())))];
                if (target == sender || receivedInSlot[size_t(target)] == slots)
                    continue;
                int best = -1;
                for (int c = 0; c < chunks; ++c)
                    if (have[size_t(sender)][size_t(c)] && !have[size_t(target)][size_t(c)] &&
                        (best < 0 || copies[size_t(c)] < copies[size_t(best)]))
                        best = c;
                if (best < 0)
                    continue;
                receivedInSlot[size_t(target)] = slots;
                deliveries.emplace_back(target, best);
                break;
            }
        }
        bool finished = false;
        for (const auto& [host, chunk] : deliveries) {
            have[size_t(host)][size_t(chunk)] = 1;
            ++copies[size_t(chunk)];
            finished |= ++count[size_t(host)] == chunks;
        }
        if (finished)
            std::erase_if(incomplete, [&](int h) { return count[size_t(h)] == chunks; });
        result.chunkTransfers += deliveries.size();
        ++slots;
    }
    result.seconds = slots * slot;
    return result;
}

} // namespace ringshare::lab
