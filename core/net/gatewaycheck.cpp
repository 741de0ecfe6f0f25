// The LAN check of the routers the port mapper talks to.
#include "net/gatewaycheck.h"

#include <QCoreApplication>
#include <QNetworkInterface>
#include <QUrl>

namespace ringshare::net {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ringshare::net::GatewayCheck", text);
}

} // namespace

QList<LocalSubnet> localSubnets() {
    QList<LocalSubnet> subnets;
    for (const QNetworkInterface& interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry& entry : interface.addressEntries())
            if (entry.prefixLength() > 0)
                subnets.append({entry.ip(), entry.prefixLength()});
    }
    return subnets;
}

bool isPrivateOrLinkLocal(const QHostAddress& address) {
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 ip = address.toIPv4Address();
        return (ip >> 24) == 10 || (ip >> 20) == ((172u << 4) | 1) || (ip >> 16) == ((192u << 8) | 168) ||
               (ip >> 16) == ((169u << 8) | 254);
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        return (bytes[0] & 0xfe) == 0xfc || (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80);
    }
    return false;
}

Result<void> checkGatewayUrl(const QString& url, const QList<LocalSubnet>& subnets) {
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.scheme() != QLatin1String("http"))
        return Error{tr("%1 is not an http:// address").arg(url)};
    QHostAddress host;
    if (!host.setAddress(parsed.host()))
        return Error{tr("%1 names a host rather than giving its address").arg(url)};
    if (!isPrivateOrLinkLocal(host))
        return Error{tr("%1 points outside the local network").arg(url)};
    bool onSubnet = false;
    for (const LocalSubnet& subnet : subnets) {
        if (subnet.address.protocol() != host.protocol())
            continue;
        if (subnet.address.isEqual(host))
            return Error{tr("%1 points at this machine itself").arg(url)};
        onSubnet = onSubnet || host.isInSubnet(subnet.address, subnet.prefixLength);
    }
    if (!onSubnet)
        return Error{tr("%1 is on none of this machine's local networks").arg(url)};
    return {};
}

} // namespace ringshare::net
