// The settings of the transfer rooms: folders, limits, and the bounds that keep a hostile peer from
// costing more than its share. One value, passed to the rooms that need it.
#pragma once

#include "base/clock.h"
#include "base/workmode.h"

#include <QString>

namespace ringshare::transfer {

struct TransferOptions {
    QString downloadDir;
    QString stateDir;       // resume maps go to stateDir/downloads
    qint64 uploadLimit = 0; // bytes per second, 0 for none
    qint64 downloadLimit = 0;
    // Connections at once. When all are taken, a new inbound connection may take the place of one still in
    // its handshake from a source that holds more of them (see evictHandshakeFor()).
    int maxConnections = 64;
    // Inbound connections from one source (an IPv4 address, an IPv6 /64) that have not finished the
    // handshake; more are refused at once. Such a connection costs nothing to open and holds one of
    // maxConnections until its handshake times out, so without this one host opening connections and
    // sending nothing (slowloris) would lock every other peer out. Honest peers dial once per peer and
    // finish in a round trip or two.
    int maxHandshakesPerSource = 4;
    // How long a new connection has to finish the handshake and say hello, counted from when it opens.
    Millis handshakeTimeout{10'000};
    int maxPeersPerSwarm = 32;
    // A source asked for chunks that sends no byte of any of them for this long is disconnected and its
    // requests go to other peers. The first time it is dialled again like any known source (it may only
    // have been overloaded); the second time in one download it is dropped for good. Generous, since an
    // honest uploader shares its upload limit among all its peers.
    Millis stallTimeout{60'000};
    // Requests a peer may have queued with us at once; more are rejected.
    int maxQueuedRequests = 64;
    // Where chunk checks, writes and part files are done; OnClock for simulations.
    WorkMode diskWork = WorkMode::Threaded;
};

} // namespace ringshare::transfer
