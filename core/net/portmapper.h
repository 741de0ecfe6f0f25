// PortMapper: keeps the node's UDP and TCP port forwarded by the home router (UPnP-IGD, then NAT-PMP),
// its blocking library calls on a worker thread, its leases renewed and checked on the injected clock.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "base/workmode.h"
#include "net/portmapping.h"

#include <QObject>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ringshare {
class Inbox;
class WorkQueue;
} // namespace ringshare

namespace ringshare::net {

class MappingBackendFactory;

struct PortMapperOptions {
    std::chrono::seconds lease{3600}; // asked for; renewed at half of what the router grants
    // How often the router is asked whether it still holds the mappings (a router restarted or reset
    // drops them without a word).
    Millis checkInterval{300'000};
    // After no router would map the ports: how long before asking again.
    Millis retryInterval{600'000};
    // Other external ports asked for, drawn at random, when the wanted one is someone else's.
    int portDraws = 4;
    // Threaded: the backends' blocking calls on a worker thread. OnClock: on the owner's thread from a
    // zero-delay timer of the clock, for tests with fake backends on a ManualClock.
    WorkMode work = WorkMode::Threaded;
};

// Asks for `udpPort` and `tcpPort` outside to reach the same ports here, trying UPnP and then NAT-PMP
// (the factory's backends), both through one router. The state goes Off → Trying → Mapped or Failed;
// a failure is tried again after retryInterval, and a mapping the router no longer holds (a check or a
// renewal says so) goes back to Trying. stop() removes the mappings. Backend calls run one at a time, in
// order; the mapper itself lives on the owner's thread.
class PortMapper final : public QObject {
    Q_OBJECT

public:
    PortMapper(quint16 udpPort, quint16 tcpPort, MappingBackendFactory& backends, Clock& clock,
               Random& random, PortMapperOptions options = {}, QObject* parent = nullptr);
    // Without stop(): the mappings are left to run out (a destructor does not wait on a router).
    ~PortMapper() override;

    void start();
    // Removes the mappings held, then `done` (on the owner's thread); the state is Off by then.
    void stop(std::function<void()> done);

    [[nodiscard]] const PortMappingState& state() const { return m_state; }

Q_SIGNALS:
    void stateChanged(const ringshare::net::PortMappingState& state);

public:
    // What one job on the worker came to; declared here so the worker side can be kept in the .cpp.
    enum class Job { Map, Renew, Check, Release };
    struct Report {
        enum class Kind { Mapped, Kept, Failed, Dropped, Released };
        Kind kind = Kind::Failed;
        PortMappingState state;        // Mapped
        std::chrono::seconds lease{0}; // Mapped, Kept after a renewal: what the router granted
        QString reason;                // Failed, Dropped
    };
    struct Worker;

private:
    void run(Job job);
    void runDueJob();
    void finished(Job job, const Report& report);
    void publish(PortMappingState state);
    void scheduleNext();

    quint16 m_udpPort;
    quint16 m_tcpPort;
    Clock& m_clock;
    Random& m_random;
    PortMapperOptions m_options;
    PortMappingState m_state;
    bool m_stopping = false; // stop() was called: results other than the release's are dropped
    std::function<void()> m_stopped;
    std::optional<Millis> m_renewAt; // when Mapped, on the clock
    std::optional<Millis> m_checkAt;
    std::unique_ptr<Timer> m_next;                 // the next renewal, check or retry
    std::deque<std::function<void()>> m_clockJobs; // OnClock: jobs waiting for m_clockTimer
    std::unique_ptr<Timer> m_clockTimer;
    std::shared_ptr<std::atomic<bool>> m_abandoned; // set by the destructor: jobs not begun are skipped
    std::unique_ptr<Worker> m_worker;   // the backends and the mappings held, touched only by jobs
    std::unique_ptr<Inbox> m_inbox;     // the worker's reports, back on the owner's event loop
    std::unique_ptr<WorkQueue> m_queue; // last: destroyed first, so no job outlives the worker
};

} // namespace ringshare::net
