// ringshare-node's command line, parsed and checked into one value.
#pragma once

#include "net/hostport.h"
#include "net/landiscovery.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ringshare::node {

// Everything the command line says, checked.
struct Options {
    QString dataDir;
    // Every address of this host unless given; a node names itself by the address each peer reached it at.
    std::optional<QHostAddress> bind;
    quint16 port = 0;
    QList<net::HostPort> bootstrap; // names are resolved when used, not here
    std::optional<int> stabilizeMs;
    std::optional<int> portMappingLeaseSeconds; // the lease asked of the router (for tests)
    bool json = false;
    bool lan = true;
    bool portMapping = true; // run: ask the home router to forward the port (UPnP / NAT-PMP)
    quint16 lanPort = net::LanDiscoveryOptions::kDefaultPort;

    QStringList shares;       // run --share
    QString downloadDir;      // get LINK (and run)
    qint64 uploadLimit = 0;   // bytes per second, 0 for none
    qint64 downloadLimit = 0; // bytes per second, 0 for none
    int timeoutSeconds = 0;   // search: how long to wait; get: how long without any source
};

} // namespace ringshare::node
