// Asking the ring for a content's sources; see sourcefinder.h.
#include "transfer/sourcefinder.h"

#include "share/indexrecords.h"

#include <QHash>

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
    m_source.getRecords(
        share::providerKey(m_id), [this, alive = m_alive](const QList<dht::Record>& records, bool) {
            if (!*alive)
                return;
            // A publisher's newest record says how to reach it now: a client names its rendezvous, and
            // the records it published before it moved (or turned member) only wait to expire.
            QHash<NodeId, std::pair<qint64, share::ProviderValue>> newest;
            for (const dht::Record& record : records) {
                const auto value = share::ProviderValue::decode(record.value);
                if (!value || value->id != m_id)
                    continue;
                const NodeId provider = record.publisher.nodeId();
                const auto known = newest.constFind(provider);
                if (provider != m_transfers.id() &&
                    (known == newest.constEnd() || known->first < record.timestampMs))
                    newest.insert(provider, {record.timestampMs, value.value()});
            }
            for (auto it = newest.cbegin(); it != newest.cend(); ++it) {
                const NodeId provider = it.key();
                if (const std::optional<net::NodeRef>& rendezvous = it->second.rendezvous) {
                    m_transfers.addSource(m_id, PeerAddress{{}, 0, provider, rendezvous});
                    continue;
                }
                m_source.locate(provider, [this, alive, provider](std::optional<net::NodeRef> node) {
                    if (!*alive || !node)
                        return;
                    m_transfers.addSource(m_id, {node->endpoint.address, node->endpoint.port, provider});
                });
            }
        });
}

} // namespace ringshare::transfer
