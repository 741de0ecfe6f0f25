// Which routers the port mapper will talk to: only one on this machine's own LAN, judged by pure functions.
#pragma once

#include "base/result.h"

#include <QHostAddress>
#include <QList>
#include <QString>

namespace ringshare::net {

// One address of this machine with its subnet (what QNetworkAddressEntry holds), as a plain value.
struct LocalSubnet {
    QHostAddress address;
    int prefixLength = 0;
};

// This machine's addresses on interfaces that are up, loopback left out.
[[nodiscard]] QList<LocalSubnet> localSubnets();

// Private (RFC 1918, IPv6 ULA) or link-local: where a home router's LAN side lives.
[[nodiscard]] bool isPrivateOrLinkLocal(const QHostAddress& address);

// An SSDP answer's LOCATION (the IGD's description URL) or its control URL is believed only when its host is
// an IP address literal, private or link-local, on one of `subnets` and not this machine itself: anyone on
// the LAN can answer an M-SEARCH, and a URL pointing elsewhere would have this node fetch and post to a host
// of the answerer's choosing. The error says why a URL is refused.
[[nodiscard]] Result<void> checkGatewayUrl(const QString& url, const QList<LocalSubnet>& subnets);

} // namespace ringshare::net
