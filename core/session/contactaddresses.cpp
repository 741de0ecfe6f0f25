// contactAddresses(): the node's observed, bound or machine addresses, in that order of trust.
#include "session/contactaddresses.h"

#include "dht/chordnode.h"

#include <QNetworkInterface>
#include <algorithm>

namespace ringshare::session {

QList<net::Endpoint> contactAddresses(const dht::ChordNode& node, qsizetype limit) {
    QList<net::Endpoint> found;
    const auto add = [&](const net::Endpoint& endpoint) {
        if (found.size() < limit && endpoint.isValid() && !found.contains(endpoint))
            found.append(endpoint);
    };
    for (const net::ObservedAddress& seen : node.observedAddresses())
        if (const auto endpoint = seen.endpoint())
            add(*endpoint);
    if (!found.isEmpty())
        return found;
    const net::Endpoint bound = node.self().endpoint;
    const bool any = bound.address == QHostAddress(QHostAddress::AnyIPv4) ||
                     bound.address == QHostAddress(QHostAddress::AnyIPv6) ||
                     bound.address == QHostAddress(QHostAddress::Any);
    if (!any) {
        add(bound);
        return found;
    }
    QList<QHostAddress> own = QNetworkInterface::allAddresses();
    std::stable_sort(own.begin(), own.end(), [](const QHostAddress& a, const QHostAddress& b) {
        return a.protocol() == QAbstractSocket::IPv4Protocol && b.protocol() != QAbstractSocket::IPv4Protocol;
    });
    for (const QHostAddress& address : std::as_const(own))
        if (!address.isLoopback() && !address.isLinkLocal() && address.scopeId().isEmpty())
            add(net::Endpoint{net::plainAddress(address), bound.port});
    return found;
}

} // namespace ringshare::session
