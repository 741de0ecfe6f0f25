// TransferManager's part in reverse connections: a source behind NAT is asked, through its rendezvous, to
// connect here, and a peer that asked the same of this node is dialled.
#include "base/logging.h"
#include "transfer/transfermanager.h"

namespace ringshare::transfer {

void TransferManager::awaitReverse(const share::ContentId& id, const PeerAddress& peer) {
    if (const PeerHandle ready = m_pool.readyConnectionTo(peer.id); ready != kNoPeer) {
        joinSwarm(ready, id, true); // it connected already, for this content or another
        return;
    }
    if (!m_reverseConnector || !m_awaited.await(peer.id, id))
        return;
    qCDebug(lcTransfer) << "asking" << peer.id.shortHex() << "to connect through its rendezvous"
                        << peer.rendezvous->endpoint.toString();
    m_reverseConnector(peer);
}

void TransferManager::connectTo(const PeerAddress& peer) {
    if (peer.id == m_id || peer.port == 0)
        return;
    if (m_pool.dial(peer) != kNoPeer)
        qCDebug(lcTransfer) << "connecting to" << peer.address.toString() << peer.port << "as it asked";
}

} // namespace ringshare::transfer
