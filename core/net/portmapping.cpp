// PortMappingState in words.
#include "net/portmapping.h"

#include <QCoreApplication>

namespace ringshare::net {

QString methodName(MappingMethod method) {
    return method == MappingMethod::Upnp ? QStringLiteral("UPnP") : QStringLiteral("NAT-PMP");
}

QString protocolName(MappingProtocol protocol) {
    return protocol == MappingProtocol::Udp ? QStringLiteral("UDP") : QStringLiteral("TCP");
}

QString PortMappingState::describe() const {
    const char* context = "ringshare::net::PortMappingState";
    switch (phase) {
    case Phase::Off:
        return QCoreApplication::translate(context, "port mapping off");
    case Phase::Trying:
        return QCoreApplication::translate(context, "asking the router to forward the ports");
    case Phase::Mapped: {
        const QString address = externalAddress.isNull() ? QStringLiteral("?") : externalAddress.toString();
        return QCoreApplication::translate(context, "ports forwarded via %1: UDP %2:%3, TCP %2:%4")
            .arg(methodName(method), address)
            .arg(externalUdpPort)
            .arg(externalTcpPort);
    }
    case Phase::Failed:
        return QCoreApplication::translate(context, "no port mapping: %1").arg(reason);
    }
    return {};
}

} // namespace ringshare::net
