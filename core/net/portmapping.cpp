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
    switch (phase) {
    case Phase::Off:
        return tr("port mapping off");
    case Phase::Trying:
        return tr("asking the router to forward the ports");
    case Phase::Mapped: {
        const QString address = externalAddress.isNull() ? QStringLiteral("?") : externalAddress.toString();
        return tr("ports forwarded via %1: UDP %2:%3, TCP %2:%4")
            .arg(methodName(method), address)
            .arg(externalUdpPort)
            .arg(externalTcpPort);
    }
    case Phase::Failed:
        return tr("no port mapping: %1").arg(reason);
    }
    return {};
}

} // namespace ringshare::net
