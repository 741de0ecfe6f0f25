// Runs the lab's experiments and writes their tables, CSV files and PNG charts.
#include "lab/lab.h"

#include "lab/chart.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <cmath>

namespace ringshare::lab {

namespace {

void writeFile(const QString& dir, const QString& name, const QByteArray& bytes, LabResults& results) {
    const QString path = QDir(dir).absoluteFilePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        results.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return;
    }
    results.files.append(path);
}

void writeChart(const Chart& chart, const QString& dir, const QString& name, LabResults& results) {
    const QString path = QDir(dir).absoluteFilePath(name);
    if (!chart.save(path)) {
        results.error = QStringLiteral("cannot write %1").arg(path);
        return;
    }
    results.files.append(path);
}

QString number(double value, int decimals = 2) {
    return QString::number(value, 'f', decimals);
}

QString percent(double fraction) {
    return fraction < 0 ? QStringLiteral("-") : QString::number(100 * fraction, 'f', 1) + QLatin1Char('%');
}

// The protocols in the order met, and each one's rows by size.
QMap<QString, QList<DiscoveryRow>> byProtocol(const QList<DiscoveryRow>& rows, QStringList& order) {
    QMap<QString, QList<DiscoveryRow>> out;
    for (const DiscoveryRow& row : rows) {
        if (!order.contains(row.protocol))
            order.append(row.protocol);
        out[row.protocol].append(row);
    }
    return out;
}

Chart discoveryChart(const QList<DiscoveryRow>& rows, const QString& title, const QString& yTitle,
                     const std::function<double(const DiscoveryRow&)>& value, bool logY) {
    Chart chart{
        .title = title, .xTitle = QStringLiteral("peers N"), .yTitle = yTitle, .logX = true, .logY = logY};
    QStringList order;
    const auto grouped = byProtocol(rows, order);
    for (const QString& protocol : std::as_const(order)) {
        Chart::Series series{.name = protocol};
        for (const DiscoveryRow& row : grouped.value(protocol))
            if (row.successRate > 0)
                series.points.append({double(row.peers), value(row)});
        chart.series.append(series);
    }
    return chart;
}

} // namespace

QStringList experimentNames() {
    return {QStringLiteral("discovery"), QStringLiteral("distribution"), QStringLiteral("churn")};
}

DiscoverySettings discoverySettings(const LabOptions& options) {
    DiscoverySettings s;
    s.seed = options.seed;
    s.progress = options.progress;
    s.chordMaxPeers = options.chordMaxPeers;
    if (options.quick) {
        s.sizes = {64, 256};
        s.maxQueries = 200;
        s.floodingQueries = 100;
        s.floodingTtls = {2, 4};
    }
    return s;
}

DistributionSettings distributionSettings(const LabOptions& options) {
    DistributionSettings s;
    s.seed = options.seed;
    s.tempDir = options.tempDir;
    s.progress = options.progress;
    if (options.quick) {
        s.realFileBytes = 512 * 1024;
        s.realUpload = 1024 * 1024;
        s.realSizes = {1, 2};
        s.modelChunks = 16;
        s.modelSizes = {1, 10, 100, 1000};
        s.modelCsLimit = 1000;
    }
    return s;
}

ChurnSettings churnSettings(const LabOptions& options) {
    ChurnSettings s;
    s.seed = options.seed;
    s.progress = options.progress;
    if (options.quick) {
        s.nodes = 40;
        s.records = 40;
        s.rates = {0.1, 1};
        s.duration = Millis(40'000);
    }
    return s;
}

void reportDiscovery(const QList<DiscoveryRow>& rows, const QString& dir, QTextStream& table,
                     LabResults& results) {
    table << "\nContent discovery (hops and latency over successful queries; load: messages the busiest "
             "host receives when every peer asks once)\n";
    table << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                 .arg(QStringLiteral("protocol"), -20)
                 .arg(QStringLiteral("N"), 6)
                 .arg(QStringLiteral("hops"), 8)
                 .arg(QStringLiteral("p99"), 6)
                 .arg(QStringLiteral("ms"), 8)
                 .arg(QStringLiteral("p99 ms"), 8)
                 .arg(QStringLiteral("msgs/q"), 9)
                 .arg(QStringLiteral("success"), 8)
                 .arg(QStringLiteral("busiest"), 10)
                 .arg(QStringLiteral("-busiest"), 9)
                 .arg(QStringLiteral("-20%"), 7);
    QByteArray csv =
        "protocol,peers,queries,mean_hops,p99_hops,mean_latency_ms,p99_latency_ms,messages_per_query,"
        "success_rate,busiest_load,busiest_is_server,success_after_busiest_fails,"
        "success_after_20_percent_fail\n";
    for (const DiscoveryRow& r : rows) {
        table << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                     .arg(r.protocol, -20)
                     .arg(r.peers, 6)
                     .arg(number(r.meanHops), 8)
                     .arg(number(r.p99Hops, 0), 6)
                     .arg(number(r.meanLatencyMs, 0), 8)
                     .arg(number(r.p99LatencyMs, 0), 8)
                     .arg(number(r.messagesPerQuery, 1), 9)
                     .arg(percent(r.successRate), 8)
                     .arg(number(r.busiestLoad, 0), 10)
                     .arg(percent(r.successAfterBusiestFails), 9)
                     .arg(percent(r.successAfterFifthFails), 7);
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13\n")
                   .arg(r.protocol)
                   .arg(r.peers)
                   .arg(r.queries)
                   .arg(r.meanHops)
                   .arg(r.p99Hops)
                   .arg(r.meanLatencyMs)
                   .arg(r.p99LatencyMs)
                   .arg(r.messagesPerQuery)
                   .arg(r.successRate)
                   .arg(r.busiestLoad)
                   .arg(r.busiestIsServer ? 1 : 0)
                   .arg(r.successAfterBusiestFails)
                   .arg(r.successAfterFifthFails)
                   .toUtf8();
    }
    table.flush();
    writeFile(dir, QStringLiteral("discovery.csv"), csv, results);

    writeChart(discoveryChart(
                   rows, QStringLiteral("Hops per query"), QStringLiteral("mean hops"),
                   [](const DiscoveryRow& r) { return r.meanHops; }, true),
               dir, QStringLiteral("discovery_hops.png"), results);
    writeChart(discoveryChart(
                   rows, QStringLiteral("Latency per query"), QStringLiteral("mean latency, ms"),
                   [](const DiscoveryRow& r) { return r.meanLatencyMs; }, true),
               dir, QStringLiteral("discovery_latency.png"), results);
    writeChart(discoveryChart(
                   rows, QStringLiteral("Messages per query"), QStringLiteral("messages"),
                   [](const DiscoveryRow& r) { return r.messagesPerQuery; }, true),
               dir, QStringLiteral("discovery_messages.png"), results);
    writeChart(discoveryChart(
                   rows, QStringLiteral("Load on the busiest peer (every peer asks once)"),
                   QStringLiteral("messages received"), [](const DiscoveryRow& r) { return r.busiestLoad; },
                   true),
               dir, QStringLiteral("discovery_load.png"), results);

    // Success before and after failures, at the largest size.
    int largest = 0;
    for (const DiscoveryRow& r : rows)
        largest = std::max(largest, r.peers);
    Chart failures{.title = QStringLiteral("Queries that succeed after failures, N = %1").arg(largest),
                   .xTitle = QStringLiteral("what failed"),
                   .yTitle = QStringLiteral("success rate")};
    failures.xCategories = {{0, QStringLiteral("nothing")},
                            {1, QStringLiteral("the busiest peer")},
                            {2, QStringLiteral("20% of peers")}};
    for (const DiscoveryRow& r : rows)
        if (r.peers == largest)
            failures.series.append({.name = r.protocol,
                                    .points = {{0, r.successRate},
                                               {1, std::max(0.0, r.successAfterBusiestFails)},
                                               {2, std::max(0.0, r.successAfterFifthFails)}}});
    writeChart(failures, dir, QStringLiteral("discovery_failures.png"), results);

    // Flooding: success against TTL, one line per size.
    Chart ttl{.title = QStringLiteral("Flooding: queries that find the content"),
              .xTitle = QStringLiteral("TTL (hops a query may travel)"),
              .yTitle = QStringLiteral("success rate")};
    QMap<int, Chart::Series> bySize;
    for (const DiscoveryRow& r : rows)
        if (r.protocol.startsWith(QLatin1String("flooding TTL "))) {
            Chart::Series& series = bySize[r.peers];
            series.name = QStringLiteral("N = %1").arg(r.peers);
            series.points.append({r.protocol.mid(13).toDouble(), r.successRate});
        }
    ttl.series = bySize.values();
    writeChart(ttl, dir, QStringLiteral("flooding_ttl.png"), results);
}

void reportDistribution(const DistributionResult& result, const DistributionSettings& settings,
                        const QString& dir, QTextStream& table, LabResults& results) {
    const double realUnit = double(settings.realFileBytes) / double(settings.realUpload);
    const double modelUnit = settings.modelFileBytes / settings.modelUpload;
    table << QStringLiteral(
                 "\nDistribution time, real Ringshare peers over loopback: F = %1 KiB, u_s = u_i = "
                 "%2 KiB/s, downloads unlimited (seconds)\n")
                 .arg(settings.realFileBytes / 1024)
                 .arg(settings.realUpload / 1024);
    table << QStringLiteral("%1 %2 %3 %4\n")
                 .arg(QStringLiteral("n"), 6)
                 .arg(QStringLiteral("measured"), 10)
                 .arg(QStringLiteral("C-S bound"), 10)
                 .arg(QStringLiteral("P2P bound"), 10);
    QByteArray real =
        "n,file_bytes,upload_bytes_per_second,measured_seconds,cs_bound_seconds,p2p_bound_seconds\n";
    for (const DistributionRow& r : result.real) {
        table << QStringLiteral("%1 %2 %3 %4\n")
                     .arg(r.n, 6)
                     .arg(number(r.realSeconds), 10)
                     .arg(number(r.clientServerBound), 10)
                     .arg(number(r.peerToPeerBound), 10);
        real += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                    .arg(r.n)
                    .arg(settings.realFileBytes)
                    .arg(settings.realUpload)
                    .arg(r.realSeconds)
                    .arg(r.clientServerBound)
                    .arg(r.peerToPeerBound)
                    .toUtf8();
    }
    if (!result.error.isEmpty())
        table << "real swarm failed: " << result.error << '\n';
    table << QStringLiteral(
                 "\nDistribution time, chunk-level swarm model: F = %1 MiB in %2 chunks, u_s = u_i = "
                 "%3 MiB/s, one chunk per peer per slot (seconds)\n")
                 .arg(settings.modelFileBytes / 1048576.0)
                 .arg(settings.modelChunks)
                 .arg(settings.modelUpload / 1048576.0);
    table << QStringLiteral("%1 %2 %3 %4 %5\n")
                 .arg(QStringLiteral("n"), 6)
                 .arg(QStringLiteral("P2P model"), 10)
                 .arg(QStringLiteral("P2P bound"), 10)
                 .arg(QStringLiteral("C-S model"), 10)
                 .arg(QStringLiteral("C-S bound"), 10);
    QByteArray model = "n,file_bytes,upload_bytes_per_second,chunks,p2p_model_seconds,p2p_bound_seconds,"
                       "cs_model_seconds,cs_bound_seconds\n";
    for (const DistributionRow& r : result.model) {
        table << QStringLiteral("%1 %2 %3 %4 %5\n")
                     .arg(r.n, 6)
                     .arg(number(r.simulatedP2pSeconds), 10)
                     .arg(number(r.peerToPeerBound), 10)
                     .arg(r.simulatedCsSeconds < 0 ? QStringLiteral("-") : number(r.simulatedCsSeconds), 10)
                     .arg(number(r.clientServerBound), 10);
        model += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
                     .arg(r.n)
                     .arg(settings.modelFileBytes)
                     .arg(settings.modelUpload)
                     .arg(settings.modelChunks)
                     .arg(r.simulatedP2pSeconds)
                     .arg(r.peerToPeerBound)
                     .arg(r.simulatedCsSeconds)
                     .arg(r.clientServerBound)
                     .toUtf8();
    }
    table.flush();
    writeFile(dir, QStringLiteral("distribution_real.csv"), real, results);
    writeFile(dir, QStringLiteral("distribution_model.csv"), model, results);

    // Times in units of F/u_s, so the real runs and the model (different F and u) share one chart.
    Chart chart{.title = QStringLiteral("Time to send one file to n peers"),
                .xTitle = QStringLiteral("peers n"),
                .yTitle = QStringLiteral("time / (F / u_s)"),
                .logX = true,
                .logY = true};
    Chart::Series cs{.name = QStringLiteral("client-server bound"), .dashed = true, .markers = false};
    Chart::Series p2p{.name = QStringLiteral("P2P bound"), .dashed = true, .markers = false};
    Chart::Series csModel{.name = QStringLiteral("client-server, swarm model")};
    Chart::Series p2pModel{.name = QStringLiteral("P2P, swarm model")};
    Chart::Series measured{.name = QStringLiteral("P2P, real Ringshare transfers")};
    for (const DistributionRow& r : result.model) {
        cs.points.append({double(r.n), r.clientServerBound / modelUnit});
        p2p.points.append({double(r.n), r.peerToPeerBound / modelUnit});
        p2pModel.points.append({double(r.n), r.simulatedP2pSeconds / modelUnit});
        if (r.simulatedCsSeconds > 0)
            csModel.points.append({double(r.n), r.simulatedCsSeconds / modelUnit});
    }
    for (const DistributionRow& r : result.real)
        measured.points.append({double(r.n), r.realSeconds / realUnit});
    // The bounds last, so their dashes show where a model lies on them.
    chart.series = {csModel, p2pModel, measured, cs, p2p};
    writeChart(chart, dir, QStringLiteral("distribution.png"), results);
}

void reportChurn(const QList<ChurnRow>& rows, const QString& dir, QTextStream& table, LabResults& results) {
    table << "\nChurn on a Chord ring (real ChordNodes): crashes and as many joins per second, lookups of "
             "stored "
             "records\n";
    table << QStringLiteral("%1 %2 %3 %4 %5\n")
                 .arg(QStringLiteral("variant"), -28)
                 .arg(QStringLiteral("events/s"), 9)
                 .arg(QStringLiteral("lookups"), 8)
                 .arg(QStringLiteral("failed"), 7)
                 .arg(QStringLiteral("failed %"), 9);
    QByteArray csv = "variant,events_per_second,lookups,failed,failed_fraction\n";
    QStringList order;
    QMap<QString, Chart::Series> series;
    for (const ChurnRow& r : rows) {
        table << QStringLiteral("%1 %2 %3 %4 %5\n")
                     .arg(r.variant, -28)
                     .arg(number(r.eventsPerSecond), 9)
                     .arg(r.lookups, 8)
                     .arg(r.failed, 7)
                     .arg(percent(r.failedFraction()), 9);
        csv += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(r.variant)
                   .arg(r.eventsPerSecond)
                   .arg(r.lookups)
                   .arg(r.failed)
                   .arg(r.failedFraction())
                   .toUtf8();
        if (!order.contains(r.variant))
            order.append(r.variant);
        series[r.variant].name = r.variant;
        series[r.variant].points.append({r.eventsPerSecond, 100 * r.failedFraction()});
    }
    table.flush();
    writeFile(dir, QStringLiteral("churn.csv"), csv, results);
    Chart chart{.title = QStringLiteral("Failed lookups under churn (Chord)"),
                .xTitle = QStringLiteral("crashes per second (and as many joins)"),
                .yTitle = QStringLiteral("failed lookups, %"),
                .logX = true};
    for (const QString& name : std::as_const(order))
        chart.series.append(series.value(name));
    writeChart(chart, dir, QStringLiteral("churn.png"), results);
}

LabResults runLab(const LabOptions& options, QTextStream& table) {
    LabResults results;
    if (!QDir().mkpath(options.outDir)) {
        results.error = QStringLiteral("cannot create %1").arg(options.outDir);
        return results;
    }
    const auto wanted = [&](const QString& name) { return options.only.isEmpty() || options.only == name; };
    if (wanted(QStringLiteral("discovery"))) {
        results.discovery = runDiscovery(discoverySettings(options));
        reportDiscovery(results.discovery, options.outDir, table, results);
    }
    if (wanted(QStringLiteral("distribution"))) {
        const DistributionSettings settings = distributionSettings(options);
        results.distribution = runDistribution(settings);
        reportDistribution(results.distribution, settings, options.outDir, table, results);
        if (!results.distribution.error.isEmpty() && results.error.isEmpty())
            results.error = results.distribution.error;
    }
    if (wanted(QStringLiteral("churn"))) {
        results.churn = runChurn(churnSettings(options));
        reportChurn(results.churn, options.outDir, table, results);
    }
    return results;
}

} // namespace ringshare::lab
