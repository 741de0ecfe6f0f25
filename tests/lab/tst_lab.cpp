// The lab at small sizes: every experiment runs, its results show what the seed predicts, and its charts
// are real images. Deterministic: seeded, on virtual clocks (only the two real transfers take real time,
// and nothing here asserts on their duration beyond the bound they cannot beat).

#include "crypto/cryptoinit.h"
#include "lab/lab.h"

#include <QDir>
#include <QHashFunctions>
#include <QImage>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <optional>

using namespace ringshare;
using namespace ringshare::lab;

class TestLab : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ringOnlyHopsGrowLinearlyChordsLogarithmically();
    void floodingWithSmallTtlMissesContent();
    void centralDirectoryLoadGrowsWithN();
    void failuresHitTheCentralDirectoryHardest();
    void peerToPeerStaysBoundedClientServerGrowsLinearly();
    void replicationAndRetriesHelpUnderChurn();
    void chartsAreWrittenAndNotBlank();

private:
    [[nodiscard]] const DiscoveryRow& row(const QString& protocol, int peers) const;

    QTemporaryDir m_temp;
    QString m_out;
    LabResults m_results;
    LabOptions m_options;
};

void TestLab::initTestCase() {
    crypto::requireInitialized();
    QHashSeed::setDeterministicGlobalSeed(); // see app/lab/main.cpp
    QLoggingCategory::setFilterRules(QStringLiteral("ringshare.*.info=false\nringshare.*.debug=false"));
    const QString artifacts = qEnvironmentVariable("RINGSHARE_TEST_OUTPUT");
    m_out = artifacts.isEmpty() ? m_temp.filePath(QStringLiteral("lab")) : QDir(artifacts).filePath("lab");
    m_options.outDir = m_out;
    m_options.quick = true;
    m_options.seed = 7;
    m_options.tempDir = m_temp.path();
    QString table;
    QTextStream stream(&table);
    m_results = runLab(m_options, stream);
    qInfo().noquote() << table;
    QVERIFY2(m_results.error.isEmpty(), qPrintable(m_results.error));
}

const DiscoveryRow& TestLab::row(const QString& protocol, int peers) const {
    for (const DiscoveryRow& r : m_results.discovery)
        if (r.protocol == protocol && r.peers == peers)
            return r;
    qFatal("no row for %s at %d", qPrintable(protocol), peers);
}

void TestLab::ringOnlyHopsGrowLinearlyChordsLogarithmically() {
    const QList<int> sizes = discoverySettings(m_options).sizes;
    const int small = sizes.first();
    const int large = sizes.last();
    const double growth = double(large) / small; // 4
    const DiscoveryRow& ringSmall = row(QStringLiteral("ring only"), small);
    const DiscoveryRow& ringLarge = row(QStringLiteral("ring only"), large);
    const DiscoveryRow& chordSmall = row(QStringLiteral("Chord"), small);
    const DiscoveryRow& chordLarge = row(QStringLiteral("Chord"), large);
    for (const DiscoveryRow* r : {&ringSmall, &ringLarge, &chordSmall, &chordLarge})
        QCOMPARE(r->successRate, 1.0);
    // Walking successors: about N/2 hops, so four times the peers take about four times the hops.
    QVERIFY2(ringLarge.meanHops > 0.3 * large && ringLarge.meanHops < 0.7 * large,
             qPrintable(QString::number(ringLarge.meanHops)));
    const double ringRatio = ringLarge.meanHops / ringSmall.meanHops;
    QVERIFY2(ringRatio > 0.7 * growth && ringRatio < 1.3 * growth, qPrintable(QString::number(ringRatio)));
    // Chord: hops grow by about log2 of the growth (2 here, halved by fingers), never in proportion.
    const double chordStep = chordLarge.meanHops - chordSmall.meanHops;
    QVERIFY2(chordStep > 0 && chordStep < std::log2(growth) + 0.5, qPrintable(QString::number(chordStep)));
    QVERIFY(chordLarge.meanHops <= std::log2(double(large)));
    QVERIFY(chordLarge.meanHops < ringLarge.meanHops / 10);
}

void TestLab::floodingWithSmallTtlMissesContent() {
    const QList<int> sizes = discoverySettings(m_options).sizes;
    const DiscoveryRow& smallNet = row(QStringLiteral("flooding TTL 2"), sizes.first());
    const DiscoveryRow& largeNet = row(QStringLiteral("flooding TTL 2"), sizes.last());
    QVERIFY2(largeNet.successRate < 0.5, qPrintable(QString::number(largeNet.successRate)));
    QVERIFY(largeNet.successRate < smallNet.successRate);
    // A longer reach finds more, at a price in messages.
    const DiscoveryRow& wider = row(QStringLiteral("flooding TTL 4"), sizes.last());
    QVERIFY(wider.successRate > largeNet.successRate);
    QVERIFY(wider.messagesPerQuery > 2 * largeNet.messagesPerQuery);
}

void TestLab::centralDirectoryLoadGrowsWithN() {
    const QList<int> sizes = discoverySettings(m_options).sizes;
    const DiscoveryRow& smallNet = row(QStringLiteral("central directory"), sizes.first());
    const DiscoveryRow& largeNet = row(QStringLiteral("central directory"), sizes.last());
    QVERIFY(smallNet.busiestIsServer && largeNet.busiestIsServer);
    QCOMPARE(largeNet.successRate, 1.0);
    QCOMPARE(largeNet.meanHops, 1.0);
    // The server hears every query: the load grows with N as N does.
    const double ratio = largeNet.busiestLoad / smallNet.busiestLoad;
    const double growth = double(sizes.last()) / sizes.first();
    QVERIFY2(ratio > 0.9 * growth, qPrintable(QString::number(ratio)));
    // Chord spreads the same work: its busiest peer carries far less.
    QVERIFY(row(QStringLiteral("Chord"), sizes.last()).busiestLoad < largeNet.busiestLoad / 2);
}

void TestLab::failuresHitTheCentralDirectoryHardest() {
    const int large = discoverySettings(m_options).sizes.last();
    const DiscoveryRow& central = row(QStringLiteral("central directory"), large);
    QCOMPARE(central.successAfterBusiestFails, 0.0);
    QCOMPARE(central.successAfterFifthFails, 1.0); // the server survived
    const DiscoveryRow& chord = row(QStringLiteral("Chord"), large);
    QVERIFY(chord.successAfterBusiestFails > 0.95);
    QVERIFY(chord.successAfterFifthFails > 0.8);
    // Without successor lists, a ring with a fifth of its peers gone breaks most walks.
    QVERIFY(row(QStringLiteral("ring only"), large).successAfterFifthFails < 0.5);
}

void TestLab::peerToPeerStaysBoundedClientServerGrowsLinearly() {
    const DistributionSettings settings = distributionSettings(m_options);
    const QList<DistributionRow>& model = m_results.distribution.model;
    QVERIFY(model.size() >= 3);
    const double unit = settings.modelFileBytes / settings.modelUpload; // F/u_s
    const DistributionRow& first = model.first();
    const DistributionRow& last = model.last();
    for (const DistributionRow& r : model) {
        QVERIFY(r.simulatedP2pSeconds >= r.peerToPeerBound - 1e-9); // no model beats the bound
        QVERIFY2(r.simulatedP2pSeconds < 3 * unit, qPrintable(QString::number(r.simulatedP2pSeconds / unit)));
        QVERIFY(r.simulatedCsSeconds >= r.clientServerBound - 1e-9);
    }
    const double csGrowth = last.simulatedCsSeconds / model[1].simulatedCsSeconds;
    const double nGrowth = double(last.n) / model[1].n;
    QVERIFY2(csGrowth > 0.9 * nGrowth && csGrowth < 1.1 * nGrowth, qPrintable(QString::number(csGrowth)));
    QVERIFY(last.simulatedP2pSeconds / first.simulatedP2pSeconds < 3);
    // Real transfers ran. (The upload limiter lets a first burst through, so a small file can come in a
    // little under the bound.)
    QCOMPARE(m_results.distribution.real.size(), settings.realSizes.size());
    for (const DistributionRow& r : m_results.distribution.real)
        QVERIFY2(r.realSeconds > 0.5 * r.peerToPeerBound, qPrintable(QString::number(r.realSeconds)));
}

void TestLab::replicationAndRetriesHelpUnderChurn() {
    const QList<ChurnRow>& rows = m_results.churn;
    const ChurnSettings settings = churnSettings(m_options);
    QCOMPARE(rows.size(), 3 * settings.rates.size());
    int bare = 0, best = 0;
    for (const ChurnRow& r : rows) {
        QVERIFY(r.lookups > 0);
        if (r.variant.startsWith(QLatin1String("no replication")))
            bare += r.failed;
        else if (r.variant.contains(QLatin1String("retries")))
            best += r.failed;
    }
    QVERIFY2(bare > 0, "churn without replication should lose some records");
    QVERIFY2(best < bare, qPrintable(QStringLiteral("%1 vs %2").arg(best).arg(bare)));
}

void TestLab::chartsAreWrittenAndNotBlank() {
    int charts = 0;
    for (const QString& path : std::as_const(m_results.files)) {
        QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
        if (!path.endsWith(QLatin1String(".png")))
            continue;
        ++charts;
        const QImage image(path);
        QVERIFY2(!image.isNull(), qPrintable(path));
        QCOMPARE(image.size(), QSize(960, 640));
        // Not one colour: axes, labels and lines were drawn, in more than black and white.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 10, qPrintable(path));
    }
    QCOMPARE(charts, 8);
}

QTEST_MAIN(TestLab)
#include "tst_lab.moc"
