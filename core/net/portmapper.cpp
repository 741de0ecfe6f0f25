// The port mapper: the worker side (asking the backends, holding the mappings) and the owner side (the
// state, the schedule of renewals, checks and retries).
#include "net/portmapper.h"

#include "base/inbox.h"
#include "base/logging.h"
#include "base/workqueue.h"
#include "net/mappingbackend.h"

#include <QStringList>
#include <algorithm>

namespace ringshare::net {

namespace {

// Renewing earlier than this after a grant would hammer a router that grants very short leases.
constexpr Millis kShortestRenewal{1'000};

struct Held {
    MappingProtocol protocol = MappingProtocol::Udp;
    quint16 internalPort = 0;
    quint16 externalPort = 0;
    std::chrono::seconds lifetime{0};
};

} // namespace

// Everything here is touched only by jobs, which run one at a time on the worker (or on the clock).
struct PortMapper::Worker {
    MappingBackendFactory& backends;
    std::chrono::seconds lease;
    std::unique_ptr<MappingBackend> backend; // the method that holds the mappings
    std::vector<Held> held;

    // Maps the UDP and the TCP port with the external ports as far apart as the internal ones (one port
    // in the session): peers dial transfers at the port number they learn from the DHT. A candidate taken
    // for either protocol (or one the router moved TCP off) is given back whole and the next is tried.
    Result<std::pair<Held, Held>> mapBoth(quint16 udpPort, quint16 tcpPort,
                                          const std::vector<quint16>& others) {
        std::vector<quint16> wanted{udpPort};
        wanted.insert(wanted.end(), others.begin(), others.end());
        for (const quint16 port : wanted) {
            const MapOutcome udp = backend->map(MappingProtocol::Udp, udpPort, port, lease);
            if (udp.kind == MapOutcome::Kind::Failed)
                return Error{udp.error};
            if (udp.kind == MapOutcome::Kind::Conflict) {
                logTaken(MappingProtocol::Udp, port);
                continue;
            }
            const Held udpHeld{MappingProtocol::Udp, udpPort, udp.externalPort, udp.lifetime};
            const int tcpWanted = int(udp.externalPort) + int(tcpPort) - int(udpPort);
            const MapOutcome tcp =
                tcpWanted >= 1024 && tcpWanted <= 65535
                    ? backend->map(MappingProtocol::Tcp, tcpPort, quint16(tcpWanted), lease)
                    : MapOutcome{.kind = MapOutcome::Kind::Conflict};
            if (tcp.kind == MapOutcome::Kind::Mapped && tcp.externalPort == tcpWanted)
                return std::pair{udpHeld,
                                 Held{MappingProtocol::Tcp, tcpPort, tcp.externalPort, tcp.lifetime}};
            if (tcp.kind == MapOutcome::Kind::Mapped)
                (void)backend->unmap(MappingProtocol::Tcp, tcpPort, tcp.externalPort);
            (void)backend->unmap(MappingProtocol::Udp, udpPort, udp.externalPort);
            if (tcp.kind == MapOutcome::Kind::Failed)
                return Error{tcp.error};
            logTaken(MappingProtocol::Tcp, quint16(tcpWanted));
        }
        return Error{tr("every port asked for is taken on the router")};
    }

    void logTaken(MappingProtocol protocol, quint16 port) const {
        qCInfo(lcNet).noquote() << "port mapping:" << methodName(backend->method()) << protocolName(protocol)
                                << "port" << port << "is taken on the router; asking for another";
    }

    void release() {
        if (backend)
            for (const Held& mapping : held)
                if (auto removed =
                        backend->unmap(mapping.protocol, mapping.internalPort, mapping.externalPort);
                    !removed)
                    qCWarning(lcNet).noquote() << "port mapping:" << removed.error();
        held.clear();
        backend.reset();
    }

    Report map(quint16 udpPort, quint16 tcpPort, const std::vector<quint16>& others) {
        release();
        QStringList reasons;
        for (const MappingMethod method : {MappingMethod::Upnp, MappingMethod::NatPmp}) {
            backend = backends.create(method);
            if (!backend)
                continue;
            const QString name = methodName(method);
            auto external = backend->open();
            if (!external) {
                reasons.append(QStringLiteral("%1: %2").arg(name, external.error()));
                backend.reset();
                continue;
            }
            auto both = mapBoth(udpPort, tcpPort, others);
            if (!both) {
                reasons.append(QStringLiteral("%1: %2").arg(name, both.error()));
                release();
                continue;
            }
            const auto [udp, tcp] = both.value();
            held = {udp, tcp};
            Report report{.kind = Report::Kind::Mapped};
            report.state = {.phase = PortMappingState::Phase::Mapped,
                            .method = method,
                            .externalAddress = external.value(),
                            .externalUdpPort = udp.externalPort,
                            .externalTcpPort = tcp.externalPort};
            report.lease = shortestLease();
            return report;
        }
        if (reasons.isEmpty())
            reasons.append(tr("no way of asking the router"));
        return {.kind = Report::Kind::Failed, .reason = reasons.join(QStringLiteral("; "))};
    }

    // Asking again for a mapping held renews it; a router that answers with another port, or not at
    // all, no longer holds what the state says.
    Report renew() {
        if (!backend)
            return {.kind = Report::Kind::Dropped, .reason = tr("no router holds the mappings")};
        for (Held& mapping : held) {
            const MapOutcome outcome =
                backend->map(mapping.protocol, mapping.internalPort, mapping.externalPort, lease);
            if (outcome.kind != MapOutcome::Kind::Mapped || outcome.externalPort != mapping.externalPort)
                return {.kind = Report::Kind::Dropped,
                        .reason = outcome.kind == MapOutcome::Kind::Failed
                                      ? outcome.error
                                      : tr("the router no longer keeps %1 port %2")
                                            .arg(protocolName(mapping.protocol))
                                            .arg(mapping.externalPort)};
            mapping.lifetime = outcome.lifetime;
        }
        return {.kind = Report::Kind::Kept, .lease = shortestLease()};
    }

    Report check() {
        if (!backend)
            return {.kind = Report::Kind::Dropped, .reason = tr("no router holds the mappings")};
        for (const Held& mapping : held) {
            auto mapped =
                backend->isMapped(mapping.protocol, mapping.internalPort, mapping.externalPort, lease);
            if (!mapped)
                return {.kind = Report::Kind::Dropped, .reason = mapped.error()};
            if (!mapped.value())
                return {.kind = Report::Kind::Dropped,
                        .reason = tr("the router dropped the mapping of %1 port %2")
                                      .arg(protocolName(mapping.protocol))
                                      .arg(mapping.externalPort)};
        }
        return {.kind = Report::Kind::Kept};
    }

    [[nodiscard]] std::chrono::seconds shortestLease() const {
        std::chrono::seconds shortest{0};
        for (const Held& mapping : held)
            if (mapping.lifetime.count() > 0 && (shortest.count() == 0 || mapping.lifetime < shortest))
                shortest = mapping.lifetime;
        return shortest;
    }
};

PortMapper::PortMapper(quint16 udpPort, quint16 tcpPort, MappingBackendFactory& backends, Clock& clock,
                       Random& random, PortMapperOptions options, QObject* parent)
    : QObject(parent), m_udpPort(udpPort), m_tcpPort(tcpPort), m_clock(clock), m_random(random),
      m_options(options), m_abandoned(std::make_shared<std::atomic<bool>>(false)),
      m_worker(std::make_unique<Worker>(Worker{.backends = backends, .lease = options.lease})) {
    m_next = m_clock.createTimer([this] { runDueJob(); });
    if (m_options.work == WorkMode::Threaded) {
        m_inbox = std::make_unique<Inbox>();
        m_queue = std::make_unique<WorkQueue>();
    } else {
        m_clockTimer = m_clock.createTimer([this] {
            const std::function<void()> job = std::move(m_clockJobs.front());
            m_clockJobs.pop_front();
            if (!m_clockJobs.empty())
                m_clockTimer->start(Millis(0));
            job();
        });
    }
}

PortMapper::~PortMapper() {
    m_abandoned->store(true);
    m_queue.reset(); // waits for the job under way, if any; those not begun do nothing
    m_inbox.reset();
}

void PortMapper::start() {
    if (m_state.phase != PortMappingState::Phase::Off || m_stopping)
        return;
    publish({.phase = PortMappingState::Phase::Trying});
    run(Job::Map);
}

void PortMapper::stop(std::function<void()> done) {
    m_stopping = true;
    m_next->stop();
    m_renewAt.reset();
    m_checkAt.reset();
    m_stopped = std::move(done);
    run(Job::Release);
}

void PortMapper::run(Job job) {
    // Ports other than the wanted one, drawn here: Random belongs to the owner's thread.
    std::vector<quint16> others;
    if (job == Job::Map)
        for (int i = 0; i < m_options.portDraws; ++i)
            others.push_back(quint16(1024 + m_random.bounded(65536 - 1024)));
    const auto work = [worker = m_worker.get(), job, udp = m_udpPort, tcp = m_tcpPort,
                       others = std::move(others)]() -> Report {
        switch (job) {
        case Job::Map:
            return worker->map(udp, tcp, others);
        case Job::Renew:
            return worker->renew();
        case Job::Check:
            return worker->check();
        case Job::Release:
            worker->release();
            return {.kind = Report::Kind::Released};
        }
        return {};
    };
    if (m_options.work == WorkMode::OnClock) {
        m_clockJobs.push_back([this, work, job] { finished(job, work()); });
        if (!m_clockTimer->isActive())
            m_clockTimer->start(Millis(0));
        return;
    }
    m_queue->post([this, work, job, abandoned = m_abandoned, inbox = m_inbox.get()] {
        if (abandoned->load())
            return;
        Report report = work();
        inbox->post([this, job, report = std::move(report)] { finished(job, report); });
    });
}

void PortMapper::runDueJob() {
    if (m_state.phase == PortMappingState::Phase::Failed) {
        publish({.phase = PortMappingState::Phase::Trying});
        run(Job::Map);
        return;
    }
    if (!m_renewAt && !m_checkAt)
        return;
    const bool renewal = m_renewAt && (!m_checkAt || *m_renewAt <= *m_checkAt);
    run(renewal ? Job::Renew : Job::Check);
}

void PortMapper::finished(Job job, const Report& report) {
    if (m_stopping) {
        if (job != Job::Release)
            return;
        publish({.phase = PortMappingState::Phase::Off});
        if (m_stopped)
            std::exchange(m_stopped, {})();
        return;
    }
    const Millis now = m_clock.now();
    const auto renewalAfter = [&](std::chrono::seconds lease) -> std::optional<Millis> {
        if (lease.count() == 0)
            return std::nullopt; // until removed: checks alone
        return now + std::max(kShortestRenewal, Millis(std::chrono::duration_cast<Millis>(lease) / 2));
    };
    switch (report.kind) {
    case Report::Kind::Mapped:
        qCInfo(lcNet).noquote() << "port mapping:" << report.state.describe();
        publish(report.state);
        m_renewAt = renewalAfter(report.lease);
        m_checkAt = now + m_options.checkInterval;
        break;
    case Report::Kind::Kept:
        if (job == Job::Renew)
            m_renewAt = renewalAfter(report.lease);
        else
            m_checkAt = now + m_options.checkInterval;
        break;
    case Report::Kind::Dropped:
        qCWarning(lcNet).noquote() << "port mapping lost:" << report.reason;
        m_renewAt.reset();
        m_checkAt.reset();
        publish({.phase = PortMappingState::Phase::Trying});
        run(Job::Map);
        return;
    case Report::Kind::Failed:
        qCInfo(lcNet).noquote() << "port mapping failed:" << report.reason;
        m_renewAt.reset();
        m_checkAt.reset();
        publish({.phase = PortMappingState::Phase::Failed, .reason = report.reason});
        m_next->start(m_options.retryInterval);
        return;
    case Report::Kind::Released:
        return;
    }
    scheduleNext();
}

void PortMapper::scheduleNext() {
    std::optional<Millis> due = m_renewAt;
    if (m_checkAt && (!due || *m_checkAt < *due))
        due = m_checkAt;
    if (due)
        m_next->start(std::max(Millis(0), *due - m_clock.now()));
}

void PortMapper::publish(PortMappingState state) {
    if (state == m_state)
        return;
    m_state = std::move(state);
    Q_EMIT stateChanged(m_state);
}

} // namespace ringshare::net
