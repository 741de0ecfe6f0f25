// runParallel(): runs independent tasks on several threads, the caller's among them.
#pragma once

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace ringshare::lab {

// Runs task(0) .. task(count - 1) on `threads` threads (the caller's among them), each task taken in order
// by whichever thread is free. Tasks must not share mutable state.
template <typename Task>
void runParallel(int count, int threads, const Task& task) {
    std::atomic<int> next{0};
    const auto work = [&] {
        for (int i = next++; i < count; i = next++)
            task(i);
    };
    std::vector<std::thread> workers;
    for (int t = 1; t < std::clamp(threads, 1, count); ++t)
        workers.emplace_back(work);
    work();
    for (std::thread& worker : workers)
        worker.join();
}

} // namespace ringshare::lab
