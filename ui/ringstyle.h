// The ring diagram's look, shared by its layout and its painting: sizes, the colours taken from the
// palette, how strongly each role is drawn, and the legend's items.
#pragma once

#include "ui/ringview.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace ringshare::ui::ringstyle {

constexpr double kPadding = 8.0;
constexpr double kDotRadius = 3.5;
constexpr double kSelfRadius = 7.0;
constexpr double kMarkedRadius = 5.0; // predecessor and successors
constexpr double kHitSlop = 4.0;
// Above this many nodes only this node is labelled; the others would overlap.
constexpr int kMaxLabelledNodes = 16;

using Role = RingNode::Role;

inline int strength(Role role) {
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

inline double radiusFor(Role role, bool crowded = false) {
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

} // namespace ringshare::ui::ringstyle

namespace ringshare::ui {

struct RingView::LegendItem {
    enum class Swatch { Dot, Line, Cross, Arc };
    Swatch swatch;
    QColor colour;
    QString text;
};

} // namespace ringshare::ui
