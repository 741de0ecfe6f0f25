// ReplicationPlanner: which records must go to which nodes when the ring around this node changes, when
// a replication round comes, when the node leaves and when a record arrives. It decides; the node sends.
#pragma once

#include "dht/neighbourhood.h"
#include "dht/record.h"
#include "dht/recordstore.h"

#include <QList>
#include <optional>

namespace ringshare::dht {

// Records to copy to nodes: every record to every target (this node is never among the targets).
struct Handoff {
    QList<Record> records;
    QList<NodeRef> targets;
};

class ReplicationPlanner final {
public:
    // `replicationFactor` k: the owner and k-1 successors hold each key. Reads `store`, never writes it.
    ReplicationPlanner(int replicationFactor, const RecordStore& store)
        : m_replicationFactor(replicationFactor), m_store(store) {}

    // The nodes that hold copies of what this node owns: its first k-1 successors.
    [[nodiscard]] QList<NodeRef> replicaTargets(const Neighbourhood& here) const;
    // The records in this node's key range (predecessor, self]; everything held when the range is unknown.
    [[nodiscard]] QList<Record> owned(const Neighbourhood& here, qint64 nowMs) const;

    // The predecessor has just become `here.predecessor` (set); `last` is the one known before, even if
    // it failed since. A first predecessor takes what lies outside our range now; a node that joined
    // between takes its keys; a predecessor that failed or left leaves its range to us and our replicas.
    [[nodiscard]] std::optional<Handoff> predecessorChanged(const std::optional<NodeRef>& last,
                                                            const Neighbourhood& here, qint64 nowMs) const;
    // The successor list was `before` and is `here.successors` now: nodes that entered our replica set
    // get what we own. Nothing while our range is unknown (no predecessor).
    [[nodiscard]] std::optional<Handoff> successorsChanged(const QList<NodeRef>& before,
                                                           const Neighbourhood& here, qint64 nowMs) const;
    // The periodic round: what we own, to our replicas again (copies lost with a node come back).
    [[nodiscard]] std::optional<Handoff> replicationRound(const Neighbourhood& here, qint64 nowMs) const;
    // Leaving: everything we own goes to the first successor.
    [[nodiscard]] std::optional<Handoff> leaving(const Neighbourhood& here, qint64 nowMs) const;

    enum class AfterStore {
        Keep,           // a copy pushed by an owner, or a node not on the ring: it stays here
        CopyToReplicas, // we own the key: the rest of the replica set gets it
        HandToOwner,    // the publisher stored it here by mistake: it goes on to the real owner too
    };
    // A record new to this node has just been stored, sent by `sender` (ourselves for our own put).
    [[nodiscard]] AfterStore afterStore(const Record& record, const std::optional<NodeId>& sender,
                                        const Neighbourhood& here) const;

private:
    [[nodiscard]] static std::optional<Handoff> handoff(QList<Record> records, QList<NodeRef> targets,
                                                        const NodeId& self);

    int m_replicationFactor;
    const RecordStore& m_store;
};

} // namespace ringshare::dht
