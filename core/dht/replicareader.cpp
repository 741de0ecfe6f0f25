// ReplicaReader: the paged Get requests to each replica and the merge of what comes back.
#include "dht/replicareader.h"

#include <QHash>
#include <memory>

namespace ringshare::dht {

namespace {

struct Gathering {
    NodeId key;
    QHash<QByteArray, Record> bySlot;
    int pending = 0;
    int answered = 0;
    ReplicaReader::Done done;

    void add(const Record& record) {
        const QByteArray slot = record.slot();
        const auto it = bySlot.constFind(slot);
        if (it == bySlot.constEnd() || it->timestampMs < record.timestampMs)
            bySlot.insert(slot, record);
    }
    void finishOne() {
        if (--pending == 0)
            done(bySlot.values(), answered);
    }
};

void readPage(net::Rpc& rpc, Clock& clock, const net::NodeRef& replica, quint32 offset,
              const std::shared_ptr<Gathering>& gathering) {
    rpc.request(replica.endpoint, net::Get{gathering->key, offset},
                [&rpc, &clock, replica, offset, gathering](const net::Message* reply) {
                    const auto* page = reply ? std::get_if<net::GetReply>(&reply->body) : nullptr;
                    if (!page) {
                        gathering->finishOne();
                        return;
                    }
                    if (offset == 0)
                        ++gathering->answered;
                    const qint64 now = clock.unixMillis();
                    int valid = 0;
                    for (const QByteArray& bytes : page->records) {
                        Result<Record> record = Record::decode(bytes);
                        if (record && record->key == gathering->key && !record->isExpiredAt(now) &&
                            record->hasValidSignature()) {
                            gathering->add(record.value());
                            ++valid;
                        }
                    }
                    // A replica lists only records it verified, unexpired, so a page without one valid
                    // record comes from a liar; and no replica holds more than kMaxRecords. Either way
                    // there is no next page, whatever `more` says: a replica that always says there is
                    // would otherwise keep this read going for ever.
                    const quint32 next = offset + quint32(page->records.size());
                    if (page->more && valid > 0 && next < quint32(ReplicaReader::kMaxRecords) &&
                        gathering->bySlot.size() < ReplicaReader::kMaxRecords) {
                        readPage(rpc, clock, replica, next, gathering);
                        return;
                    }
                    gathering->finishOne();
                });
}

} // namespace

void ReplicaReader::read(net::Rpc& rpc, Clock& clock, const NodeId& key, const QList<net::NodeRef>& replicas,
                         const QList<Record>& local, Done done) {
    auto gathering = std::make_shared<Gathering>();
    gathering->key = key;
    gathering->done = std::move(done);
    for (const Record& record : local)
        gathering->add(record);
    // One extra count, released below, so that answers arriving synchronously cannot finish early.
    gathering->pending = int(replicas.size()) + 1;
    for (const net::NodeRef& replica : replicas)
        readPage(rpc, clock, replica, 0, gathering);
    if (!local.isEmpty())
        ++gathering->answered;
    gathering->finishOne();
}

} // namespace ringshare::dht
