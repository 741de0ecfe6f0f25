// Watches this node's place on the ring for the ring view: RingSnapshots and a size estimate, made from
// the node's routing state and, for small rings, a walk round the whole ring.
#pragma once

#include "base/clock.h"
#include "session/ringsnapshot.h"

#include <QObject>
#include <memory>

namespace ringshare::dht {
class ChordNode;
}

namespace ringshare::session {

// Predecessor, successors and fingers as the node knows them, and for small rings every node, found by
// walking successor pointers around the ring. Made by Session::watchRing(); only a view that shows the
// ring needs one, since a walk costs one request per node.
class RingWatcher final : public QObject {
    Q_OBJECT

public:
    // Rings up to this many nodes are walked in full.
    static constexpr int kWalkLimit = 64;

    RingWatcher(dht::ChordNode& node, Clock& clock, QObject* parent = nullptr);
    ~RingWatcher() override;

    // Takes a snapshot now, and walks the ring if that is due.
    void refresh();
    // Refreshes every `milliseconds` from the next round on (1000 to begin with).
    void setInterval(int milliseconds);

    [[nodiscard]] const RingSnapshot& snapshot() const { return m_snapshot; }
    // The number of nodes on the ring: exact after a complete walk, else estimated from how much of the
    // circle the successor list spans. 1 when alone, 0 when not on a ring.
    [[nodiscard]] int estimatedSize() const { return m_estimate; }
    [[nodiscard]] bool sizeIsExact() const { return m_snapshot.complete; }

Q_SIGNALS:
    void snapshotChanged(const ringshare::session::RingSnapshot& snapshot);

private:
    void walk();
    void takeSnapshot();

    dht::ChordNode& m_node;
    std::unique_ptr<Timer> m_timer;
    Millis m_interval{1000};
    RingSnapshot m_snapshot;
    QList<RingNode> m_walked; // the last complete walk
    bool m_walkComplete = false;
    bool m_walking = false;
    int m_round = 0;
    int m_estimate = 0;
};

} // namespace ringshare::session
