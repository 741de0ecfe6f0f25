// Keeping the rate samples and painting the graph.
#include "ui/rategraph.h"

#include "ui/format.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace ringshare::ui {

namespace {

// Colours that read on light and dark palettes alike and stay apart for colour-blind eyes.
const QColor kDownColour(0x1f, 0x77, 0xb4);
const QColor kUpColour(0xe6, 0x7e, 0x22);

} // namespace

RateGraph::RateGraph(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Transfer rate graph"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumHeight(90);
}

void RateGraph::addSample(qint64 downloadRate, qint64 uploadRate) {
    m_down.push_back(downloadRate);
    m_up.push_back(uploadRate);
    while (int(m_down.size()) > kSamples) {
        m_down.pop_front();
        m_up.pop_front();
    }
    setAccessibleDescription(
        tr("Download %1, upload %2").arg(formatRate(downloadRate), formatRate(uploadRate)));
    update();
}

void RateGraph::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.fillRect(frame, pal.base());
    painter.setPen(QPen(pal.mid().color(), 1));
    painter.drawRect(frame);

    const QFontMetrics metrics(font());
    const qint64 peak =
        std::max<qint64>({1024, m_down.empty() ? 0 : *std::max_element(m_down.begin(), m_down.end()),
                          m_up.empty() ? 0 : *std::max_element(m_up.begin(), m_up.end())});
    const QRectF plot = frame.adjusted(6, metrics.height() + 6, -6, -6);

    // Grid: half and full scale.
    painter.setPen(QPen(pal.mid().color(), 1, Qt::DotLine));
    painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.right(), plot.top()));
    painter.drawLine(QPointF(plot.left(), plot.center().y()), QPointF(plot.right(), plot.center().y()));

    const auto drawSeries = [&](const std::deque<qint64>& series, const QColor& colour) {
        if (series.size() < 2)
            return;
        const double step = plot.width() / (kSamples - 1);
        const double x0 = plot.right() - step * double(series.size() - 1);
        QPainterPath line;
        for (size_t i = 0; i < series.size(); ++i) {
            const QPointF point(x0 + step * double(i),
                                plot.bottom() - plot.height() * double(series[i]) / double(peak));
            if (i == 0)
                line.moveTo(point);
            else
                line.lineTo(point);
        }
        QPainterPath area = line;
        area.lineTo(plot.right(), plot.bottom());
        area.lineTo(x0, plot.bottom());
        area.closeSubpath();
        QColor fill = colour;
        fill.setAlpha(50);
        painter.fillPath(area, fill);
        painter.setPen(QPen(colour, 1.6));
        painter.drawPath(line);
    };
    drawSeries(m_up, kUpColour);
    drawSeries(m_down, kDownColour);

    // Legend and scale along the top edge.
    painter.setPen(pal.text().color());
    const double top = frame.top() + 3;
    double x = frame.left() + 6;
    const auto legend = [&](const QColor& colour, const QString& text) {
        painter.fillRect(QRectF(x, top + metrics.height() / 2.0 - 4, 10, 8), colour);
        x += 14;
        painter.drawText(QPointF(x, top + metrics.ascent()), text);
        x += metrics.horizontalAdvance(text) + 14;
    };
    legend(kDownColour, tr("Down %1").arg(formatRate(m_down.empty() ? 0 : m_down.back())));
    legend(kUpColour, tr("Up %1").arg(formatRate(m_up.empty() ? 0 : m_up.back())));
    const QString scale = tr("peak %1").arg(formatRate(peak));
    painter.setPen(pal.placeholderText().color());
    painter.drawText(QPointF(frame.right() - 6 - metrics.horizontalAdvance(scale), top + metrics.ascent()),
                     scale);
}

} // namespace ringshare::ui
