// Asking the ring for a content's sources; see sourcefinder.h.
#include "transfer/sourcefinder.h"

#include "base/logging.h"
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
            // Per publisher, its newest record that names a rendezvous and its newest that does not: a
            // client names its rendezvous, a member none, and the older ones are only waiting to expire.
            // Both are tried, the rendezvous first; only the way that works ends in a connection.
            QHash<NodeId, std::pair<qint64, net::NodeRef>> viaRendezvous;
            QHash<NodeId, qint64> onTheRing;
            for (const dht::Record& record : records) {
                const auto value = share::ProviderValue::decode(record.value);
                const NodeId provider = record.publisher.nodeId();
                if (!value || value->id != m_id || provider == m_transfers.id())
                    continue;
                qCDebug(lcTransfer) << "provider" << provider.shortHex() << "signed at" << record.timestampMs
                                    << (value->rendezvous ? "names rendezvous" : "names none")
                                    << (value->rendezvous ? value->rendezvous->endpoint.toString() : QString());
                if (value->rendezvous) {
                    const auto known = viaRendezvous.constFind(provider);
                    if (known == viaRendezvous.constEnd() || known->first < record.timestampMs)
                        viaRendezvous.insert(provider, {record.timestampMs, *value->rendezvous});
                } else if (!onTheRing.contains(provider) || onTheRing.value(provider) < record.timestampMs) {
                    onTheRing.insert(provider, record.timestampMs);
                }
            }
            for (auto it = viaRendezvous.cbegin(); it != viaRendezvous.cend(); ++it)
                m_transfers.addSource(m_id, PeerAddress{{}, 0, it.key(), it->second});
            for (auto it = onTheRing.cbegin(); it != onTheRing.cend(); ++it) {
                const NodeId provider = it.key();
                m_source.locate(provider, [this, alive, provider](std::optional<net::NodeRef> node) {
                    if (!*alive)
                        return;
                    if (!node) {
                        qCDebug(lcTransfer) << "source" << provider.shortHex() << "is not on the ring";
                        return;
                    }
                    m_transfers.addSource(m_id, {node->endpoint.address, node->endpoint.port, provider});
                });
            }
        });
}

} // namespace ringshare::transfer
