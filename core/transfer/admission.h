// Who may open a transfer connection to this node: the rule against slowloris and connection floods, as a
// pure function of the counts, so it is tested without a socket.
#pragma once

#include "net/endpoint.h"

#include <QHash>
#include <QHostAddress>

namespace ringshare::transfer {

// Where an inbound connection comes from, for the caps (see net::sourceOf).
using net::sourceOf;

struct AdmissionLimits {
    int maxConnections = 64;
    int maxHandshakesPerSource = 4;
};

struct Admission {
    enum class Verdict { Admit, Refuse, Evict };
    Verdict verdict = Verdict::Refuse;
    // With Evict: close the oldest inbound connection still in its handshake among the sources that hold
    // this many of them, then admit.
    int evictFromSourcesHolding = 0;
    friend bool operator==(const Admission&, const Admission&) = default;
};

// `handshakes`: per source, the inbound connections that have not finished their handshake;
// `connections`: every connection open now, in and out.
[[nodiscard]] Admission decide(const QHash<QHostAddress, int>& handshakes, const QHostAddress& newcomer,
                               int connections, const AdmissionLimits& limits);

} // namespace ringshare::transfer
