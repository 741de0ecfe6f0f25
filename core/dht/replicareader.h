// ReplicaReader: reads a key's records from all its replicas at once and merges them, newest copy wins.
#pragma once

#include "base/clock.h"
#include "dht/record.h"
#include "net/message.h"
#include "net/rpc.h"

#include <functional>

namespace ringshare::dht {

// Reads the records under a key from every replica at once and merges what they hold. A record can sit on
// some replicas and not yet on others (it was stored while the ring was changing, or the copy has not
// caught up), so asking only the first replica that answers would miss it. Every record is checked as if
// it came from a stranger; one copy of each (the newest) is kept.
class ReplicaReader final {
public:
    static constexpr int kMaxRecords = 4096;
    using Done = std::function<void(const QList<Record>& records, int answered)>;

    // `local` holds what this node itself stores under the key when it is among the replicas. `done` gets
    // the merged records and how many replicas answered.
    static void read(net::Rpc& rpc, Clock& clock, const NodeId& key, const QList<net::NodeRef>& replicas,
                     const QList<Record>& local, Done done);
};

} // namespace ringshare::dht
