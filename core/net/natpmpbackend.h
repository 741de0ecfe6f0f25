// NatPmpBackend: port mappings through NAT-PMP (RFC 6886) on the default gateway, with libnatpmp.
#pragma once

#include "net/mappingbackend.h"

#include <memory>

namespace ringshare::net {

// Asks the default gateway, giving up on each request after `answerWait` (libnatpmp would retry for a
// minute and more). libnatpmp connects its socket to the gateway and drops answers from any other host
// (NATPMP_ERR_WRONGPACKETSOURCE); such answers, and answers to another request, are waited past. Every call
// blocks; see MappingBackend.
class NatPmpBackend final : public MappingBackend {
public:
    explicit NatPmpBackend(std::chrono::milliseconds answerWait = std::chrono::milliseconds(2000));
    ~NatPmpBackend() override;

    [[nodiscard]] MappingMethod method() const override { return MappingMethod::NatPmp; }
    [[nodiscard]] Result<QHostAddress> open() override;
    [[nodiscard]] MapOutcome map(MappingProtocol protocol, quint16 internalPort, quint16 wanted,
                                 std::chrono::seconds lifetime) override;
    [[nodiscard]] Result<bool> isMapped(MappingProtocol protocol, quint16 internalPort, quint16 externalPort,
                                        std::chrono::seconds lifetime) override;
    Result<void> unmap(MappingProtocol protocol, quint16 internalPort, quint16 externalPort) override;

private:
    struct Socket; // libnatpmp's state, kept out of this header

    std::chrono::milliseconds m_answerWait;
    std::unique_ptr<Socket> m_socket;
};

} // namespace ringshare::net
