// Asking the ring for a content's sources; see sourcefinder.h.
#include "transfer/sourcefinder.h"

#include "base/logging.h"
#include "share/indexrecords.h"

#include <QSet>

namespace ringshare::transfer {

SourceFinder::SourceFinder(share::RecordSource& source, TransferManager& transfers, Clock& clock,
                           share::ContentId id, Millis interval, QObject* parent)
    : QObject(parent), m_source(source), m_transfers(transfers), m_id(id), m_interval(interval) {
    m_timer = clock.createTimer([this] {
        ask();
        m_timer->start(m_interval);
    });
}

SourceFinder::~SourceFinder() {
    *m_alive = false;
}

void SourceFinder::start() {
    ask();
    m_timer->start(m_interval);
}

void SourceFinder::stop() {
    m_timer->stop();
}

void SourceFinder::ask() {
    m_source.getRecords(share::providerKey(m_id), [this, alive = m_alive](const QList<dht::Record>& records,
                                                                          bool) {
        if (!*alive)
            return;
        QSet<NodeId> providers;
        for (const dht::Record& record : records) {
            const auto value = share::ProviderValue::decode(record.value);
            const NodeId provider = record.publisher.nodeId();
            if (value && value->id == m_id && provider != m_transfers.id())
                providers.insert(provider);
        }
        qCDebug(lcTransfer) << providers.size() << "publishers of" << m_id.toHex().left(8);
        for (const NodeId& provider : std::as_const(providers)) {
            m_source.locate(provider, [this, alive, provider](std::optional<net::NodeRef> owner) {
                if (!*alive || !owner)
                    return;
                if (owner->id == provider) {
                    m_transfers.addSource(m_id, {owner->endpoint.address, owner->endpoint.port, provider});
                    return;
                }
                // Not on the ring: a client behind NAT (or a member that went away). The owner of its ID
                // is the rendezvous it attaches to, which passes on a request to connect here. The ring
                // names that member, so no record can aim downloaders at an address of its choosing.
                m_transfers.addSource(m_id, PeerAddress{{}, 0, provider, *owner});
            });
        }
    });
}

} // namespace ringshare::transfer
