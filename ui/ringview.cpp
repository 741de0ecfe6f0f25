#include "ui/ringview.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace ringshare::ui {

namespace {

constexpr double kPadding = 8.0;
constexpr double kDotRadius = 3.5;
constexpr double kSelfRadius = 7.0;
constexpr double kMarkedRadius = 5.0; // predecessor and successors
constexpr double kHitSlop = 4.0;
// Above this many nodes only this node is labelled; the others would overlap.
constexpr int kMaxLabelledNodes = 16;

using Role = RingNode::Role;

int strength(Role role) {
    return static_cast<int>(role); // Self = 0 is strongest
}

// Colours derived from the palette, so the diagram reads on light and dark themes alike.
struct Colours {
    QColor ring, text, self, neighbour, finger, other, leaving, path, pathText;

    explicit Colours(const QPalette& palette) {
        const bool dark = palette.color(QPalette::Window).lightness() < 128;
        const auto tone = [dark](int hue) { return QColor::fromHsl(hue, 170, dark ? 165 : 95); };
        text = palette.color(QPalette::WindowText);
        ring = text;
        ring.setAlphaF(0.35f);
        self = palette.color(QPalette::Highlight);
        neighbour = tone(140);
        finger = tone(30);
        other = text;
        other.setAlphaF(0.55f);
        leaving = tone(0);
        path = tone(285);
        pathText = dark ? QColor(Qt::black) : QColor(Qt::white);
    }

    [[nodiscard]] QColor forRole(Role role) const {
        switch (role) {
        case Role::Self:
            return self;
        case Role::Predecessor:
        case Role::Successor:
            return neighbour;
        case Role::Finger:
            return finger;
        case Role::Known:
            break;
        }
        return other;
    }
};

// On crowded rings the plain dots shrink, so neighbours stay apart.
constexpr int kCrowdedRing = 200;
constexpr double kCrowdedDotRadius = 2.0;

double radiusFor(Role role, bool crowded = false) {
    switch (role) {
    case Role::Self:
        return kSelfRadius;
    case Role::Predecessor:
    case Role::Successor:
        return kMarkedRadius;
    case Role::Finger:
        return kDotRadius + 0.5;
    case Role::Known:
        break;
    }
    return crowded ? kCrowdedDotRadius : kDotRadius;
}

} // namespace

struct RingView::LegendItem {
    enum class Swatch { Dot, Line, Cross, Arc };
    Swatch swatch;
    QColor colour;
    QString text;
};

RingView::RingView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAccessibleName(tr("Ring diagram"));
    m_clock.start();
    m_fadeTimer.setInterval(16);
    connect(&m_fadeTimer, &QTimer::timeout, this, &RingView::advanceFades);
    updateAccessibleText();
}

RingView::~RingView() = default;

void RingView::setSnapshot(const RingSnapshot& snapshot) {
    // Collapse the snapshot to one role per node, the strongest.
    QHash<NodeId, RingNode> next;
    const auto add = [&next](const RingNode& node, Role role) {
        auto it = next.find(node.id);
        if (it == next.end()) {
            next.insert(node.id, RingNode{node.id, node.address, role});
            return;
        }
        if (strength(role) < strength(it->role))
            it->role = role;
        if (it->address.isEmpty())
            it->address = node.address;
    };
    add(RingNode{snapshot.self, snapshot.selfAddress, Role::Self}, Role::Self);
    if (snapshot.predecessor)
        add(*snapshot.predecessor, Role::Predecessor);
    for (const RingNode& node : snapshot.successors)
        add(node, Role::Successor);
    for (const RingNode& node : snapshot.fingers)
        add(node, Role::Finger);
    for (const RingNode& node : snapshot.known)
        add(node, Role::Known);

    const qint64 now = m_clock.elapsed();
    const bool animate = m_hasSnapshot && m_fadeMs > 0;
    QList<Entry> entries;
    entries.reserve(next.size() + m_entries.size());
    for (Entry& entry : m_entries) {
        const auto it = next.constFind(entry.node.id);
        if (it == next.constEnd()) {
            // Gone: keep it while it fades out, starting from wherever its fade-in had reached.
            if (!animate)
                continue;
            if (entry.fade != Fade::Out) {
                const double opacity = opacityOf(entry, now);
                entry.fade = Fade::Out;
                entry.fadeStartMs = now - static_cast<qint64>((1.0 - opacity) * m_fadeMs);
            }
        } else {
            if (entry.fade == Fade::Out) {
                // Came back before it had faded away.
                const double opacity = opacityOf(entry, now);
                entry.fade = Fade::In;
                entry.fadeStartMs = now - static_cast<qint64>(opacity * m_fadeMs);
            }
            entry.node = *it;
            next.erase(it);
        }
        entries.append(std::move(entry));
    }
    for (const RingNode& node : std::as_const(next)) {
        Entry entry;
        entry.node = node;
        entry.turn = node.id.toUnitInterval();
        entry.fade = animate ? Fade::In : Fade::None;
        entry.fadeStartMs = now;
        entries.append(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.node.id < b.node.id; });
    m_entries = std::move(entries);
    m_index.clear();
    m_index.reserve(m_entries.size());
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        m_index.insert(m_entries[i].node.id, i);

    m_self = snapshot.self;
    m_predecessor = snapshot.predecessor ? std::optional(snapshot.predecessor->id) : std::nullopt;
    m_successors.clear();
    for (const RingNode& node : snapshot.successors)
        m_successors.append(node.id);
    m_complete = snapshot.complete;
    m_hasSnapshot = true;

    invalidateLayout(); // new entries need positions
    if (isAnimating() && !m_fadeTimer.isActive())
        m_fadeTimer.start();
    updateAccessibleText();
    update();
}

void RingView::showLookupPath(const QList<NodeId>& hops) {
    if (hops.isEmpty() != m_lookupPath.isEmpty())
        invalidateLayout(); // the legend gains or loses its lookup-path item
    m_lookupPath = hops;
    update();
}

void RingView::setFadeDuration(int milliseconds) {
    m_fadeMs = std::max(0, milliseconds);
    advanceFades();
}

QList<NodeId> RingView::shownNodes() const {
    QList<NodeId> ids;
    ids.reserve(m_entries.size());
    for (const Entry& entry : m_entries)
        if (entry.fade != Fade::Out)
            ids.append(entry.node.id);
    return ids;
}

QList<NodeId> RingView::leavingNodes() const {
    QList<NodeId> ids;
    for (const Entry& entry : m_entries)
        if (entry.fade == Fade::Out)
            ids.append(entry.node.id);
    return ids;
}

QString RingView::caption() const {
    if (!m_hasSnapshot)
        return tr("Not on a ring yet");
    const int count = static_cast<int>(std::count_if(m_entries.cbegin(), m_entries.cend(),
                                                     [](const Entry& e) { return e.fade != Fade::Out; }));
    return m_complete ? tr("%n nodes — the whole ring", nullptr, count)
                      : tr("%n nodes known — part of a larger ring", nullptr, count);
}

std::optional<RingNode> RingView::nodeAt(QPointF pos) const {
    ensureLayout();
    const bool crowded = m_entries.size() > kCrowdedRing;
    const Entry* best = nullptr;
    double bestDistance = 0.0;
    for (const Entry& entry : m_entries) {
        const QPointF d = entry.pos - pos;
        const double distance = std::hypot(d.x(), d.y());
        if (distance > radiusFor(entry.node.role, crowded) + kHitSlop)
            continue;
        // Among overlapping dots, the nearest wins; on a tie the stronger role (drawn on top).
        if (!best || distance < bestDistance ||
            (distance == bestDistance && strength(entry.node.role) < strength(best->node.role))) {
            best = &entry;
            bestDistance = distance;
        }
    }
    if (!best)
        return std::nullopt;
    return best->node;
}

QPointF RingView::ringCentre() const {
    ensureLayout();
    return m_layout.centre;
}

double RingView::ringRadius() const {
    ensureLayout();
    return m_layout.radius;
}

QPointF RingView::positionOf(const NodeId& id) const {
    ensureLayout();
    return pointOnRing(id.toUnitInterval(), m_layout.radius);
}

QSize RingView::sizeHint() const {
    return {520, 560};
}

QSize RingView::minimumSizeHint() const {
    return {240, 280};
}

bool RingView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        ensureLayout();
        const Entry* hit = nullptr;
        if (const auto node = nodeAt(help->pos()))
            hit = &m_entries[m_index.value(node->id)];
        if (hit) {
            QToolTip::showText(help->globalPos(), describe(*hit), this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void RingView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange)
        invalidateLayout();
    if (event->type() == QEvent::LanguageChange)
        updateAccessibleText();
    QWidget::changeEvent(event);
}

QString RingView::describe(const Entry& entry) const {
    QString role;
    switch (entry.node.role) {
    case Role::Self:
        role = tr("This node");
        break;
    case Role::Predecessor:
        role = tr("Predecessor");
        break;
    case Role::Successor:
        role = tr("Successor %1").arg(m_successors.indexOf(entry.node.id) + 1);
        break;
    case Role::Finger:
        role = tr("Finger (shortcut)");
        break;
    case Role::Known:
        role = tr("Known node");
        break;
    }
    if (entry.fade == Fade::Out)
        role = tr("%1, leaving").arg(role);
    const QString address = entry.node.address.isEmpty() ? tr("unknown") : entry.node.address;
    return tr("Node %1\nAddress: %2\nRole: %3").arg(entry.node.id.toHex(), address, role);
}

void RingView::updateAccessibleText() {
    setAccessibleDescription(
        tr("The identifier ring: each node is a dot placed by its ID. %1.").arg(caption()));
}

QPointF RingView::pointOnRing(double turn, double radius) const {
    const double angle = 2.0 * std::numbers::pi * turn;
    return m_layout.centre + QPointF(radius * std::sin(angle), -radius * std::cos(angle));
}

void RingView::invalidateLayout() {
    m_layout.valid = false;
}

QList<RingView::LegendItem> RingView::legendItems() const {
    const Colours colours(palette());
    QList<LegendItem> items{
        {LegendItem::Swatch::Dot, colours.self, tr("This node")},
        {LegendItem::Swatch::Arc, colours.neighbour, tr("Predecessor, successors")},
        {LegendItem::Swatch::Line, colours.finger, tr("Fingers")},
        {LegendItem::Swatch::Dot, colours.other, tr("Other nodes")},
        {LegendItem::Swatch::Cross, colours.leaving, tr("Leaving")},
    };
    if (!m_lookupPath.isEmpty())
        items.append({LegendItem::Swatch::Line, colours.path, tr("Lookup path")});
    return items;
}

void RingView::ensureLayout() const {
    if (m_layout.valid && m_layout.size == size())
        return;
    auto* self = const_cast<RingView*>(this); // the cache is logically const
    Layout& layout = self->m_layout;
    const QFontMetricsF fm(font());
    const double width = this->width();
    const double height = this->height();

    layout.size = size();
    layout.captionRect = QRectF(kPadding, kPadding, std::max(0.0, width - 2 * kPadding), fm.height());

    // The legend flows in rows along the bottom edge, so it never covers the ring.
    layout.legendRects.clear();
    const double swatch = fm.height();
    const double gap = fm.horizontalAdvance(QLatin1Char('M'));
    double x = kPadding;
    int row = 0;
    QList<QRectF> unplaced;
    for (const LegendItem& item : legendItems()) {
        const double itemWidth = swatch + gap / 2 + fm.horizontalAdvance(item.text);
        if (x > kPadding && x + itemWidth > width - kPadding) {
            x = kPadding;
            ++row;
        }
        unplaced.append(QRectF(x, row * (fm.height() + 2), itemWidth, fm.height()));
        x += itemWidth + gap;
    }
    const double legendHeight = (row + 1) * (fm.height() + 2);
    const double legendTop = height - kPadding - legendHeight;
    for (QRectF rect : unplaced)
        layout.legendRects.append(rect.translated(0, legendTop));

    const QRectF area(kPadding, layout.captionRect.bottom() + kPadding, width - 2 * kPadding,
                      legendTop - layout.captionRect.bottom() - 2 * kPadding);
    // Room outside the circle for the short-hex labels.
    QFont boldFont = font();
    boldFont.setBold(true);
    const double labelMargin =
        QFontMetricsF(boldFont).horizontalAdvance(QStringLiteral("00000000")) + kSelfRadius + 8;
    layout.centre = area.center();
    layout.radius = std::max(8.0, std::min(area.width(), area.height()) / 2 - labelMargin);
    layout.valid = true;

    for (Entry& entry : self->m_entries)
        entry.pos = pointOnRing(entry.turn, layout.radius);
}

double RingView::opacityOf(const Entry& entry, qint64 nowMs) const {
    if (entry.fade == Fade::None || m_fadeMs <= 0)
        return entry.fade == Fade::Out ? 0.0 : 1.0;
    const double progress = std::clamp(double(nowMs - entry.fadeStartMs) / m_fadeMs, 0.0, 1.0);
    return entry.fade == Fade::In ? progress : 1.0 - progress;
}

bool RingView::isAnimating() const {
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [](const Entry& entry) { return entry.fade != Fade::None; });
}

void RingView::advanceFades() {
    const qint64 now = m_clock.elapsed();
    bool removed = false;
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        Entry& entry = m_entries[i];
        if (entry.fade == Fade::None || now - entry.fadeStartMs < m_fadeMs)
            continue;
        if (entry.fade == Fade::In) {
            entry.fade = Fade::None;
        } else {
            m_entries.removeAt(i);
            removed = true;
        }
    }
    if (removed) {
        m_index.clear();
        for (qsizetype i = 0; i < m_entries.size(); ++i)
            m_index.insert(m_entries[i].node.id, i);
    }
    if (!isAnimating())
        m_fadeTimer.stop();
    update();
}

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
