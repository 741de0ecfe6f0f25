// ringshare-lab: the seed's alternatives measured side by side on the simulated network, with charts.
//
//   ringshare-lab --out DIR            every experiment, full sizes (minutes)
//   ringshare-lab --out DIR --quick    small sizes (seconds)
//   ringshare-lab --only churn         one experiment: discovery, distribution or churn
//   ringshare-lab --seed N             another seed (everything follows from it)
//   ringshare-lab --chord-max 1000     skip the Chord rings larger than this (the 10,000 one takes minutes)

#include "crypto/cryptoinit.h"
#include "lab/lab.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QHashFunctions>
#include <QLoggingCategory>
#include <cstdio>

using namespace ringshare;

int main(int argc, char* argv[]) {
    // Headless: charts are drawn on images, never shown.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt seeds its hash tables at random per process; the simulations iterate some of them, so a run
    // repeats exactly only with a fixed seed.
    QHashSeed::setDeterministicGlobalSeed();
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ringshare lab: content discovery four ways, distribution time and churn, measured on "
                       "the simulated network; tables to stdout, CSV and PNG charts to a folder."));
    parser.addHelpOption();
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Where the CSV files and charts go."),
                                 QStringLiteral("dir"), QStringLiteral("lab-results"));
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("Small sizes (for tests and CI)."));
    const QCommandLineOption only(
        QStringLiteral("only"),
        QStringLiteral("Run one experiment: %1.").arg(lab::experimentNames().join(QStringLiteral(", "))),
        QStringLiteral("experiment"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("The seed (default 1)."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption temp(QStringLiteral("temp"),
                                  QStringLiteral("Where the real transfers keep their folders."),
                                  QStringLiteral("dir"));
    const QCommandLineOption chordMax(
        QStringLiteral("chord-max"),
        QStringLiteral("Discovery: the largest Chord ring to build (default 10000)."), QStringLiteral("n"),
        QStringLiteral("10000"));
    parser.addOptions({out, quick, only, seed, temp, chordMax});
    parser.process(app);

    lab::LabOptions options;
    options.outDir = parser.value(out);
    options.quick = parser.isSet(quick);
    options.only = parser.value(only);
    options.tempDir = parser.value(temp);
    options.chordMaxPeers = parser.value(chordMax).toInt();
    bool validSeed = false;
    options.seed = parser.value(seed).toULongLong(&validSeed);
    if (!validSeed || (!options.only.isEmpty() && !lab::experimentNames().contains(options.only))) {
        std::fprintf(stderr, "ringshare-lab: --seed needs a number and --only one of: %s\n",
                     qPrintable(lab::experimentNames().join(QStringLiteral(", "))));
        return 2;
    }
    crypto::requireInitialized();
    QLoggingCategory::setFilterRules(QStringLiteral("ringshare.*.info=false\nringshare.*.debug=false"));

    QElapsedTimer total;
    total.start();
    options.progress = [&total](const QString& line) {
        std::fprintf(stderr, "[%7.1f s] %s\n", double(total.elapsed()) / 1000.0, qPrintable(line));
    };
    QTextStream table(stdout);
    const lab::LabResults results = lab::runLab(options, table);
    table << QStringLiteral("\n%1 files written to %2; total wall time %3 s\n")
                 .arg(results.files.size())
                 .arg(options.outDir)
                 .arg(double(total.elapsed()) / 1000.0, 0, 'f', 1);
    table.flush();
    if (!results.error.isEmpty()) {
        std::fprintf(stderr, "ringshare-lab: %s\n", qPrintable(results.error));
        return 1;
    }
    return 0;
}
