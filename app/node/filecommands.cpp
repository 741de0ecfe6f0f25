// ringshare-node's file commands: share (hash and print links), search and get LINK (as ring clients).
#include "app/node/filecommands.h"

#include "app/node/client.h"
#include "app/node/console.h"
#include "app/node/termination.h"
#include "base/systemclock.h"
#include "crypto/securerandom.h"
#include "share/filehasher.h"
#include "share/keywords.h"
#include "share/library.h"
#include "share/link.h"
#include "share/recordsource.h"
#include "share/search.h"
#include "transfer/sourcefinder.h"
#include "transfer/transfermanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimer>
#include <memory>

namespace ringshare::node {

namespace {

QJsonObject linkJson(const share::Link& link, int sources = -1) {
    QJsonObject object{{QStringLiteral("name"), link.name},
                       {QStringLiteral("size"), double(link.size)},
                       {QStringLiteral("link"), link.toString()}};
    if (sources >= 0)
        object.insert(QStringLiteral("sources"), sources);
    return object;
}

} // namespace

int shareCommand(const Options& options, const QStringList& paths) {
    auto identity = crypto::Identity::loadOrCreate(options.dataDir);
    if (!identity)
        return fail(Failure, identity.error());
    int code = Success;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            code = fail(Failure, QStringLiteral("%1 does not exist").arg(QDir::toNativeSeparators(path)));
            continue;
        }
        const QStringList files = info.isDir() ? share::Library::filesUnder(info.canonicalFilePath())
                                               : QStringList{info.absoluteFilePath()};
        for (const QString& file : files) {
            auto hashed = share::FileHasher::hash(file, {});
            if (!hashed) {
                code = fail(Failure, hashed.error());
                continue;
            }
            share::Manifest manifest;
            manifest.name = QFileInfo(file).fileName();
            manifest.size = hashed->size;
            manifest.chunkSize = hashed->chunkSize;
            manifest.chunkHashes = hashed->chunkHashes;
            manifest.sign(identity.value());
            const share::Link link{manifest.contentId(), manifest.name, manifest.size};
            if (options.json) {
                QJsonObject object = linkJson(link);
                object.insert(QStringLiteral("path"), QDir::toNativeSeparators(file));
                printJson(object);
            } else {
                printLine(link.toString());
            }
        }
    }
    return code;
}

int searchCommand(const Options& options, const QStringList& words) {
    const QString query = words.join(QLatin1Char(' '));
    if (share::queryWords(query).isEmpty())
        return fail(BadUsage,
                    QStringLiteral("nothing to search for in '%1': words of one letter and very common "
                                   "words are not indexed")
                        .arg(query));
    SystemClock clock;
    std::unique_ptr<share::ClientRecordSource> source;
    std::unique_ptr<share::Search> search;
    const Millis timeout(options.timeoutSeconds > 0 ? options.timeoutSeconds * 1000 : 10'000);
    return runClient(options, [&](dht::RingClient& client, const dht::NodeRef& contact,
                                  std::function<void(int)> finish) {
        source = std::make_unique<share::ClientRecordSource>(client, contact);
        search = std::make_unique<share::Search>(*source, clock, query, timeout);
        QObject::connect(search.get(), &share::Search::finished, [&, finish](bool complete) {
            if (!complete)
                warn(QStringLiteral(
                    "part of the network did not answer in time; the results may be incomplete"));
            const QList<share::SearchResult> results = search->results();
            for (const share::SearchResult& result : results) {
                const share::Link link{result.id, result.name, result.size};
                if (options.json)
                    printJson(linkJson(link, result.sources));
                else
                    printLine(
                        QStringLiteral("%1  (%2, %3 %4)\n    %5")
                            .arg(result.name, humanSize(result.size))
                            .arg(result.sources)
                            .arg(result.sources == 1 ? QStringLiteral("source") : QStringLiteral("sources"),
                                 link.toString()));
            }
            finish(results.isEmpty() ? fail(Failure, QStringLiteral("no shared file matches '%1'").arg(query))
                                     : Success);
        });
        search->start();
    });
}

int getLinkCommand(const Options& options, const QString& linkText) {
    const auto parsed = share::Link::parse(linkText);
    if (!parsed)
        return fail(BadUsage, parsed.error());
    const share::Link link = parsed.value();
    if (options.bootstrap.isEmpty())
        return fail(BadUsage, QStringLiteral("this command needs --bootstrap HOST:PORT (see --help)"));
    auto identity = crypto::Identity::loadOrCreate(options.dataDir);
    if (!identity)
        return fail(Failure, identity.error());

    SystemClock clock;
    crypto::SecureRandom random;
    share::Library library(identity->clone(), options.dataDir, clock);
    if (auto loaded = library.load(); !loaded)
        warn(loaded.error());
    transfer::TransferOptions transferOptions;
    transferOptions.downloadDir = options.downloadDir.isEmpty() ? QDir::currentPath() : options.downloadDir;
    transferOptions.stateDir = options.dataDir;
    transferOptions.uploadLimit = options.uploadLimit;
    transferOptions.downloadLimit = options.downloadLimit;
    transfer::TransferManager manager(identity->clone(), library, clock, random, transferOptions);
    // Peers in the swarm may fetch from this download while it runs, so it listens too.
    if (auto listening = manager.listen(options.bind.value_or(QHostAddress(QHostAddress::Any)), options.port);
        !listening)
        return fail(Failure, listening.error());

    const auto printProgress = [&](const transfer::DownloadStatus& status) {
        if (options.json)
            printJson({{QStringLiteral("event"), QStringLiteral("progress")},
                       {QStringLiteral("done"), double(status.done)},
                       {QStringLiteral("total"), double(status.total)},
                       {QStringLiteral("rate"), double(status.rate)},
                       {QStringLiteral("sources"), status.sources}});
        else
            printLine(QStringLiteral("%1 of %2, %3/s, %4 sources")
                          .arg(humanSize(status.done), humanSize(status.total), humanSize(status.rate))
                          .arg(status.sources));
    };
    std::unique_ptr<share::ClientRecordSource> source;
    std::unique_ptr<transfer::SourceFinder> finder;
    QTimer progressTimer;
    QElapsedTimer sinceLastSource;
    qint64 lastDone = -1;
    const int patience = options.timeoutSeconds > 0 ? options.timeoutSeconds : 60;
    qint64 fetchedAtStart = -1; // known once the download is past checking what an earlier run left

    onTermination([&] {
        // The resume map is saved when the manager goes; the same command picks up from there.
        QCoreApplication::exit(fail(Failure, QStringLiteral("interrupted; run the same command to resume")));
    });

    return runClient(
        options, [&](dht::RingClient& client, const dht::NodeRef& contact, std::function<void(int)> finish) {
            source = std::make_unique<share::ClientRecordSource>(client, contact);
            QObject::connect(
                &manager, &transfer::TransferManager::downloadFinished,
                [&, finish](const share::ContentId& id, const QString& path) {
                    if (id != link.id)
                        return;
                    const auto status = manager.downloadStatus(id);
                    printProgress(*status);
                    const qint64 fetched = manager.stats().bytesDownloaded;
                    if (options.json)
                        printJson({{QStringLiteral("event"), QStringLiteral("done")},
                                   {QStringLiteral("path"), QDir::toNativeSeparators(path)},
                                   {QStringLiteral("fetched"), double(fetched)},
                                   {QStringLiteral("resumed_from"), double(qMax<qint64>(0, fetchedAtStart))},
                                   {QStringLiteral("bad_chunks"), manager.stats().badChunks},
                                   {QStringLiteral("dropped_sources"), manager.stats().peersDropped}});
                    else
                        printLine(QStringLiteral("done: %1").arg(QDir::toNativeSeparators(path)));
                    finish(Success);
                });
            QObject::connect(
                &manager, &transfer::TransferManager::downloadFailed,
                [finish](const share::ContentId&, const QString& error) { finish(fail(Failure, error)); });
            if (auto started = manager.download(link); !started) {
                finish(fail(Failure, started.error()));
                return;
            }
            // Asking for it on the command line is asking for it now, even if the desktop app paused it.
            manager.resumeDownload(link.id);
            // Picked up from an earlier run, the chunks on disk are checked first; what passes is where it
            // resumed from.
            if (const auto status = manager.downloadStatus(link.id);
                status->state != transfer::DownloadStatus::State::Checking)
                fetchedAtStart = status->done;
            QObject::connect(&manager, &transfer::TransferManager::downloadProgress,
                             [&](const transfer::DownloadStatus& status) {
                                 if (status.id == link.id && fetchedAtStart < 0 &&
                                     status.state != transfer::DownloadStatus::State::Checking)
                                     fetchedAtStart = status.done;
                             });

            finder = std::make_unique<transfer::SourceFinder>(*source, manager, clock, link.id);
            finder->start();
            // Gives up only after `patience` seconds with no source and no progress at all.
            sinceLastSource.start();
            QObject::connect(&progressTimer, &QTimer::timeout, [&, finish] {
                const auto status = manager.downloadStatus(link.id);
                if (status && status->state == transfer::DownloadStatus::State::Checking) {
                    sinceLastSource.start(); // checking a large file is progress too
                    return;
                }
                if (!status || (status->state != transfer::DownloadStatus::State::Downloading &&
                                status->state != transfer::DownloadStatus::State::FindingSources))
                    return;
                printProgress(*status);
                if (status->sources > 0 || status->done != lastDone)
                    sinceLastSource.start();
                lastDone = status->done;
                if (sinceLastSource.elapsed() > qint64(patience) * 1000)
                    finish(fail(Failure,
                                QStringLiteral("no peer holding this file answered for %1 s").arg(patience)));
            });
            progressTimer.start(1000);
        });
}

} // namespace ringshare::node
