// What the node knows of its port mapping on the home router: one value, as Session and the views see it.
#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

namespace ringshare::net {

// The two ways of asking a home router to forward a port.
enum class MappingMethod { Upnp, NatPmp };
enum class MappingProtocol { Udp, Tcp };

[[nodiscard]] QString methodName(MappingMethod method);       // "UPnP", "NAT-PMP"
[[nodiscard]] QString protocolName(MappingProtocol protocol); // "UDP", "TCP"

// The state of the mapping of the node's UDP (DHT) and TCP (transfer) ports.
struct PortMappingState {
    Q_DECLARE_TR_FUNCTIONS(ringshare::net::PortMappingState)

public:
    enum class Phase {
        Off,    // turned off, or not started
        Trying, // asking the router (discovery, mapping)
        Mapped, // both ports forwarded by the router
        Failed, // no router would map them; `reason` says why, tried again later
    };
    Phase phase = Phase::Off;
    MappingMethod method = MappingMethod::Upnp; // when Mapped
    QHostAddress externalAddress;               // when Mapped, as the router reports it
    quint16 externalUdpPort = 0;
    quint16 externalTcpPort = 0;
    QString reason; // when Failed, in words a user can read

    // One line for logs and the node tool: "ports forwarded via UPnP: UDP 11.0.0.1:4000, TCP 11.0.0.1:4001".
    [[nodiscard]] QString describe() const;
    friend bool operator==(const PortMappingState&, const PortMappingState&) = default;
};

} // namespace ringshare::net

Q_DECLARE_METATYPE(ringshare::net::PortMappingState)
