// ringshare-node's file commands: share (hash and print links), search (as a ring client), get LINK (a
// one-shot session off the ring that downloads one link).
#include "app/node/filecommands.h"

#include "app/node/client.h"
#include "app/node/console.h"
#include "app/node/nodesession.h"
#include "app/node/termination.h"
#include "base/systemclock.h"
#include "crypto/securerandom.h"
#include "session/session.h"
#include "share/filehasher.h"
#include "share/keywords.h"
#include "share/library.h"
#include "share/link.h"
#include "share/recordsource.h"
#include "share/search.h"

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
    // The link's contacts (the sharer's addresses) are tried after any bootstrap nodes, and enough alone.
    if (options.bootstrap.isEmpty() && link.contacts.isEmpty())
        return fail(BadUsage, QStringLiteral("this command needs --bootstrap HOST:PORT, or a link that names "
                                             "contacts (x.pe=) (see --help)"));

    // A one-shot session: it asks the ring through the first bootstrap node or contact that answers,
    // fetches this one file (peers in the swarm may fetch from it meanwhile, so it listens too), and exits.
    // It picks up no other unfinished download, names itself a source of nothing and takes no place on the
    // ring, since it is gone as soon as it is done (a member would show in every walk of the ring until it
    // left).
    session::SessionOptions sessionOptions = sessionOptionsFor(options);
    sessionOptions.restartUnfinished = false;
    sessionOptions.publishShares = false;
    sessionOptions.ringMember = false;
    sessionOptions.rescanInterval = Millis(0); // nor does it look for changes in what the library shares
    SystemClock clock;
    crypto::SecureRandom random;
    session::Session session(sessionOptions, clock, random);
    QObject::connect(&session, &session::Session::warning, [](const QString& message) { warn(message); });
    if (auto started = session.start(); !started)
        return fail(Failure, started.error());

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
    QTimer progressTimer;
    QElapsedTimer sinceLastSource;
    qint64 lastDone = -1;
    const int patience = options.timeoutSeconds > 0 ? options.timeoutSeconds : 60;
    qint64 fetchedAtStart = -1; // known once the download is past checking what an earlier run left
    bool finishing = false;
    // Stops the session, at once since it holds no place on the ring to hand over, and exits with `code`.
    const auto finish = [&](int code) {
        if (finishing)
            return;
        finishing = true;
        progressTimer.stop();
        session.stop([code](bool) { QCoreApplication::exit(code); });
    };

    onTermination([&] {
        // The resume map is saved when the session goes; the same command picks up from there.
        QCoreApplication::exit(fail(Failure, QStringLiteral("interrupted; run the same command to resume")));
    });

    QObject::connect(&session, &session::Session::bootstrapUnanswered,
                     [&] { finish(fail(Failure, QStringLiteral("no bootstrap node answered"))); });
    QObject::connect(
        &session, &session::Session::downloadFinished, [&](const share::ContentId& id, const QString& path) {
            if (id != link.id)
                return;
            const auto status = session.downloadStatus(id);
            printProgress(*status);
            const transfer::TransferStats stats = session.transferStats();
            if (options.json)
                printJson({{QStringLiteral("event"), QStringLiteral("done")},
                           {QStringLiteral("path"), QDir::toNativeSeparators(path)},
                           {QStringLiteral("fetched"), double(stats.bytesDownloaded)},
                           {QStringLiteral("resumed_from"), double(qMax<qint64>(0, fetchedAtStart))},
                           {QStringLiteral("bad_chunks"), stats.badChunks},
                           {QStringLiteral("dropped_sources"), stats.peersDropped}});
            else
                printLine(QStringLiteral("done: %1").arg(QDir::toNativeSeparators(path)));
            finish(Success);
        });
    QObject::connect(&session, &session::Session::downloadFailed,
                     [&](const share::ContentId& id, const QString& error) {
                         if (id == link.id)
                             finish(fail(Failure, error));
                     });
    QObject::connect(&progressTimer, &QTimer::timeout, [&] {
        const auto status = session.downloadStatus(link.id);
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
        // Gives up only after `patience` seconds with no source and no progress at all.
        if (sinceLastSource.elapsed() > qint64(patience) * 1000)
            finish(
                fail(Failure, QStringLiteral("no peer holding this file answered for %1 s").arg(patience)));
    });

    bool started = false;
    QObject::connect(&session, &session::Session::joined, [&] {
        if (std::exchange(started, true))
            return;
        if (auto downloading = session.download(link); !downloading) {
            finish(fail(Failure, downloading.error()));
            return;
        }
        // Asking for it on the command line is asking for it now, even if the desktop app paused it.
        if (session.isPaused(link.id))
            session.resumeDownload(link.id);
        // Picked up from an earlier run, the chunks on disk are checked first; what passes is where it
        // resumed from.
        if (const auto status = session.downloadStatus(link.id);
            status && status->state != transfer::DownloadStatus::State::Checking)
            fetchedAtStart = status->done;
        QObject::connect(&session, &session::Session::downloadProgress,
                         [&](const transfer::DownloadStatus& status) {
                             if (status.id == link.id && fetchedAtStart < 0 &&
                                 status.state != transfer::DownloadStatus::State::Checking)
                                 fetchedAtStart = status.done;
                         });
        sinceLastSource.start();
        progressTimer.start(1000);
    });
    for (const net::HostPort& contact : link.contacts)
        session.addContact(contact);
    session.join();
    return QCoreApplication::exec();
}

} // namespace ringshare::node
