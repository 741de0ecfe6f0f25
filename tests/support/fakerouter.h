// FakeRouter and FakeMappingBackends: a router's port mappings in memory, for the port mapper's tests.
#pragma once

#include "net/mappingbackend.h"

#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace ringshare::testing {

using net::MapOutcome;
using net::MappingBackend;
using net::MappingMethod;
using net::MappingProtocol;

// One fake router's side of one method, shared by the backends the factory makes for it.
struct FakeRouter {
    std::mutex lock;
    bool answers = true;                                 // open() succeeds
    QHostAddress external{QStringLiteral("11.0.0.1")};   // the WAN address open() reports
    bool failMapping = false;                            // map() says Failed
    bool refuseTcp = false;                              // map() says Failed for TCP only
    std::set<quint16> taken;                             // external ports someone else holds (Conflict)
    std::set<quint16> takenTcp;                          // the same, for TCP only
    std::chrono::seconds grant{0};                       // lifetime granted; 0: what was asked for
    std::map<std::pair<int, quint16>, quint16> mappings; // (protocol, external) -> internal
    int mapCalls = 0;
    int unmapCalls = 0;
    std::set<std::thread::id> threads; // where the calls ran

    void drop() {
        const std::lock_guard guard(lock);
        mappings.clear();
    }
    [[nodiscard]] bool holds(MappingProtocol protocol, quint16 external) {
        const std::lock_guard guard(lock);
        return mappings.contains({int(protocol), external});
    }
    [[nodiscard]] std::size_t count() {
        const std::lock_guard guard(lock);
        return mappings.size();
    }
};

class FakeBackend final : public MappingBackend {
public:
    FakeBackend(MappingMethod method, FakeRouter& router) : m_method(method), m_router(router) {}
    [[nodiscard]] MappingMethod method() const override { return m_method; }
    [[nodiscard]] Result<QHostAddress> open() override {
        const std::lock_guard guard(m_router.lock);
        m_router.threads.insert(std::this_thread::get_id());
        if (!m_router.answers)
            return Error{QStringLiteral("nobody answered")};
        return m_router.external;
    }
    [[nodiscard]] MapOutcome map(MappingProtocol protocol, quint16 internalPort, quint16 wanted,
                                 std::chrono::seconds lifetime) override {
        const std::lock_guard guard(m_router.lock);
        m_router.threads.insert(std::this_thread::get_id());
        ++m_router.mapCalls;
        if (m_router.failMapping || (m_router.refuseTcp && protocol == MappingProtocol::Tcp))
            return {.kind = MapOutcome::Kind::Failed, .error = QStringLiteral("refused")};
        if (m_router.taken.contains(wanted) ||
            (protocol == MappingProtocol::Tcp && m_router.takenTcp.contains(wanted)))
            return {.kind = MapOutcome::Kind::Conflict};
        m_router.mappings[{int(protocol), wanted}] = internalPort;
        return {.kind = MapOutcome::Kind::Mapped,
                .externalPort = wanted,
                .lifetime = m_router.grant.count() ? m_router.grant : lifetime};
    }
    [[nodiscard]] Result<bool> isMapped(MappingProtocol protocol, quint16 internalPort, quint16 externalPort,
                                        std::chrono::seconds) override {
        const std::lock_guard guard(m_router.lock);
        const auto it = m_router.mappings.find({int(protocol), externalPort});
        return it != m_router.mappings.end() && it->second == internalPort;
    }
    Result<void> unmap(MappingProtocol protocol, quint16, quint16 externalPort) override {
        const std::lock_guard guard(m_router.lock);
        ++m_router.unmapCalls;
        m_router.mappings.erase({int(protocol), externalPort});
        return {};
    }

private:
    MappingMethod m_method;
    FakeRouter& m_router;
};

class FakeMappingBackends final : public net::MappingBackendFactory {
public:
    FakeRouter upnp;
    FakeRouter natpmp;
    [[nodiscard]] std::unique_ptr<MappingBackend> create(MappingMethod method) override {
        return std::make_unique<FakeBackend>(method, method == MappingMethod::Upnp ? upnp : natpmp);
    }
};

} // namespace ringshare::testing
