// Chart: headless line charts (QPainter on a QImage, log axes, legend) for the lab's PNG files.
#pragma once

#include <QImage>
#include <QList>
#include <QPointF>
#include <QString>
#include <utility>

namespace ringshare::lab {

// A line chart drawn with QPainter on a QImage: axes with tick labels, axis titles, a legend, and
// logarithmic axes where the data spans decades. Headless: needs no window system.
struct Chart {
    struct Series {
        QString name;
        QList<QPointF> points;
        bool dashed = false; // bounds and models, as against measurements
        bool markers = true;
    };
    QString title;
    QString xTitle;
    QString yTitle;
    bool logX = false;
    bool logY = false;
    // When given, the x axis shows these names at these positions instead of numbers.
    QList<std::pair<double, QString>> xCategories;
    QList<Series> series;

    [[nodiscard]] QImage render(QSize size = {960, 640}) const;
    // Writes a PNG; false when it could not be written.
    [[nodiscard]] bool save(const QString& path, QSize size = {960, 640}) const;
};

} // namespace ringshare::lab
