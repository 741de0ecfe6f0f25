// Tests for RingView on the offscreen platform: placement on the circle, roles, fading, hit testing,
// tooltips, the caption, and painting rings of up to a thousand nodes.
#include "ui/ringview.h"
#include "ui/translations.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QTest>
#include <QToolTip>
#include <cmath>
#include <numbers>

using ringshare::NodeId;
using ringshare::ui::RingNode;
using ringshare::ui::RingSnapshot;
using ringshare::ui::RingView;
using Role = RingNode::Role;

namespace {

// An ID at a chosen fraction of the ring, so the tests know where it is drawn.
NodeId idAt(double turn) {
    NodeId::Bytes bytes{};
    auto value = static_cast<std::uint64_t>(std::ldexp(turn, 64));
    for (int i = 7; i >= 0; --i) {
        bytes[static_cast<size_t>(i)] = static_cast<std::uint8_t>(value & 0xff);
        value >>= 8;
    }
    return NodeId(bytes);
}

RingNode node(double turn, Role role = Role::Known) {
    return RingNode{idAt(turn), QStringLiteral("10.0.0.%1:4000").arg(qRound(turn * 100)), role};
}

// The documented placement: angle 0 at the top, clockwise.
QPointF expectedPosition(const RingView& view, const NodeId& id) {
    const double angle = 2.0 * std::numbers::pi * id.toUnitInterval();
    return view.ringCentre() + view.ringRadius() * QPointF(std::sin(angle), -std::cos(angle));
}

QSet<NodeId> asSet(const QList<NodeId>& ids) {
    return QSet<NodeId>(ids.cbegin(), ids.cend());
}

// A small ring: this node, its neighbours, some fingers and others; several nodes hold two roles.
RingSnapshot smallRing() {
    RingSnapshot snapshot;
    snapshot.self = idAt(0.0);
    snapshot.selfAddress = QStringLiteral("10.0.0.1:4000");
    snapshot.predecessor = node(0.9, Role::Predecessor);
    snapshot.successors = {node(0.1, Role::Successor), node(0.2, Role::Successor)};
    snapshot.fingers = {node(0.2, Role::Finger), node(0.5, Role::Finger), node(0.0, Role::Finger)};
    snapshot.known = {node(0.5), node(0.7), node(0.9)};
    return snapshot;
}

std::optional<Role> roleAt(const RingView& view, const NodeId& id) {
    const auto found = view.nodeAt(expectedPosition(view, id));
    if (!found || found->id != id)
        return std::nullopt;
    return found->role;
}

QString outputPath(const QString& fileName) {
    const QString outDir = qEnvironmentVariable("RINGSHARE_TEST_OUTPUT", QDir::tempPath());
    if (!QDir().mkpath(outDir))
        return {};
    return QDir(outDir).filePath(fileName);
}

// How many sampled pixels differ from the background in the top-left corner.
int paintedPixels(const QImage& image) {
    const QRgb background = image.pixel(1, 1);
    int count = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            count += image.pixel(x, y) != background ? 1 : 0;
    return count;
}

} // namespace

class TestRingView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shownNodesMatchSnapshotWithStrongestRole() {
        RingView view;
        view.resize(600, 600);
        view.setSnapshot(smallRing());

        const QList<NodeId> shown = view.shownNodes();
        QCOMPARE(shown.size(), 6); // no duplicates for nodes with several roles
        QCOMPARE(asSet(shown),
                 (QSet<NodeId>{idAt(0.0), idAt(0.1), idAt(0.2), idAt(0.5), idAt(0.7), idAt(0.9)}));
        QVERIFY(view.leavingNodes().isEmpty());

        QCOMPARE(roleAt(view, idAt(0.0)), Role::Self);        // also listed as a finger
        QCOMPARE(roleAt(view, idAt(0.9)), Role::Predecessor); // also known
        QCOMPARE(roleAt(view, idAt(0.1)), Role::Successor);
        QCOMPARE(roleAt(view, idAt(0.2)), Role::Successor); // also a finger
        QCOMPARE(roleAt(view, idAt(0.5)), Role::Finger);    // also known
        QCOMPARE(roleAt(view, idAt(0.7)), Role::Known);
        QCOMPARE(view.nodeAt(expectedPosition(view, idAt(0.7)))->address, QStringLiteral("10.0.0.70:4000"));
    }

    void joiningAndLeavingNodesFade() {
        RingView view;
        view.resize(600, 600);
        view.setFadeDuration(80);
        RingSnapshot first = smallRing();
        view.setSnapshot(first);
        const NodeId leaver = idAt(0.7);
        const NodeId joiner = idAt(0.6);

        RingSnapshot second = first;
        second.known = {node(0.5), node(0.6), node(0.9)};
        view.setSnapshot(second);

        QCOMPARE(view.leavingNodes(), QList<NodeId>{leaver});
        QVERIFY(!view.shownNodes().contains(leaver));
        QVERIFY(view.shownNodes().contains(joiner));
        // Still drawn (and still answers hit tests) while it fades.
        const auto stillThere = view.nodeAt(expectedPosition(view, leaver));
        QVERIFY(stillThere);
        QCOMPARE(stillThere->id, leaver);
        QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        view.render(&image);
        QVERIFY(image.pixel(expectedPosition(view, leaver).toPoint()) != qRgb(255, 255, 255));

        QTRY_VERIFY_WITH_TIMEOUT(view.leavingNodes().isEmpty(), 3000);
        QVERIFY(!view.nodeAt(expectedPosition(view, leaver)));
        QCOMPARE(asSet(view.shownNodes()),
                 (QSet<NodeId>{idAt(0.0), idAt(0.1), idAt(0.2), idAt(0.5), idAt(0.6), idAt(0.9)}));

        // A node that comes back while fading out is shown again at once.
        view.setFadeDuration(10'000);
        view.setSnapshot(first);
        QVERIFY(view.leavingNodes().contains(joiner));
        view.setSnapshot(second);
        QVERIFY(view.leavingNodes().contains(leaver));
        QVERIFY(view.shownNodes().contains(joiner));
    }

    void hitTestingFollowsTheDrawnPositions() {
        RingView view;
        view.resize(600, 600);
        view.setSnapshot(smallRing());
        QVERIFY(view.ringRadius() > 150);

        // A quarter turn is at 3 o'clock.
        const QPointF quarter = expectedPosition(view, idAt(0.25));
        QVERIFY(std::abs(quarter.x() - (view.ringCentre().x() + view.ringRadius())) < 1e-6);
        QVERIFY(std::abs(quarter.y() - view.ringCentre().y()) < 1e-6);

        for (double turn : {0.0, 0.1, 0.5, 0.9}) {
            const QPointF at = expectedPosition(view, idAt(turn));
            QCOMPARE(view.positionOf(idAt(turn)), at);
            const auto hit = view.nodeAt(at + QPointF(1.5, -1.5));
            QVERIFY2(hit, qPrintable(QString::number(turn)));
            QCOMPARE(hit->id, idAt(turn));
        }
        QVERIFY(!view.nodeAt(view.ringCentre()));
        QVERIFY(!view.nodeAt(quarter)); // on the circle, but nowhere near a node
        QVERIFY(!view.nodeAt(QPointF(2, 2)));
    }

    void tooltipShowsFullIdAddressAndRole() {
        RingView view;
        view.resize(600, 600);
        view.setSnapshot(smallRing());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPoint at = expectedPosition(view, idAt(0.9)).toPoint();
        QHelpEvent help(QEvent::ToolTip, at, view.mapToGlobal(at));
        QApplication::sendEvent(&view, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(idAt(0.9).toHex()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("10.0.0.90:4000")));
        QVERIFY(QToolTip::text().contains(QStringLiteral("Predecessor")));
        QToolTip::hideText();
    }

    void captionSaysWhetherTheRingIsComplete() {
        RingView view;
        RingSnapshot snapshot = smallRing();
        snapshot.complete = true;
        view.setSnapshot(snapshot);
        QCOMPARE(view.caption(), QStringLiteral("6 nodes — the whole ring"));
        snapshot.complete = false;
        view.setSnapshot(snapshot);
        QCOMPARE(view.caption(), QStringLiteral("6 nodes known — part of a larger ring"));
        QVERIFY(!view.accessibleName().isEmpty());
        QVERIFY(view.accessibleDescription().contains(view.caption()));
    }

    void rendersSmallRingWithFingersAndLookupPath_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void rendersSmallRingWithFingersAndLookupPath() {
        QFETCH(bool, dark);
        RingView view;
        if (dark) {
            QPalette palette = view.palette();
            palette.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
            palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
            palette.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
            view.setPalette(palette);
        }
        view.setAutoFillBackground(true);
        view.resize(600, 600);
        view.setFadeDuration(60'000); // keep the leaving node visible in the picture
        RingSnapshot snapshot;
        snapshot.self = idAt(0.03);
        snapshot.predecessor = node(0.95, Role::Predecessor);
        snapshot.successors = {node(0.09, Role::Successor), node(0.16, Role::Successor),
                               node(0.22, Role::Successor)};
        snapshot.fingers = {node(0.09), node(0.16), node(0.31), node(0.55), node(0.62)};
        snapshot.known = {node(0.41), node(0.48), node(0.74), node(0.82), node(0.88), node(0.67)};
        view.setSnapshot(snapshot);
        snapshot.known.removeLast(); // 0.67 leaves
        view.setSnapshot(snapshot);
        view.showLookupPath({idAt(0.55), idAt(0.74), idAt(0.82)});

        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        const QString path =
            outputPath(dark ? QStringLiteral("ringview-dark.png") : QStringLiteral("ringview.png"));
        QVERIFY(!path.isEmpty());
        QVERIFY(shot.save(path));
        const int painted = paintedPixels(shot);
        QVERIFY2(painted > 500, qPrintable(QString::number(painted)));
    }

    void paintsAThousandNodes() {
        RingView view;
        view.resize(600, 600);
        RingSnapshot snapshot;
        snapshot.self = NodeId::hashOf("node 0");
        snapshot.predecessor =
            RingNode{NodeId::hashOf("node 1"), QStringLiteral("10.1.0.1:4000"), Role::Predecessor};
        for (int i = 2; i < 1000; ++i) {
            const RingNode other{NodeId::hashOf(QByteArray("node ") + QByteArray::number(i)),
                                 QStringLiteral("10.1.%1.%2:4000").arg(i / 256).arg(i % 256), Role::Known};
            if (i < 10)
                snapshot.successors.append(other);
            else if (i < 40)
                snapshot.fingers.append(other);
            else
                snapshot.known.append(other);
        }
        view.setSnapshot(snapshot);
        QCOMPARE(view.shownNodes().size(), 1000);
        view.showLookupPath({snapshot.fingers[3].id, snapshot.fingers[7].id, snapshot.known[100].id});

        QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
        constexpr int kRuns = 50;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < kRuns; ++i) {
            image.fill(Qt::white);
            view.render(&image);
        }
        const double meanMs = double(timer.nsecsElapsed()) / 1e6 / kRuns;
        qInfo("RingView: %.2f ms per paint of 1,000 nodes at 600x600 (mean of %d)", meanMs, kRuns);
        QVERIFY(paintedPixels(image) > 500);
        const QString path = outputPath(QStringLiteral("ringview-1000.png"));
        QVERIFY(!path.isEmpty());
        QVERIFY(image.save(path));
    }

    // Must run last: it installs the German translation into the application.
    void captionIsTranslated() {
        QVERIFY(ringshare::ui::installTranslators(QLocale(QLocale::German, QLocale::Germany)));
        RingView view;
        RingSnapshot snapshot = smallRing();
        snapshot.complete = true;
        view.setSnapshot(snapshot);
        QCOMPARE(view.caption(), QStringLiteral("6 Knoten – der ganze Ring"));
        QCOMPARE(view.accessibleName(), QStringLiteral("Ringdiagramm"));
    }
};

QTEST_MAIN(TestRingView)
#include "tst_ringview.moc"
