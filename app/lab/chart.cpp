// Chart: axes, ticks, legend and lines painted onto a QImage and saved as PNG.
#include "lab/chart.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ringshare::lab {

namespace {

const QList<QColor> kColours = {QColor(0x1f77b4), QColor(0xd62728), QColor(0x2ca02c),
                                QColor(0xff7f0e), QColor(0x9467bd), QColor(0x8c564b),
                                QColor(0xe377c2), QColor(0x17becf), QColor(0x7f7f7f)};

// One axis: its data range and how values map onto it.
struct Axis {
    double low = 0;
    double high = 1;
    bool log = false;

    [[nodiscard]] double fraction(double value) const {
        if (log)
            return (std::log10(value) - std::log10(low)) / (std::log10(high) - std::log10(low));
        return (value - low) / (high - low);
    }
    [[nodiscard]] QList<double> ticks() const {
        QList<double> out;
        if (log) {
            const double decades = std::log10(high) - std::log10(low);
            const QList<double> steps = decades > 3 ? QList<double>{1} : QList<double>{1, 2, 5};
            for (int e = int(std::floor(std::log10(low))); e <= int(std::ceil(std::log10(high))); ++e)
                for (double m : steps) {
                    const double v = m * std::pow(10.0, e);
                    if (v >= low * 0.999 && v <= high * 1.001)
                        out.append(v);
                }
            return out;
        }
        const double raw = (high - low) / 6;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        double step = magnitude;
        for (double m : {1.0, 2.0, 5.0, 10.0})
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        for (double v = std::ceil(low / step) * step; v <= high + step * 1e-9; v += step)
            out.append(std::abs(v) < step * 1e-9 ? 0 : v);
        return out;
    }
};

QString tickLabel(double value) {
    if (value != 0 && (std::abs(value) >= 1e6 || std::abs(value) < 1e-3))
        return QString::number(value, 'g', 2);
    return QString::number(value, 'g', 6);
}

// The data range of the points on one axis with a margin (log), or from zero (linear).
Axis fitAxis(const QList<double>& values, bool log) {
    Axis axis;
    axis.log = log;
    double low = std::numeric_limits<double>::max();
    double high = std::numeric_limits<double>::lowest();
    for (double v : values) {
        if (log && v <= 0)
            continue;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    if (low > high) {
        low = log ? 1 : 0;
        high = log ? 10 : 1;
    }
    if (log) {
        axis.low = low / 1.25;
        axis.high = high * 1.25;
        if (axis.high < axis.low * 10) {
            // At least a decade, so there is a tick to read.
            const double middle = std::sqrt(axis.low * axis.high);
            axis.low = middle / std::sqrt(10.0);
            axis.high = middle * std::sqrt(10.0);
        }
    } else {
        axis.low = std::min(0.0, low);
        axis.high = high > axis.low ? high * 1.05 : axis.low + 1;
    }
    return axis;
}

} // namespace

QImage Chart::render(QSize size) const {
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPixelSize(14);
    painter.setFont(font);
    const QFontMetrics metrics(font);

    QList<double> xs, ys;
    for (const Series& s : series)
        for (const QPointF& p : s.points) {
            xs.append(p.x());
            ys.append(p.y());
        }
    Axis x = fitAxis(xs, logX);
    if (!xCategories.isEmpty() && !logX) {
        // Room for the first and last category.
        x.low = xCategories.first().first - 0.5;
        x.high = xCategories.last().first + 0.5;
    }
    const Axis y = fitAxis(ys, logY);

    const QRect plot(90, 50, size.width() - 90 - 30, size.height() - 50 - 80);
    const auto toPixel = [&](QPointF p) {
        return QPointF(plot.left() + x.fraction(p.x()) * plot.width(),
                       plot.bottom() - y.fraction(p.y()) * plot.height());
    };
    const auto visible = [&](QPointF p) { return (!logX || p.x() > 0) && (!logY || p.y() > 0); };

    // Title, grid, ticks and axis titles.
    QFont titleFont = font;
    titleFont.setPixelSize(18);
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(Qt::black);
    painter.drawText(QRect(0, 10, size.width(), 30), Qt::AlignCenter, title);
    painter.setFont(font);
    QList<std::pair<double, QString>> xTicks = xCategories;
    if (xTicks.isEmpty())
        for (double t : x.ticks())
            xTicks.append({t, tickLabel(t)});
    for (const auto& [t, label] : std::as_const(xTicks)) {
        const double px = plot.left() + x.fraction(t) * plot.width();
        painter.setPen(QColor(0xe0e0e0));
        painter.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        painter.setPen(Qt::black);
        painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 5));
        painter.drawText(QPointF(px - metrics.horizontalAdvance(label) / 2.0, plot.bottom() + 22), label);
    }
    for (double t : y.ticks()) {
        const double py = plot.bottom() - y.fraction(t) * plot.height();
        painter.setPen(QColor(0xe0e0e0));
        painter.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
        painter.setPen(Qt::black);
        painter.drawLine(QPointF(plot.left() - 5, py), QPointF(plot.left(), py));
        const QString label = tickLabel(t);
        painter.drawText(QPointF(plot.left() - 8 - metrics.horizontalAdvance(label), py + 5), label);
    }
    painter.setPen(QPen(Qt::black, 1.5));
    painter.drawRect(plot);
    painter.drawText(QRect(plot.left(), plot.bottom() + 32, plot.width(), 24), Qt::AlignCenter,
                     xTitle + (logX ? QStringLiteral(" (log scale)") : QString()));
    painter.save();
    painter.translate(22, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRect(-plot.height() / 2, -12, plot.height(), 24), Qt::AlignCenter,
                     yTitle + (logY ? QStringLiteral(" (log scale)") : QString()));
    painter.restore();

    // The series, clipped to the plot.
    painter.setClipRect(plot.adjusted(-6, -6, 6, 6));
    for (qsizetype i = 0; i < series.size(); ++i) {
        const Series& s = series[i];
        const QColor colour = kColours[i % kColours.size()];
        QPen pen(colour, 2.5, s.dashed ? Qt::DashLine : Qt::SolidLine);
        painter.setPen(pen);
        QPainterPath path;
        bool started = false;
        for (const QPointF& p : s.points) {
            if (!visible(p))
                continue;
            if (!started)
                path.moveTo(toPixel(p));
            else
                path.lineTo(toPixel(p));
            started = true;
        }
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        if (s.markers) {
            painter.setBrush(colour);
            for (const QPointF& p : s.points)
                if (visible(p))
                    painter.drawEllipse(toPixel(p), 4, 4);
        }
    }
    painter.setClipping(false);

    // The legend, top left inside the plot.
    int widest = 0;
    for (const Series& s : series)
        widest = std::max(widest, metrics.horizontalAdvance(s.name));
    const QRect legend(plot.left() + 12, plot.top() + 12, widest + 60, int(series.size()) * 22 + 10);
    painter.setPen(QColor(0xa0a0a0));
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.drawRect(legend);
    for (qsizetype i = 0; i < series.size(); ++i) {
        const QColor colour = kColours[i % kColours.size()];
        const int rowY = legend.top() + 16 + int(i) * 22;
        painter.setPen(QPen(colour, 2.5, series[i].dashed ? Qt::DashLine : Qt::SolidLine));
        painter.drawLine(legend.left() + 8, rowY, legend.left() + 40, rowY);
        painter.setPen(Qt::black);
        painter.drawText(QPointF(legend.left() + 48, rowY + 5), series[i].name);
    }
    return image;
}

bool Chart::save(const QString& path, QSize size) const {
    return render(size).save(path, "PNG");
}

} // namespace ringshare::lab
