// RecordStore: putting, reading by key and by ring range, and expiring records.
#include "dht/recordstore.h"

#include <iterator>

namespace ringshare::dht {

namespace {

// Calls visit(first, last) for the one or two runs of `byKey` whose keys lie in the ring interval (from, to],
// in clockwise order from `from`. Each run is looked up only when its turn comes, so `visit` may erase the
// run it was given. When from == to the two runs cover the whole ring, each key once.
template <typename Map, typename Visit>
void forEachRunInRange(Map& byKey, const NodeId& from, const NodeId& to, Visit visit) {
    if (from < to) {
        visit(byKey.upper_bound(from), byKey.upper_bound(to));
        return;
    }
    visit(byKey.upper_bound(from), byKey.end());
    visit(byKey.begin(), byKey.upper_bound(to));
}

void appendUnexpired(QList<Record>& out, const std::map<QByteArray, Record>& slots, qint64 nowMs) {
    for (const auto& [slot, record] : slots) {
        if (!record.isExpiredAt(nowMs))
            out.append(record);
    }
}

} // namespace

RecordStore::RecordStore(RecordStoreLimits limits) : m_limits(limits) {}

PutOutcome RecordStore::put(const Record& record, qint64 nowMs) {
    if (record.value.size() > Record::kMaxValueSize)
        return PutOutcome::ValueTooLarge;
    if (record.ttlSeconds > Record::kMaxTtlSeconds)
        return PutOutcome::TtlTooLong;
    // A record stamped after now cannot have expired yet; testing that first keeps expiresAtMs() from
    // overflowing on an absurd timestamp, which the next check refuses anyway.
    if (record.timestampMs <= nowMs && record.isExpiredAt(nowMs))
        return PutOutcome::Expired;
    if (record.timestampMs > nowMs + m_limits.maxClockSkewMs)
        return PutOutcome::FromTheFuture;
    if (!record.hasValidSignature())
        return PutOutcome::InvalidSignature;

    QByteArray slot = record.slot();
    auto keyIt = m_byKey.find(record.key);
    if (keyIt != m_byKey.end()) {
        auto& slots = keyIt->second;
        if (auto slotIt = slots.find(slot); slotIt != slots.end()) {
            if (record.timestampMs <= slotIt->second.timestampMs)
                return PutOutcome::Unchanged;
            slotIt->second = record;
            return PutOutcome::Stored;
        }
        if (int(slots.size()) >= m_limits.maxRecordsPerKey) {
            // Expired copies should not keep a live record out; a key is small, so tidy it now. This never
            // empties the key without freeing room in the total, so no empty key can be left behind below.
            m_total -= int(
                std::erase_if(slots, [nowMs](const auto& entry) { return entry.second.isExpiredAt(nowMs); }));
        }
    }
    const int held = keyIt == m_byKey.end() ? 0 : int(keyIt->second.size());
    if (held >= m_limits.maxRecordsPerKey)
        return PutOutcome::KeyFull;
    if (m_total >= m_limits.maxRecordsTotal)
        return PutOutcome::StoreFull;

    if (keyIt == m_byKey.end())
        keyIt = m_byKey.try_emplace(record.key).first;
    keyIt->second.emplace(std::move(slot), record);
    ++m_total;
    return PutOutcome::Stored;
}

QList<Record> RecordStore::get(const NodeId& key, qint64 nowMs) const {
    QList<Record> out;
    if (const auto keyIt = m_byKey.find(key); keyIt != m_byKey.end())
        appendUnexpired(out, keyIt->second, nowMs);
    return out;
}

QList<Record> RecordStore::inRange(const NodeId& from, const NodeId& to, qint64 nowMs) const {
    QList<Record> out;
    forEachRunInRange(m_byKey, from, to, [&](auto first, auto last) {
        for (auto it = first; it != last; ++it)
            appendUnexpired(out, it->second, nowMs);
    });
    return out;
}

QList<Record> RecordStore::all(qint64 nowMs) const {
    QList<Record> out;
    out.reserve(m_total);
    for (const auto& [key, slots] : m_byKey)
        appendUnexpired(out, slots, nowMs);
    return out;
}

int RecordStore::expire(qint64 nowMs) {
    int dropped = 0;
    for (auto keyIt = m_byKey.begin(); keyIt != m_byKey.end();) {
        dropped += int(std::erase_if(keyIt->second,
                                     [nowMs](const auto& entry) { return entry.second.isExpiredAt(nowMs); }));
        keyIt = keyIt->second.empty() ? m_byKey.erase(keyIt) : std::next(keyIt);
    }
    m_total -= dropped;
    return dropped;
}

int RecordStore::removeRange(const NodeId& from, const NodeId& to) {
    int dropped = 0;
    forEachRunInRange(m_byKey, from, to, [&](auto first, auto last) {
        for (auto it = first; it != last; ++it)
            dropped += int(it->second.size());
        m_byKey.erase(first, last);
    });
    m_total -= dropped;
    return dropped;
}

} // namespace ringshare::dht
