// What this node knows about the ring at one moment, as the ring view draws it: plain values with no
// network code, so the diagram and its tests need neither a node nor a socket.
#pragma once

#include "crypto/nodeid.h"

#include <QList>
#include <QString>
#include <optional>

namespace ringshare::session {

// Where this node stands with the ring, in the words the views use.
enum class RingState { Offline, Joining, Joined, Leaving };

// One node as the ring diagram shows it. Roles are ordered strongest first: when a node has several
// roles in a snapshot, the diagram keeps the strongest.
struct RingNode {
    enum class Role { Self, Predecessor, Successor, Finger, Known };

    NodeId id;
    QString address;
    Role role = Role::Known;
};

struct RingSnapshot {
    NodeId self;
    QString selfAddress;
    std::optional<RingNode> predecessor;
    QList<RingNode> successors; // nearest first
    QList<RingNode> fingers;    // distinct finger targets (shortcuts)
    QList<RingNode> known;      // every other node known (e.g. found by walking successors)
    bool complete = false;      // true when `known` is the whole ring (small networks)
};

} // namespace ringshare::session
