// ReplicationPlanner: key hand-off and replication decisions from ring changes and the record store.
#include "dht/replicationplanner.h"

#include "dht/ring.h"

#include <algorithm>

namespace ringshare::dht {

std::optional<Handoff> ReplicationPlanner::handoff(QList<Record> records, QList<NodeRef> targets,
                                                   const NodeId& self) {
    targets.removeIf([&](const NodeRef& node) { return node.id == self; });
    if (records.isEmpty() || targets.isEmpty())
        return std::nullopt;
    return Handoff{std::move(records), std::move(targets)};
}

QList<NodeRef> ReplicationPlanner::replicaTargets(const Neighbourhood& here) const {
    return here.successors.mid(0, m_replicationFactor - 1);
}

QList<Record> ReplicationPlanner::owned(const Neighbourhood& here, qint64 nowMs) const {
    return here.predecessor ? m_store.inRange(here.predecessor->id, here.self, nowMs) : m_store.all(nowMs);
}

std::optional<Handoff> ReplicationPlanner::predecessorChanged(const std::optional<NodeRef>& last,
                                                              const Neighbourhood& here, qint64 nowMs) const {
    if (!here.predecessor)
        return std::nullopt;
    const NodeRef& node = *here.predecessor;
    if (!last) {
        if (node.id == here.self)
            return std::nullopt;
        // Our first predecessor: until now this node answered for the whole ring, so what it holds outside
        // (predecessor, us] belongs to others. The predecessor takes it and hands on what is not its own.
        return handoff(m_store.inRange(here.self, node.id, nowMs), {node}, here.self);
    }
    if (last->id == node.id)
        return std::nullopt;
    if (inOpenInterval(node.id, last->id, here.self)) {
        // A node joined between us and our old predecessor: its keys are now its own.
        return handoff(m_store.inRange(last->id, node.id, nowMs), {node}, here.self);
    }
    // Our predecessor failed or left: we took over its range; copy it to our replicas.
    return handoff(m_store.inRange(node.id, last->id, nowMs), replicaTargets(here), here.self);
}

std::optional<Handoff> ReplicationPlanner::successorsChanged(const QList<NodeRef>& before,
                                                             const Neighbourhood& here, qint64 nowMs) const {
    if (!here.predecessor)
        return std::nullopt; // our key range is unknown until a predecessor is
    const QList<NodeRef> oldTargets = before.mid(0, m_replicationFactor - 1);
    QList<NodeRef> fresh;
    for (const NodeRef& node : replicaTargets(here)) {
        if (std::none_of(oldTargets.begin(), oldTargets.end(),
                         [&](const NodeRef& old) { return old.id == node.id; }))
            fresh.append(node);
    }
    if (fresh.isEmpty())
        return std::nullopt;
    return handoff(m_store.inRange(here.predecessor->id, here.self, nowMs), fresh, here.self);
}

std::optional<Handoff> ReplicationPlanner::replicationRound(const Neighbourhood& here, qint64 nowMs) const {
    if (!here.predecessor)
        return std::nullopt;
    return handoff(m_store.inRange(here.predecessor->id, here.self, nowMs), replicaTargets(here), here.self);
}

std::optional<Handoff> ReplicationPlanner::leaving(const Neighbourhood& here, qint64 nowMs) const {
    if (here.successors.isEmpty())
        return std::nullopt;
    return handoff(owned(here, nowMs), {here.successors.first()}, here.self);
}

ReplicationPlanner::AfterStore ReplicationPlanner::afterStore(const Record& record,
                                                              const std::optional<NodeId>& sender,
                                                              const Neighbourhood& here) const {
    // Copies pushed by an owner to its replicas come from another sender than the publisher and stay put.
    // A record already held is not new, so the hand-on happens at most once.
    if (here.owns(record.key))
        return AfterStore::CopyToReplicas;
    if (sender && *sender == record.publisher.nodeId() && *sender != here.self)
        return AfterStore::HandToOwner;
    return AfterStore::Keep;
}

} // namespace ringshare::dht
