// The ring diagram widget: nodes on the identifier circle, fingers, a lookup route, and fades as nodes
// come and go.
#pragma once

#include "core/crypto/nodeid.h"
#include "session/ringsnapshot.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QTimer>
#include <QWidget>
#include <optional>
#include <vector>

class QPainter;

namespace ringshare::ui {

// The diagram draws the session's plain snapshot values (see session/ringsnapshot.h).
using RingNode = session::RingNode;
using RingSnapshot = session::RingSnapshot;

// The live Chord ring: nodes as dots on the identifier circle, the arc this node is responsible for,
// finger shortcuts as chords and an optional lookup path. Nodes that join or leave between snapshots
// fade in and out.
//
// Geometry: a node with ring position t = id.toUnitInterval() is drawn at
//   ringCentre() + ringRadius() * (sin(2πt), -cos(2πt)),
// i.e. angle 0 at the top, increasing clockwise.
class RingView final : public QWidget {
    Q_OBJECT

public:
    explicit RingView(QWidget* parent = nullptr);
    ~RingView() override;

    void setSnapshot(const RingSnapshot& snapshot);
    // The nodes a lookup visited, in order; an empty list clears the path.
    void showLookupPath(const QList<NodeId>& hops);
    // How long joining nodes take to fade in and leaving nodes to fade out.
    void setFadeDuration(int milliseconds);
    [[nodiscard]] int fadeDuration() const { return m_fadeMs; }

    // A read-only model of what is shown, for tests and accessibility.
    // Nodes present in the current snapshot (including ones still fading in), in ring order.
    [[nodiscard]] QList<NodeId> shownNodes() const;
    // Nodes gone from the current snapshot that are still drawn while they fade out, in ring order.
    [[nodiscard]] QList<NodeId> leavingNodes() const;
    [[nodiscard]] QList<NodeId> lookupPath() const { return m_lookupPath; }
    [[nodiscard]] QString caption() const;
    // The node drawn at `pos` (widget coordinates), if any; leaving nodes report their last role.
    [[nodiscard]] std::optional<RingNode> nodeAt(QPointF pos) const;
    [[nodiscard]] QPointF ringCentre() const;
    [[nodiscard]] double ringRadius() const;
    [[nodiscard]] QPointF positionOf(const NodeId& id) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    enum class Fade { None, In, Out };
    struct Entry {
        RingNode node;
        double turn = 0.0; // id.toUnitInterval(), cached
        QPointF pos;       // valid while the layout is current
        Fade fade = Fade::None;
        qint64 fadeStartMs = 0;
    };
    struct Layout {
        QSize size;
        QPointF centre;
        double radius = 0.0;
        QRectF captionRect;
        QList<QRectF> legendRects; // one per legend item, swatch and text
        bool valid = false;
    };
    struct LegendItem;

    void ensureLayout() const;
    void invalidateLayout();
    [[nodiscard]] QList<LegendItem> legendItems() const;
    [[nodiscard]] QPointF pointOnRing(double turn, double radius) const;
    [[nodiscard]] double opacityOf(const Entry& entry, qint64 nowMs) const;
    [[nodiscard]] bool isAnimating() const;
    void advanceFades();
    void updateAccessibleText();
    [[nodiscard]] QString describe(const Entry& entry) const;

    void paintRing(QPainter& painter, qint64 nowMs);
    void paintLookupPath(QPainter& painter);
    void paintLabels(QPainter& painter, qint64 nowMs);
    void paintLegend(QPainter& painter);

    bool m_hasSnapshot = false;
    bool m_complete = false;
    NodeId m_self;
    std::optional<NodeId> m_predecessor;
    QList<NodeId> m_successors;
    QList<Entry> m_entries;           // sorted by id
    QHash<NodeId, qsizetype> m_index; // id -> position in m_entries
    QList<NodeId> m_lookupPath;
    int m_fadeMs = 600;
    QElapsedTimer m_clock;
    QTimer m_fadeTimer;

    mutable Layout m_layout;
    // Reused between frames so painting 1,000 nodes allocates nothing per node.
    std::vector<QPointF> m_scratchPoints;
};

} // namespace ringshare::ui
