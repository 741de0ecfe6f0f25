// UpnpBackend: port mappings through a UPnP Internet Gateway Device, with libminiupnpc.
#pragma once

#include "net/gatewaycheck.h"
#include "net/mappingbackend.h"

#include <QByteArray>
#include <memory>

namespace ringshare::net {

// Finds an IGD by SSDP (waiting `discoveryWait` for answers), believes only one whose description and
// control URLs are on this machine's LAN (checkGatewayUrl), and maps through its WAN connection service.
// Every call blocks; see MappingBackend.
class UpnpBackend final : public MappingBackend {
public:
    explicit UpnpBackend(std::chrono::milliseconds discoveryWait = std::chrono::milliseconds(1500));
    ~UpnpBackend() override;

    [[nodiscard]] MappingMethod method() const override { return MappingMethod::Upnp; }
    [[nodiscard]] Result<QHostAddress> open() override;
    [[nodiscard]] MapOutcome map(MappingProtocol protocol, quint16 internalPort, quint16 wanted,
                                 std::chrono::seconds lifetime) override;
    [[nodiscard]] Result<bool> isMapped(MappingProtocol protocol, quint16 internalPort, quint16 externalPort,
                                        std::chrono::seconds lifetime) override;
    Result<void> unmap(MappingProtocol protocol, quint16 internalPort, quint16 externalPort) override;

private:
    struct Igd; // libminiupnpc's URLs and service data, kept out of this header

    std::chrono::milliseconds m_discoveryWait;
    std::unique_ptr<Igd> m_igd;
    QByteArray m_lanAddress; // this machine's address as the IGD sees it: the mappings' internal client
};

} // namespace ringshare::net
