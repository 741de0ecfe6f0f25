#pragma once

#include "dht/chordnode.h"
#include "ui/ringview.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace ringshare::ui {

// Watches this node's place on the ring and turns it into RingSnapshots for the diagram: predecessor,
// successors and fingers as the node knows them, and for small rings every node, found by walking
// successor pointers around the ring. Also estimates the ring's size for the status bar.
class RingObserver final : public QObject {
    Q_OBJECT

public:
    // Rings up to this many nodes are walked in full.
    static constexpr int kWalkLimit = 64;

    explicit RingObserver(dht::ChordNode& node, QObject* parent = nullptr);

    // Takes a snapshot now, and walks the ring if that is due.
    void refresh();
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }

    [[nodiscard]] const RingSnapshot& snapshot() const { return m_snapshot; }
    // The number of nodes on the ring: exact after a complete walk, else estimated from how much of the
    // circle the successor list spans. 1 when alone, 0 when not on a ring.
    [[nodiscard]] int estimatedSize() const { return m_estimate; }
    [[nodiscard]] bool sizeIsExact() const { return m_snapshot.complete; }

Q_SIGNALS:
    void snapshotChanged(const ringshare::ui::RingSnapshot& snapshot);

private:
    void walk();
    void takeSnapshot();

    dht::ChordNode& m_node;
    QTimer m_timer;
    RingSnapshot m_snapshot;
    QList<dht::NodeRef> m_walked; // the last complete walk
    bool m_walkComplete = false;
    bool m_walking = false;
    int m_round = 0;
    int m_estimate = 0;
};

} // namespace ringshare::ui
