// Formatting sizes, rates and durations for the views.
#include "ui/format.h"

#include <QCoreApplication>
#include <QLocale>

namespace ringshare::ui {

namespace {

// The context the format strings are translated in.
struct Format {
    Q_DECLARE_TR_FUNCTIONS(ringshare::ui::Format)
};

} // namespace

QString formatSize(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString formatRate(qint64 bytesPerSecond) {
    return Format::tr("%1/s").arg(formatSize(bytesPerSecond));
}

QString formatDuration(qint64 seconds) {
    if (seconds < 0)
        return QStringLiteral("—");
    if (seconds < 60)
        return Format::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return Format::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return Format::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    return Format::tr("%1 d %2 h").arg(seconds / 86400).arg(seconds % 86400 / 3600);
}

} // namespace ringshare::ui
