// ringshare-write-icons DIR SIZE...: saves the app icon as DIR/<n>x<n>/apps/ringshare.png for each size, the
// layout of a hicolor icon theme. Runs at build time on the offscreen platform.
#include "ui/appicon.h"

#include <QDir>
#include <QGuiApplication>
#include <QPixmap>
#include <cstdio>

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: ringshare-write-icons DIR SIZE...\n");
        return 2;
    }
    const QIcon icon = ringshare::ui::appIcon();
    for (const QString& text : args.mid(2)) {
        bool ok = false;
        const int size = text.toInt(&ok);
        if (!ok || size < 1 || size > 1024) {
            std::fprintf(stderr, "ringshare-write-icons: bad size '%s'\n", qPrintable(text));
            return 2;
        }
        QPixmap pixmap = icon.pixmap(size);
        // The app paints its mark at the theme's sizes up to 512 pixels; any other size is scaled from the
        // nearest, which a vector-like mark survives well.
        if (pixmap.width() != size)
            pixmap = pixmap.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args[1]).arg(size);
        if (!QDir().mkpath(dir) || !pixmap.save(dir + QStringLiteral("/ringshare.png"), "PNG")) {
            std::fprintf(stderr, "ringshare-write-icons: cannot write %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
