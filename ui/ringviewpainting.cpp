// The ring diagram's painting: the circle and its nodes, the lookup route, labels and the legend.
#include "ui/ringstyle.h"
#include "ui/ringview.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace ringshare::ui {

using namespace ringstyle;

void RingView::paintEvent(QPaintEvent*) {
    ensureLayout();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const Colours colours(palette());
    const qint64 now = m_clock.elapsed();

    painter.setPen(colours.text);
    painter.drawText(m_layout.captionRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, caption());

    painter.setPen(QPen(colours.ring, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(m_layout.centre, m_layout.radius, m_layout.radius);

    if (m_hasSnapshot) {
        paintRing(painter, now);
        paintLookupPath(painter);
        paintLabels(painter, now);
    }
    paintLegend(painter);
}

void RingView::paintRing(QPainter& painter, qint64 nowMs) {
    const Colours colours(palette());
    const bool crowded = m_entries.size() > kCrowdedRing;
    const QPointF centre = m_layout.centre;
    const double radius = m_layout.radius;
    const QRectF circle(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);
    const auto selfIt = m_index.constFind(m_self);
    const QPointF selfPos = selfIt != m_index.constEnd() ? m_entries[*selfIt].pos : pointOnRing(0, radius);
    const double selfTurn = m_self.toUnitInterval();

    // The keys this node is responsible for: (predecessor, self], drawn as a thick arc.
    // Qt's angles run counter-clockwise from 3 o'clock in 1/16 degree; ours clockwise from 12.
    const auto qtAngle = [](double turn) { return 90.0 - 360.0 * turn; };
    painter.setBrush(Qt::NoBrush);
    if (m_predecessor) {
        double span = selfTurn - m_predecessor->toUnitInterval();
        if (span <= 0)
            span += 1.0;
        QColor arc = colours.neighbour;
        arc.setAlphaF(0.7f);
        painter.setPen(QPen(arc, 5.0, Qt::SolidLine, Qt::FlatCap));
        painter.drawArc(circle, qRound(qtAngle(m_predecessor->toUnitInterval()) * 16),
                        -qRound(span * 360 * 16));
    }
    // The successor list, a thinner arc running on from this node.
    if (!m_successors.isEmpty()) {
        double span = m_successors.last().toUnitInterval() - selfTurn;
        if (span <= 0)
            span += 1.0;
        QColor arc = colours.neighbour;
        arc.setAlphaF(0.35f);
        painter.setPen(QPen(arc, 2.5, Qt::DashLine, Qt::FlatCap));
        painter.drawArc(circle, qRound(qtAngle(selfTurn) * 16), -qRound(span * 360 * 16));
    }

    // Fingers: chords bowed slightly towards the centre, so they do not run along the circle.
    for (const Entry& entry : std::as_const(m_entries)) {
        if (entry.node.role != Role::Finger || entry.node.id == m_self)
            continue;
        QColor colour = colours.finger;
        colour.setAlphaF(static_cast<float>(0.8 * opacityOf(entry, nowMs)));
        painter.setPen(QPen(colour, 1.4));
        const QPointF mid = (selfPos + entry.pos) / 2;
        QPainterPath chord(selfPos);
        chord.quadTo(mid + (centre - mid) * 0.3, entry.pos);
        painter.drawPath(chord);
    }

    // Steady nodes in batches: one wide round-capped point per node, one draw call per role.
    const Role order[] = {Role::Known, Role::Finger, Role::Successor, Role::Predecessor, Role::Self};
    for (Role role : order) {
        m_scratchPoints.clear();
        for (const Entry& entry : std::as_const(m_entries))
            if (entry.fade == Fade::None && entry.node.role == role)
                m_scratchPoints.push_back(entry.pos);
        if (m_scratchPoints.empty())
            continue;
        painter.setPen(
            QPen(colours.forRole(role), 2 * radiusFor(role, crowded), Qt::SolidLine, Qt::RoundCap));
        painter.drawPoints(m_scratchPoints.data(), static_cast<int>(m_scratchPoints.size()));
    }

    // Fading nodes one by one; leaving ones carry a cross.
    for (const Entry& entry : std::as_const(m_entries)) {
        if (entry.fade == Fade::None)
            continue;
        const double opacity = opacityOf(entry, nowMs);
        const double r = radiusFor(entry.node.role, crowded);
        painter.setOpacity(opacity);
        if (entry.fade == Fade::Out) {
            painter.setPen(QPen(colours.leaving, 1.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(entry.pos, r + 1, r + 1);
            const double c = r + 2;
            painter.drawLine(entry.pos + QPointF(-c, -c), entry.pos + QPointF(c, c));
            painter.drawLine(entry.pos + QPointF(-c, c), entry.pos + QPointF(c, -c));
        } else {
            painter.setPen(Qt::NoPen);
            painter.setBrush(colours.forRole(entry.node.role));
            painter.drawEllipse(entry.pos, r, r);
        }
    }
    painter.setOpacity(1.0);

    // Successors get a ring around the dot; this node a halo.
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(colours.neighbour, 1.5));
    for (const NodeId& id : std::as_const(m_successors))
        if (const auto it = m_index.constFind(id); it != m_index.constEnd() && id != m_self)
            painter.drawEllipse(m_entries[*it].pos, kMarkedRadius + 3, kMarkedRadius + 3);
    QColor halo = colours.self;
    halo.setAlphaF(0.35f);
    painter.setPen(QPen(halo, 3.0));
    painter.drawEllipse(selfPos, kSelfRadius + 4, kSelfRadius + 4);
}

void RingView::paintLookupPath(QPainter& painter) {
    if (m_lookupPath.isEmpty())
        return;
    const Colours colours(palette());
    QList<QPointF> points;
    points.reserve(m_lookupPath.size() + 1);
    if (m_lookupPath.first() != m_self)
        points.append(pointOnRing(m_self.toUnitInterval(), m_layout.radius));
    const int firstNumbered = static_cast<int>(points.size());
    for (const NodeId& hop : m_lookupPath)
        points.append(pointOnRing(hop.toUnitInterval(), m_layout.radius));

    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(colours.path, 2.0, Qt::DashLine, Qt::RoundCap));
    painter.drawPolyline(points.constData(), static_cast<int>(points.size()));

    // Numbered badges just inside the circle, so they sit next to the dot rather than on it.
    QFont badgeFont = font();
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    badgeFont.setBold(true);
    painter.setFont(badgeFont);
    const QFontMetricsF fm(badgeFont);
    const double badge = fm.height() * 0.62;
    for (qsizetype i = firstNumbered; i < points.size(); ++i) {
        const QPointF towardCentre = m_layout.centre - points[i];
        const double length = std::hypot(towardCentre.x(), towardCentre.y());
        const QPointF at =
            length > 0 ? points[i] + towardCentre / length * (badge + kSelfRadius + 4) : points[i];
        painter.setPen(Qt::NoPen);
        painter.setBrush(colours.path);
        painter.drawEllipse(at, badge, badge);
        painter.setPen(colours.pathText);
        painter.drawText(QRectF(at.x() - badge, at.y() - badge, 2 * badge, 2 * badge), Qt::AlignCenter,
                         QString::number(i - firstNumbered + 1));
    }
    painter.setFont(font());
}

void RingView::paintLabels(QPainter& painter, qint64 nowMs) {
    const Colours colours(palette());
    QFont boldFont = font();
    boldFont.setBold(true);
    const QFontMetricsF plainMetrics(font());
    const QFontMetricsF boldMetrics(boldFont);
    const bool labelAll = m_entries.size() <= kMaxLabelledNodes;
    const bool crowded = m_entries.size() > kCrowdedRing;
    // This node's label first; then the others in ring order, each left out where it would cover one
    // already drawn (nodes that close together are told apart by hovering).
    QList<QRectF> placed;
    const auto drawLabel = [&](const Entry& entry) {
        const bool isSelf = entry.node.role == Role::Self;
        const QString text = entry.node.id.shortHex();
        const QFontMetricsF& fm = isSelf ? boldMetrics : plainMetrics;
        const QSizeF textSize(fm.horizontalAdvance(text) + 1, fm.height());
        // Anchor the label on the point just outside the dot, on the side facing away from the centre.
        const double angle = 2.0 * std::numbers::pi * entry.turn;
        const double dx = std::sin(angle);
        const double dy = -std::cos(angle);
        const QPointF anchor =
            pointOnRing(entry.turn, m_layout.radius + radiusFor(entry.node.role, crowded) + 6);
        const QRectF rect(QPointF(anchor.x() - textSize.width() / 2 * (1 - dx),
                                  anchor.y() - textSize.height() / 2 * (1 - dy)),
                          textSize);
        if (std::any_of(placed.cbegin(), placed.cend(),
                        [&](const QRectF& other) { return other.intersects(rect); }))
            return;
        placed << rect;
        painter.setOpacity(opacityOf(entry, nowMs));
        QColor colour = isSelf ? colours.self : colours.text;
        if (entry.fade == Fade::Out)
            colour = colours.leaving;
        painter.setPen(colour);
        painter.setFont(isSelf ? boldFont : font());
        painter.drawText(rect, Qt::AlignCenter, text);
    };
    if (const auto self = m_index.constFind(m_self); self != m_index.cend())
        drawLabel(m_entries[*self]);
    if (labelAll)
        for (const Entry& entry : std::as_const(m_entries))
            if (entry.node.role != Role::Self)
                drawLabel(entry);
    painter.setOpacity(1.0);
    painter.setFont(font());
}

void RingView::paintLegend(QPainter& painter) {
    const QList<LegendItem> items = legendItems();
    const QFontMetricsF fm(font());
    const double swatch = fm.height();
    const double gap = fm.horizontalAdvance(QLatin1Char('M')) / 2;
    const QColor text = palette().color(QPalette::WindowText);
    for (qsizetype i = 0; i < items.size() && i < m_layout.legendRects.size(); ++i) {
        const LegendItem& item = items[i];
        const QRectF rect = m_layout.legendRects[i];
        const QRectF box(rect.left(), rect.top(), swatch, swatch);
        const QPointF c = box.center();
        painter.setBrush(Qt::NoBrush);
        switch (item.swatch) {
        case LegendItem::Swatch::Dot:
            painter.setPen(Qt::NoPen);
            painter.setBrush(item.colour);
            painter.drawEllipse(c, swatch * 0.28, swatch * 0.28);
            break;
        case LegendItem::Swatch::Arc:
            painter.setPen(QPen(item.colour, 3.0, Qt::SolidLine, Qt::FlatCap));
            painter.drawArc(box.adjusted(2, 2, -2, -2), 30 * 16, 120 * 16);
            painter.setPen(Qt::NoPen);
            painter.setBrush(item.colour);
            painter.drawEllipse(c + QPointF(0, swatch * 0.12), swatch * 0.2, swatch * 0.2);
            break;
        case LegendItem::Swatch::Line:
            painter.setPen(QPen(item.colour, 2.0, Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(QPointF(box.left() + 2, box.bottom() - 3),
                             QPointF(box.right() - 2, box.top() + 3));
            break;
        case LegendItem::Swatch::Cross: {
            painter.setPen(QPen(item.colour, 1.5));
            const double r = swatch * 0.25;
            painter.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
            painter.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
            break;
        }
        }
        painter.setPen(text);
        painter.drawText(QRectF(box.right() + gap, rect.top(), rect.width() - swatch - gap, rect.height()),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, item.text);
    }
}

} // namespace ringshare::ui
