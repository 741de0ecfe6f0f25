// RecordStore: the records one node holds, by key, bounded and verified on entry; plain data, no clock.
#pragma once

#include "dht/record.h"

#include <QList>
#include <map>

namespace ringshare::dht {

struct RecordStoreLimits {
    int maxRecordsPerKey = 256;
    int maxRecordsTotal = 200'000;
    // How far in the future a timestamp may be before the record is refused (clock skew allowance).
    qint64 maxClockSkewMs = 10 * 60 * 1000;
};

enum class PutOutcome {
    Stored,    // new, or newer than the copy held (the older one is replaced)
    Unchanged, // the same or an older copy of a record already held
    InvalidSignature,
    Expired,
    FromTheFuture, // timestamp beyond the allowed clock skew
    TtlTooLong,
    ValueTooLarge,
    KeyFull,
    StoreFull,
};

// The records this node holds, by key. Bounded per key and in total; every record verified on entry.
// Pure data structure: no clock of its own (callers pass now), no network.
class RecordStore final {
public:
    explicit RecordStore(RecordStoreLimits limits = {});

    PutOutcome put(const Record& record, qint64 nowMs);
    // Unexpired records under `key`, in a stable order (by slot).
    [[nodiscard]] QList<Record> get(const NodeId& key, qint64 nowMs) const;
    // Unexpired records whose key lies in the ring interval (from, to] (see dht/ring.h), for hand-over.
    [[nodiscard]] QList<Record> inRange(const NodeId& from, const NodeId& to, qint64 nowMs) const;
    // Every unexpired record, for re-replication.
    [[nodiscard]] QList<Record> all(qint64 nowMs) const;
    // Drops expired records; returns how many.
    int expire(qint64 nowMs);
    // Drops every record whose key lies in (from, to]; returns how many.
    int removeRange(const NodeId& from, const NodeId& to);

    [[nodiscard]] int recordCount() const { return m_total; }
    [[nodiscard]] int keyCount() const { return int(m_byKey.size()); }
    [[nodiscard]] const RecordStoreLimits& limits() const { return m_limits; }

private:
    RecordStoreLimits m_limits;
    std::map<NodeId, std::map<QByteArray, Record>> m_byKey; // key -> slot -> record
    int m_total = 0;
};

} // namespace ringshare::dht
