// What a Session is told when it is made: folders, port, bootstrap nodes, limits, timings, and which of
// its duties to take on. One plain value, filled in by the app's composition root.
#pragma once

#include "base/clock.h"
#include "base/workmode.h"
#include "dht/chordnode.h" // for dht::ChordConfig, a plain value; it moves with the ChordNode split
#include "net/endpoint.h"
#include "net/hostport.h"
#include "net/landiscovery.h"
#include "net/portmapper.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <optional>

namespace ringshare::net {
class HostResolver;
}

namespace ringshare::session {

struct SessionOptions {
    QString dataDir;
    QString downloadDir;
    std::optional<QHostAddress> bind; // every address when unset
    quint16 port = 0; // UDP for the DHT and TCP for transfers (off the ring, TCP alone); 0 picks a free one
    // Host names among them are resolved each time they are used (joining, each later try), every
    // address a name has is tried, and one that does not resolve is told in a warning.
    QList<net::HostPort> bootstrap;
    // Where names are looked up; the system's resolver when null. Must outlive the session.
    net::HostResolver* resolver = nullptr;
    // Without bootstrap nodes: announce on the local network and join the peers heard there.
    bool lan = true;
    net::LanDiscoveryOptions lanOptions;
    qint64 uploadLimit = 0; // bytes per second, 0 for none
    qint64 downloadLimit = 0;
    dht::ChordConfig chord;
    Millis rescanInterval{60'000};
    // How often the known peers are saved, and, while alone, every known peer is knocked on again.
    Millis housekeepingInterval{30'000};
    // A one-shot session (ringshare-node's `get`) turns these off: it fetches the one file it was asked
    // for, names itself a source of nothing, and takes no place on the ring, since it leaves as soon as it
    // is done. Off the ring, join() only finds a contact among the bootstrap nodes (tried once each, in
    // turn) and asks the ring through it; the remembered peers, LAN discovery and publishing stay unused.
    bool restartUnfinished = true; // join() picks up the downloads an earlier run left
    bool publishShares = true;     // keyword and source records for the shared files go on the ring
    bool ringMember = true;        // a node on the ring; otherwise a client that only asks it
    // Ask the home router (UPnP-IGD, then NAT-PMP) to forward the port from outside. Skipped on loopback,
    // off the ring and on transports made outside (nobody outside could reach them anyway).
    bool portMapping = true;
    net::PortMapperOptions portMapper;
    // The routers' side, for tests; the real ones (libminiupnpc, libnatpmp) when null. Not owned.
    net::MappingBackendFactory* mappingBackends = nullptr;
    // Hashing and transfer disk work: OnClock for a whole session on a simulated network and clock.
    WorkMode work = WorkMode::Threaded;
};

} // namespace ringshare::session
