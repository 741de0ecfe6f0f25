// MappingBackend: one way of asking a router for port mappings (UPnP-IGD, NAT-PMP), blocking calls made on
// the port mapper's worker thread, so the libraries' waits never stall the event loop.
#pragma once

#include "base/result.h"
#include "net/portmapping.h"

#include <QHostAddress>
#include <QString>
#include <chrono>
#include <memory>

namespace ringshare::net {

// What became of one request for a mapping.
struct MapOutcome {
    enum class Kind {
        Mapped,   // `externalPort` forwarded for `lifetime` (0 s: until removed)
        Conflict, // the external port asked for is someone else's; ask for another
        Failed,   // `error` says why
    };
    Kind kind = Kind::Failed;
    quint16 externalPort = 0;
    std::chrono::seconds lifetime{0};
    QString error;
};

// A router found and ready to be asked. The calls block (the network, the libraries' own retries) and are
// made on one worker thread, one at a time; the object is made and destroyed on the owner's thread.
class MappingBackend {
public:
    virtual ~MappingBackend() = default;
    [[nodiscard]] virtual MappingMethod method() const = 0;

    // Finds the router and its external address; an error in words when there is none to ask.
    [[nodiscard]] virtual Result<QHostAddress> open() = 0;
    // Asks for `wanted` outside to reach `internalPort` here for `lifetime`. Asking again for a mapping
    // this node holds renews it.
    [[nodiscard]] virtual MapOutcome map(MappingProtocol protocol, quint16 internalPort, quint16 wanted,
                                         std::chrono::seconds lifetime) = 0;
    // Whether the router still forwards `externalPort` to this node's `internalPort`. A method with no way
    // to ask (NAT-PMP) renews instead, and says whether the renewal kept the port.
    [[nodiscard]] virtual Result<bool> isMapped(MappingProtocol protocol, quint16 internalPort,
                                                quint16 externalPort, std::chrono::seconds lifetime) = 0;
    virtual Result<void> unmap(MappingProtocol protocol, quint16 internalPort, quint16 externalPort) = 0;
};

// Makes the backends the mapper tries, so tests can hand it fakes.
class MappingBackendFactory {
public:
    virtual ~MappingBackendFactory() = default;
    [[nodiscard]] virtual std::unique_ptr<MappingBackend> create(MappingMethod method) = 0;
};

// The real ones: libminiupnpc and libnatpmp.
class SystemMappingBackends final : public MappingBackendFactory {
public:
    [[nodiscard]] std::unique_ptr<MappingBackend> create(MappingMethod method) override;
};

} // namespace ringshare::net
