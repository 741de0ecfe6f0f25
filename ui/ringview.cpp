// The ring diagram widget: merging snapshots, fades, geometry and layout, hit tests, tooltips and
// accessibility. Its painting is in ringviewpainting.cpp.
#include "ui/ringview.h"

#include "ui/ringstyle.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace ringshare::ui {

using namespace ringstyle;

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

} // namespace ringshare::ui
