// The rows the transfer rooms report to the session and the views: one per download, one per content
// being served, and the running totals. Plain values, safe to copy across the layer boundary.
#pragma once

#include "crypto/nodeid.h"
#include "share/contentid.h"

#include <QString>

namespace ringshare::transfer {

struct DownloadStatus {
    // Checking: picked up from an earlier run, the chunks already on disk are being verified.
    enum class State { FindingSources, Downloading, Paused, Finished, Failed, Checking };
    share::ContentId id;
    QString name;
    qint64 done = 0;  // verified bytes
    qint64 total = 0; // from the manifest, or the link until the manifest is known
    qint64 rate = 0;  // bytes per second, verified; 0 while paused
    int sources = 0;  // peers connected that have something to give
    State state = State::FindingSources;
    QString path; // when Finished
    QString error;
};

// One content this node is serving right now.
struct UploadStatus {
    share::ContentId id;
    QString name;
    int peers = 0;       // peers that asked us for chunks in the last few seconds
    qint64 rate = 0;     // bytes per second
    qint64 uploaded = 0; // bytes sent since this manager started
};

struct TransferStats {
    qint64 bytesUploaded = 0;
    qint64 bytesDownloaded = 0; // verified chunk bytes
    qint64 bytesWasted = 0;     // received but thrown away: bad, duplicate or cancelled chunks
    int badChunks = 0;
    int peersDropped = 0;
    int connectionsRefused = 0; // inbound, turned away at accept (too many in all, or from one address)
    int connectionsEvicted = 0; // inbound, still in their handshake, closed to make room for a newcomer
    int peersStalled = 0;       // sources that sent nothing of what they were asked for (see stallTimeout)
};

} // namespace ringshare::transfer
