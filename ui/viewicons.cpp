// Painting the four view icons, or taking the desktop theme's own.
#include "ui/viewicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <cmath>
#include <numbers>

namespace ringshare::ui {

namespace {

// Draws on a 24×24 grid; the painter is scaled to the pixmap.
void paint(QPainter& painter, ViewIcon which, const QColor& colour) {
    QPen pen(colour, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    switch (which) {
    case ViewIcon::Shared: {
        // A folder with an arrow leaving it.
        QPainterPath folder;
        folder.moveTo(3, 7);
        folder.lineTo(9, 7);
        folder.lineTo(11, 9);
        folder.lineTo(21, 9);
        folder.lineTo(21, 19);
        folder.lineTo(3, 19);
        folder.closeSubpath();
        painter.drawPath(folder);
        painter.drawLine(QPointF(12, 17), QPointF(12, 12));
        painter.drawLine(QPointF(9.5, 14), QPointF(12, 11.5));
        painter.drawLine(QPointF(14.5, 14), QPointF(12, 11.5));
        break;
    }
    case ViewIcon::Search:
        painter.drawEllipse(QPointF(10, 10), 6, 6);
        pen.setWidthF(2.6);
        painter.setPen(pen);
        painter.drawLine(QPointF(14.5, 14.5), QPointF(20.5, 20.5));
        break;
    case ViewIcon::Transfers:
        // Down and up arrows side by side.
        painter.drawLine(QPointF(8, 4), QPointF(8, 19));
        painter.drawLine(QPointF(4, 15), QPointF(8, 19));
        painter.drawLine(QPointF(12, 15), QPointF(8, 19));
        painter.drawLine(QPointF(16, 20), QPointF(16, 5));
        painter.drawLine(QPointF(12, 9), QPointF(16, 5));
        painter.drawLine(QPointF(20, 9), QPointF(16, 5));
        break;
    case ViewIcon::Ring: {
        // A ring of peers with one shortcut across it.
        const QPointF centre(12, 12);
        pen.setWidthF(1.4);
        painter.setPen(pen);
        painter.drawEllipse(centre, 8.5, 8.5);
        painter.setBrush(colour);
        QPointF points[6];
        for (int i = 0; i < 6; ++i) {
            const double angle = 2 * std::numbers::pi * i / 6.0 - std::numbers::pi / 2;
            points[i] = centre + QPointF(8.5 * std::cos(angle), 8.5 * std::sin(angle));
            painter.drawEllipse(points[i], 1.7, 1.7);
        }
        painter.setBrush(Qt::NoBrush);
        pen.setWidthF(1.2);
        painter.setPen(pen);
        painter.drawLine(points[0], points[3]);
        break;
    }
    }
}

} // namespace

QIcon viewIcon(ViewIcon which, const QPalette& palette) {
    static const char* const themed[] = {"folder-publicshare", "edit-find", "network-transmit-receive",
                                         "network-workgroup"};
    QIcon icon = QIcon::fromTheme(QString::fromLatin1(themed[int(which)]));
    if (!icon.isNull())
        return icon;
    // The selected row is drawn in the highlight colour, so the icon follows the text's colour there.
    const std::pair<QIcon::Mode, QColor> modes[] = {
        {QIcon::Normal, palette.color(QPalette::Text)},
        {QIcon::Selected, palette.color(QPalette::HighlightedText)},
    };
    for (const auto& [mode, colour] : modes) {
        for (const int size : {16, 24, 32, 48, 64}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(size / 24.0, size / 24.0);
            paint(painter, which, colour);
            painter.end();
            icon.addPixmap(pixmap, mode);
        }
    }
    return icon;
}

} // namespace ringshare::ui
