// The admission rule for inbound transfer connections; see admission.h.
#include "transfer/admission.h"

#include <algorithm>

namespace ringshare::transfer {

Admission decide(const QHash<QHostAddress, int>& handshakes, const QHostAddress& newcomer, int connections,
                 const AdmissionLimits& limits) {
    const int own = handshakes.value(newcomer);
    if (own >= limits.maxHandshakesPerSource)
        return {Admission::Verdict::Refuse};
    if (connections < limits.maxConnections)
        return {Admission::Verdict::Admit};
    // Every slot is taken. The cap per source does not stop a host with many addresses from taking them all
    // with connections that never finish their handshake, so the newcomer may take the place of such a
    // connection from the source that holds the most of them, as long as the newcomer's own source holds
    // fewer. An honest peer, with at most one handshake under way, then always gets in, and however fast a
    // slowloris reconnects it only ever displaces itself. Connections that proved who they are are never
    // evicted.
    int most = 0;
    for (const int count : handshakes)
        most = std::max(most, count);
    if (most <= own)
        return {Admission::Verdict::Refuse};
    return {Admission::Verdict::Evict, most};
}

} // namespace ringshare::transfer
