#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QDir>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTest>

using ringshare::ui::MainWindow;

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsNameIconAndNodeId() {
        const QString nodeId = QStringLiteral("3345524abf6bbe1809449224b5972c41790b6cf2");
        MainWindow window(nodeId);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QCOMPARE(window.windowTitle(), QStringLiteral("Ringshare"));
        QVERIFY(!window.windowIcon().isNull());
        QVERIFY(window.windowIcon().availableSizes().contains(QSize(32, 32)));

        auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("nodeIdLabel"));
        QVERIFY(label);
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), QStringLiteral("Node 3345524a"));
        QVERIFY(label->toolTip().contains(nodeId));
        QCOMPARE(window.menuBar()->actions().size(), 2);

        // A real rendering of the window, kept in the build tree for people and later tests to look at.
        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() >= 640 && shot.height() >= 420);
        const QString outDir = qEnvironmentVariable("RINGSHARE_TEST_OUTPUT", QDir::tempPath());
        QVERIFY(QDir().mkpath(outDir));
        const QString path = QDir(outDir).filePath(QStringLiteral("mainwindow.png"));
        QVERIFY(shot.save(path));

        // The picture is not blank: the icon and the text put many colours on it.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 7)
            for (int x = 0; x < shot.width(); x += 7)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 5, qPrintable(QString::number(colours.size())));
    }

    // Must run last: it installs the German translation into the application.
    void germanTranslationIsUsed() {
        QVERIFY(!ringshare::ui::installTranslators(QLocale(QLocale::Japanese, QLocale::Japan)));
        QVERIFY(ringshare::ui::installTranslators(QLocale(QLocale::German, QLocale::Germany)));
        MainWindow window(QStringLiteral("3345524abf6bbe1809449224b5972c41790b6cf2"));
        auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("nodeIdLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Knoten 3345524a"));
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
