// RingCheck: Zave's invariants and the exact stabilized state, checked over a set of live nodes (the
// simulations' and the lab's oracle).
#pragma once

#include "crypto/nodeid.h"

#include <QList>
#include <QString>
#include <optional>

namespace ringshare::dht {

// What the checker needs to know of one live node.
struct RingNodeView {
    NodeId id;
    std::optional<NodeId> predecessor;
    QList<NodeId> successors; // nearest first; empty for a node alone
};

// Zave's invariants for a Chord ring ("How to Make Chord Correct"), over the live nodes, where a node's
// best successor is the first live entry of its successor list:
//  - AtLeastOneRing / AtMostOneRing: following best successors leads into exactly one cycle;
//  - OrderedRing: going round that cycle passes the IDs in increasing order, once round the circle;
//  - ConnectedAppendages: every node not on the cycle reaches it.
// Plus the exact state a stabilized ring must reach: every successor, predecessor and successor list
// equal to the true one among the live nodes.
struct RingCheck {
    bool atLeastOneRing = false;
    bool atMostOneRing = false;
    bool orderedRing = false;
    bool connectedAppendages = false;
    bool successorsExact = false;
    bool predecessorsExact = false;
    bool successorListsExact = false;
    int cycleLength = 0;
    QString problem; // the first thing found wrong, in words; empty when all holds

    [[nodiscard]] bool invariantsHold() const {
        return atLeastOneRing && atMostOneRing && orderedRing && connectedAppendages;
    }
    [[nodiscard]] bool exact() const {
        return invariantsHold() && successorsExact && predecessorsExact && successorListsExact;
    }
};

[[nodiscard]] RingCheck checkRing(const QList<RingNodeView>& live, int successorListSize);

} // namespace ringshare::dht
