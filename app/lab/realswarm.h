// runSwarm(): one swarm of real peers on threads of their own over loopback TCP, capped uploads.
#pragma once

// One swarm of real Ringshare peers, each on a thread of its own over loopback TCP: a seeder and n
// downloaders of one file, every upload capped at the same rate, all downloaders starting at once with only
// the seeder as a source. The distribution benchmark and the lab both run it.

#include <QString>
#include <QtGlobal>

namespace ringshare::bench {

struct SwarmOutcome {
    int n = 0;
    double seconds = 0;     // until the last downloader finished
    double meanSeconds = 0; // over all downloaders
    double csBound = 0;
    double p2pBound = 0;
    qint64 seederUploaded = 0;
    qint64 peersUploaded = 0; // by the downloaders, to each other
    qint64 wasted = 0;
    QString error;
};

// Runs one swarm of `n` downloaders of the file at `path` (`size` bytes) with every upload capped at
// `upload` bytes a second, in a fresh folder under `parent`. The bounds are the textbook model's with
// u_s = u_i = upload and downloads unlimited.
[[nodiscard]] SwarmOutcome runSwarm(const QString& parent, const QString& path, qint64 size, qint64 upload,
                                    int n);

} // namespace ringshare::bench
