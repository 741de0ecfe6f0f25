// Painting the Ringshare mark: a ring of peers with shortcut chords.
#include "ui/appicon.h"

#include <QPainter>
#include <QPixmap>
#include <array>
#include <cmath>
#include <numbers>

namespace ringshare::ui {

namespace {

QPixmap paintMark(int size) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 256.0, size / 256.0);

    const QColor navy(0x1d, 0x35, 0x57);
    painter.setPen(Qt::NoPen);
    painter.setBrush(navy);
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 56, 56);

    const QPointF centre(128, 128);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0xa8, 0xda, 0xdc), 10));
    painter.drawEllipse(centre, 78, 78);

    std::array<QPointF, 8> peers;
    for (int i = 0; i < 8; ++i) {
        const double angle = -std::numbers::pi / 2 + i * std::numbers::pi / 4;
        peers[i] = centre + QPointF(std::cos(angle), std::sin(angle)) * 78;
    }
    painter.setPen(QPen(QColor(0xf1, 0xc4, 0x53), 6, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(peers[0], peers[2]);
    painter.drawLine(peers[0], peers[5]);
    painter.drawLine(peers[2], peers[5]);

    painter.setPen(QPen(navy, 5));
    painter.setBrush(QColor(0xf1, 0xfa, 0xee));
    for (int i = 0; i < 8; ++i) {
        const double radius = (i == 0 || i == 2 || i == 5) ? 17 : 13;
        painter.drawEllipse(peers[i], radius, radius);
    }
    return pixmap;
}

} // namespace

QIcon appIcon() {
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256, 512})
        icon.addPixmap(paintMark(size));
    return icon;
}

} // namespace ringshare::ui
