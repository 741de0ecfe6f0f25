// RingCheck: following best successors into cycles, and the comparison with the true ring.
#include "dht/ringcheck.h"

#include <QHash>
#include <algorithm>

namespace ringshare::dht {

RingCheck checkRing(const QList<RingNodeView>& live, int successorListSize) {
    RingCheck check;
    const int n = int(live.size());
    if (n == 0) {
        check.problem = QStringLiteral("no live nodes");
        return check;
    }
    QHash<NodeId, int> indexOf;
    for (int i = 0; i < n; ++i)
        indexOf.insert(live[i].id, i);

    // Best successor: the first live entry; a node with an empty list is its own successor.
    QList<int> next(n, -1);
    for (int i = 0; i < n; ++i) {
        if (live[i].successors.isEmpty()) {
            next[i] = i;
            continue;
        }
        for (const NodeId& s : live[i].successors) {
            if (const auto it = indexOf.constFind(s); it != indexOf.constEnd()) {
                next[i] = *it;
                break;
            }
        }
    }

    // Walk from every node; colour nodes by the cycle they end in.
    QList<int> cycleOf(n, -1);
    int cycles = 0;
    bool dangling = false;
    QList<int> cycleStart;
    for (int start = 0; start < n; ++start) {
        if (cycleOf[start] != -1)
            continue;
        QList<int> path;
        QHash<int, int> positionInPath;
        int at = start;
        while (at != -1 && cycleOf[at] == -1 && !positionInPath.contains(at)) {
            positionInPath.insert(at, int(path.size()));
            path.append(at);
            at = next[at];
        }
        int colour;
        if (at == -1) {
            dangling = true;
            colour = -2;
        } else if (cycleOf[at] != -1) {
            colour = cycleOf[at];
        } else {
            colour = cycles++;
            cycleStart.append(at);
        }
        for (int v : path)
            cycleOf[v] = colour;
    }
    check.atLeastOneRing = cycles >= 1;
    check.atMostOneRing = cycles <= 1;
    check.connectedAppendages = !dangling && cycles == 1;
    if (!check.atLeastOneRing) {
        check.problem = QStringLiteral("no ring: every walk ends at a node with no live successor");
        return check;
    }
    if (!check.atMostOneRing) {
        check.problem = QStringLiteral("%1 separate rings").arg(cycles);
        return check;
    }

    // The cycle, in walking order.
    QList<int> cycle;
    for (int at = cycleStart.first();;) {
        cycle.append(at);
        at = next[at];
        if (at == cycleStart.first())
            break;
    }
    check.cycleLength = int(cycle.size());
    QList<NodeId> sortedCycle;
    for (int v : cycle)
        sortedCycle.append(live[v].id);
    std::sort(sortedCycle.begin(), sortedCycle.end());
    QHash<NodeId, int> rank;
    for (int i = 0; i < sortedCycle.size(); ++i)
        rank.insert(sortedCycle[i], i);
    check.orderedRing = true;
    for (int v : cycle) {
        const int expected = (rank.value(live[v].id) + 1) % int(sortedCycle.size());
        if (sortedCycle[expected] != live[next[v]].id) {
            check.orderedRing = false;
            check.problem = QStringLiteral("ring out of order at %1").arg(live[v].id.shortHex());
            break;
        }
    }
    if (!check.connectedAppendages && check.problem.isEmpty())
        check.problem = QStringLiteral("some nodes have no live successor");

    // Exactness against the true ring of all live nodes.
    QList<NodeId> sorted;
    for (const RingNodeView& v : live)
        sorted.append(v.id);
    std::sort(sorted.begin(), sorted.end());
    QHash<NodeId, int> position;
    for (int i = 0; i < n; ++i)
        position.insert(sorted[i], i);
    check.successorsExact = check.predecessorsExact = check.successorListsExact = true;
    const int listLength = std::min(successorListSize, n - 1);
    for (const RingNodeView& v : live) {
        const int p = position.value(v.id);
        QList<NodeId> trueList;
        for (int k = 1; k <= listLength; ++k)
            trueList.append(sorted[(p + k) % n]);
        const std::optional<NodeId> truePredecessor =
            n == 1 ? std::nullopt : std::optional<NodeId>(sorted[(p + n - 1) % n]);
        const bool firstOk = trueList.isEmpty()
                                 ? v.successors.isEmpty()
                                 : (!v.successors.isEmpty() && v.successors.first() == trueList.first());
        if (!firstOk && check.successorsExact) {
            check.successorsExact = false;
            if (check.problem.isEmpty())
                check.problem = QStringLiteral("%1 has the wrong successor").arg(v.id.shortHex());
        }
        if (v.successors != trueList && check.successorListsExact) {
            check.successorListsExact = false;
            if (check.problem.isEmpty())
                check.problem = QStringLiteral("%1 has a wrong successor list").arg(v.id.shortHex());
        }
        const bool predecessorOk = n == 1 ? true : v.predecessor == truePredecessor;
        if (!predecessorOk && check.predecessorsExact) {
            check.predecessorsExact = false;
            if (check.problem.isEmpty())
                check.problem = QStringLiteral("%1 has the wrong predecessor").arg(v.id.shortHex());
        }
    }
    return check;
}

} // namespace ringshare::dht
