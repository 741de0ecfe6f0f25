#pragma once

#include "crypto/nodeid.h"

#include <QTimer>
#include <QWidget>

class QLabel;

namespace ringshare::dht {
class ChordNode;
}

namespace ringshare::ui {

class RingObserver;
class RingView;

// The Ring view: the live diagram and, beside it, this node's place in words.
class RingPage final : public QWidget {
    Q_OBJECT

public:
    explicit RingPage(dht::ChordNode& node, QWidget* parent = nullptr);

    // Looks `key` up and draws the route on the ring, one hop at a time.
    void showLookup(const NodeId& key);

    [[nodiscard]] RingView* view() const { return m_view; }
    [[nodiscard]] RingObserver* observer() const { return m_observer; }

private:
    void updateDetails();
    void revealNextHop();

    dht::ChordNode& m_node;
    RingObserver* m_observer = nullptr;
    RingView* m_view = nullptr;
    QLabel* m_details = nullptr;
    QList<NodeId> m_path;
    int m_revealed = 0;
    QTimer m_hopTimer;
};

} // namespace ringshare::ui
