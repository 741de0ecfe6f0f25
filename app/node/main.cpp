// ringshare-node: the headless Ringshare node for servers and scripts.
// Exit codes: 0 success, 1 failure, 2 bad usage. Errors are one line on stderr.

#include "app/node/client.h"
#include "app/node/configfile.h"
#include "app/node/console.h"
#include "app/node/filecommands.h"
#include "app/node/nodesession.h"
#include "app/node/options.h"
#include "app/node/runstatus.h"
#include "app/node/termination.h"
#include "base/systemclock.h"
#include "base/version.h"
#include "crypto/identity.h"
#include "crypto/securerandom.h"
#include "dht/ringclient.h"
#include "session/session.h"
#include "share/link.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <cstdio>

using namespace ringshare;
using namespace ringshare::node;
using namespace std::chrono_literals;

namespace {

QString addressOf(const net::Endpoint& endpoint) {
    return endpoint.toString();
}

// {"event":"portmapping","state":"mapped","method":"UPnP","external":"11.0.0.1:4000",...}: `external` is
// the UDP (DHT) endpoint others reach, `external_tcp` the transfers'.
QJsonObject portMappingEvent(const net::PortMappingState& state) {
    using Phase = net::PortMappingState::Phase;
    const auto name = [](Phase phase) {
        switch (phase) {
        case Phase::Off:
            return QStringLiteral("off");
        case Phase::Trying:
            return QStringLiteral("trying");
        case Phase::Mapped:
            return QStringLiteral("mapped");
        case Phase::Failed:
            return QStringLiteral("failed");
        }
        return QString();
    };
    QJsonObject event{{QStringLiteral("event"), QStringLiteral("portmapping")},
                      {QStringLiteral("state"), name(state.phase)}};
    if (state.phase == Phase::Mapped) {
        event.insert(QStringLiteral("method"), net::methodName(state.method));
        event.insert(QStringLiteral("external"),
                     net::Endpoint{state.externalAddress, state.externalUdpPort}.toString());
        event.insert(QStringLiteral("external_tcp"),
                     net::Endpoint{state.externalAddress, state.externalTcpPort}.toString());
    }
    if (state.phase == Phase::Failed)
        event.insert(QStringLiteral("reason"), state.reason);
    return event;
}

// "reachable at 203.0.113.21:41000 (upnp); a member of the ring" and the like, for the text output.
QString describe(const session::ReachabilityReport& report) {
    QString text = QString::fromLatin1(dht::toString(report.state));
    if (report.endpoint)
        text += QStringLiteral(" at %1").arg(report.endpoint->toString());
    if (report.method != session::ReachMethod::None)
        text += QStringLiteral(" (%1)").arg(QLatin1String(session::toString(report.method)));
    if (report.role == session::RingRole::Client)
        text += report.rendezvous
                    ? QStringLiteral("; a client of the ring through %1").arg(report.rendezvous->toString())
                    : QStringLiteral("; a client of the ring");
    else
        text += QStringLiteral("; a member of the ring");
    return text;
}

int runNode(const Options& options) {
    RunStatus status(options.dataDir);
    if (auto claimed = status.claim(); !claimed)
        return fail(Failure, claimed.error());
    SystemClock clock;
    crypto::SecureRandom random;
    session::Session session(sessionOptionsFor(options), clock, random);
    QObject::connect(&session, &session::Session::warning, [](const QString& message) { warn(message); });
    QObject::connect(&session, &session::Session::bootstrapUnanswered,
                     [] { warn(QStringLiteral("no bootstrap node answered yet; still trying")); });
    if (auto started = session.start(); !started)
        return fail(Failure, started.error());
    for (const QString& path : options.shares)
        if (auto added = session.share(path); !added)
            return fail(Failure, added.error());

    const QString self = session.id().toHex();
    const bool json = options.json;
    const auto idOrNull = [](const std::optional<NodeId>& id) {
        return id ? QJsonValue(id->toHex()) : QJsonValue(QJsonValue::Null);
    };
    QObject::connect(&session, &session::Session::joined, [&] {
        if (json)
            printJson(
                {{QStringLiteral("event"), QStringLiteral("joined")}, {QStringLiteral("node_id"), self}});
        else
            printLine(QStringLiteral("joined the ring"));
    });
    QObject::connect(&session, &session::Session::predecessorChanged, [&] {
        const std::optional<NodeId> predecessor = session.predecessorId();
        if (json)
            printJson({{QStringLiteral("event"), QStringLiteral("predecessor")},
                       {QStringLiteral("node_id"), idOrNull(predecessor)}});
        else
            printLine(QStringLiteral("predecessor: %1")
                          .arg(predecessor ? predecessor->toHex() : QStringLiteral("none")));
    });
    QObject::connect(&session, &session::Session::successorChanged, [&] {
        const std::optional<NodeId> first = session.successorId();
        if (json)
            printJson({{QStringLiteral("event"), QStringLiteral("successor")},
                       {QStringLiteral("node_id"), idOrNull(first)}});
        else
            printLine(QStringLiteral("successor: %1").arg(first ? first->toHex() : QStringLiteral("none")));
    });
    QObject::connect(&session, &session::Session::portMappingChanged,
                     [&](const net::PortMappingState& state) {
                         if (json)
                             printJson(portMappingEvent(state));
                         else
                             printLine(QStringLiteral("port mapping: %1").arg(state.describe()));
                     });
    // Told once the node starts joining and again whenever it changes; kept in the data directory for `id`.
    std::optional<session::ReachabilityReport> told;
    const auto tellReachability = [&] {
        const session::ReachabilityReport report = session.reachability();
        if (told == report)
            return;
        told = report;
        // Written first, so a script that has read the event finds `id` telling the same.
        if (const std::optional<QString> error = status.write(report))
            warn(*error);
        if (json)
            printJson(report.toJson());
        else
            printLine(QStringLiteral("reachability: %1").arg(describe(report)));
    };
    QObject::connect(&session, &session::Session::reachabilityChanged, tellReachability);
    QObject::connect(&session, &session::Session::peerLost, [&](const NodeId& id) {
        if (json)
            printJson({{QStringLiteral("event"), QStringLiteral("peer_lost")},
                       {QStringLiteral("node_id"), id.toHex()}});
        else
            printLine(QStringLiteral("lost peer %1").arg(id.toHex()));
    });

    const quint16 port = session.port();
    if (json)
        printJson({{QStringLiteral("event"), QStringLiteral("ready")},
                   {QStringLiteral("node_id"), self},
                   {QStringLiteral("udp_port"), port},
                   {QStringLiteral("tcp_port"), port}});
    else
        printLine(QStringLiteral("node %1 listening on %2")
                      .arg(self, options.bind ? addressOf(session.localEndpoint())
                                              : QStringLiteral("UDP port %1 of every address").arg(port)));

    const auto announceShared = [&](const session::SharedFileRow& file) {
        share::Link link{file.contentId, file.name, file.size};
        // Where this node can be reached, so a friend with no bootstrap node joins through the link.
        for (const net::Endpoint& contact : session.contactEndpoints())
            link.contacts << contact;
        if (json)
            printJson({{QStringLiteral("event"), QStringLiteral("shared")},
                       {QStringLiteral("name"), link.name},
                       {QStringLiteral("size"), double(link.size)},
                       {QStringLiteral("link"), link.toString()},
                       {QStringLiteral("path"), QDir::toNativeSeparators(file.path)}});
        else
            printLine(
                QStringLiteral("sharing %1 as %2").arg(QDir::toNativeSeparators(file.path), link.toString()));
    };
    QObject::connect(&session, &session::Session::fileShared, announceShared);
    QObject::connect(&session, &session::Session::fileFailed,
                     [](const QString&, const QString& error) { warn(error); });
    // Files that were ready before the signals were connected (from the last run's cache).
    for (const session::SharedFileRow& file : session.sharedFiles())
        if (file.state == session::SharedFileRow::State::Ready)
            announceShared(file);

    session.join();
    tellReachability();

    // SIGTERM: leave gracefully (hand keys over), bounded in time. SIGINT: the same.
    const bool handled = onTermination([&] {
        session.stop([&](bool left) {
            if (left && json)
                printJson(
                    {{QStringLiteral("event"), QStringLiteral("left")}, {QStringLiteral("node_id"), self}});
            QCoreApplication::exit(Success);
        });
    });
    if (!handled)
        return fail(Failure, QStringLiteral("cannot set up signal handling"));
    return QCoreApplication::exec();
}

QJsonArray hopIds(const dht::LookupResult& result) {
    QJsonArray hops;
    for (const dht::NodeRef& hop : result.path)
        hops.append(hop.id.toHex());
    return hops;
}

ClientAction walkRing(const Options& options) {
    return [&options](dht::RingClient& client, const dht::NodeRef& contact, std::function<void(int)> finish) {
        client.walk(contact, 100'000, [&options, finish](const QList<dht::NodeRef>& ring, bool complete) {
            for (const dht::NodeRef& node : ring) {
                if (options.json)
                    printJson({{QStringLiteral("node_id"), node.id.toHex()},
                               {QStringLiteral("address"), addressOf(node.endpoint)}});
                else
                    printLine(QStringLiteral("%1 %2").arg(node.id.toHex(), addressOf(node.endpoint)));
            }
            finish(complete ? Success : fail(Failure, QStringLiteral("the walk round the ring broke off")));
        });
    };
}

ClientAction lookupKey(const Options& options, const NodeId& key) {
    return [&options, key](dht::RingClient& client, const dht::NodeRef& contact,
                           std::function<void(int)> finish) {
        client.lookup(contact, key, [&options, finish](const dht::LookupResult& result) {
            if (!result.found) {
                finish(fail(Failure, QStringLiteral("no owner found for the key")));
                return;
            }
            if (options.json)
                printJson({{QStringLiteral("owner"), result.owner.id.toHex()},
                           {QStringLiteral("address"), addressOf(result.owner.endpoint)},
                           {QStringLiteral("hops"), hopIds(result)}});
            else
                printLine(QStringLiteral("owner %1 at %2 after %3 hops")
                              .arg(result.owner.id.toHex(), addressOf(result.owner.endpoint))
                              .arg(result.hops()));
            finish(Success);
        });
    };
}

ClientAction putRecord(const Options& options, dht::Record record) {
    return [&options, record](dht::RingClient& client, const dht::NodeRef& contact,
                              std::function<void(int)> finish) {
        client.put(contact, record,
                   [&options, record, finish](std::optional<net::StoreStatus> status,
                                              const dht::LookupResult& result) {
                       if (!status) {
                           finish(fail(Failure, QStringLiteral("the key's owner could not be reached")));
                           return;
                       }
                       if (*status != net::StoreStatus::Stored && *status != net::StoreStatus::Unchanged) {
                           finish(fail(
                               Failure,
                               QStringLiteral("the owner refused the record (status %1)").arg(int(*status))));
                           return;
                       }
                       if (options.json)
                           printJson({{QStringLiteral("key"), record.key.toHex()},
                                      {QStringLiteral("owner"), result.owner.id.toHex()},
                                      {QStringLiteral("stored"), true}});
                       else
                           printLine(QStringLiteral("stored under %1 at %2")
                                         .arg(record.key.toHex(), result.owner.id.toHex()));
                       finish(Success);
                   });
    };
}

ClientAction getRecords(const Options& options, const NodeId& key) {
    return [&options, key](dht::RingClient& client, const dht::NodeRef& contact,
                           std::function<void(int)> finish) {
        client.get(contact, key,
                   [&options, finish](const QList<dht::Record>& records, const dht::LookupResult&) {
                       for (const dht::Record& record : records) {
                           const QString value = QString::fromUtf8(record.value);
                           if (options.json)
                               printJson({{QStringLiteral("key"), record.key.toHex()},
                                          {QStringLiteral("publisher"), record.publisher.toHex()},
                                          {QStringLiteral("value"), value},
                                          {QStringLiteral("expires_ms"), record.expiresAtMs()}});
                           else
                               printLine(QStringLiteral("%1 %2").arg(record.publisher.toHex(), value));
                       }
                       finish(records.isEmpty() ? fail(Failure, QStringLiteral("no records under the key"))
                                                : Success);
                   });
    };
}

int showIdentity(const QString& dataDir, bool json) {
    auto identity = crypto::Identity::loadOrCreate(dataDir);
    if (!identity)
        return fail(Failure, identity.error());
    const QString nodeId = identity->nodeId().toHex();
    const QString publicKey = identity->publicKey().toHex();
    // Only a node running on this data directory knows its reachability.
    const std::optional<session::ReachabilityReport> reachability = RunStatus::readRunning(dataDir);
    if (json) {
        QJsonObject reachable;
        if (reachability) {
            reachable = reachability->toJson();
            reachable.remove(QStringLiteral("event"));
        }
        printJson({{QStringLiteral("node_id"), nodeId},
                   {QStringLiteral("public_key"), publicKey},
                   {QStringLiteral("reachability"),
                    reachability ? QJsonValue(reachable) : QJsonValue(QJsonValue::Null)}});
    } else {
        printLine(QStringLiteral("node id:    %1").arg(nodeId));
        printLine(QStringLiteral("public key: %1").arg(publicKey));
        printLine(QStringLiteral("reachable:  %1")
                      .arg(reachability ? describe(*reachability) : QStringLiteral("no node running here")));
    }
    return Success;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ringshare-node"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The headless Ringshare node.\n\n"
        "Commands:\n"
        "  run          Run a node until SIGINT or SIGTERM, then leave the ring gracefully.\n"
        "  ring         Walk the ring by successor pointers and print every node in ring order.\n"
        "  lookup KEY   Print the owner of KEY (40 hex digits, or any text, which is hashed) and the hops.\n"
        "  put KEY VALUE  Store VALUE (text) under KEY for a day, signed with this data dir's identity.\n"
        "  get KEY      Print the records stored under KEY.\n"
        "  share PATH...  Hash files (folders: every file inside) and print their links. No network.\n"
        "  search WORDS...  Find shared files whose names hold every word; print name, size, sources, link.\n"
        "  get LINK     Download the file a ringshare: link names into --download-dir, from every peer that\n"
        "               has it; exit 0 only once every byte is verified. Run it again to resume.\n"
        "  id           Print this node's ID and public key (creating the identity on first use).\n"
        "`ring`, `lookup`, `put`, `get` and `search` take no place on the ring; they need --bootstrap,\n"
        "except `get LINK` with a link that names contacts (x.pe=), which joins through those.\n"
        "`run --share PATH` shares files and folders (remembered in DIR/library.json) until stopped.\n"
        "`run` keeps the peers it knew in DIR/peers.json and rejoins through them after a restart.\n"
        "`run` asks the home router to forward its port (UPnP-IGD, then NAT-PMP) unless --no-port-mapping.\n"
        "--config FILE reads `key = value` lines (port, bind, bootstrap, lan, port-mapping, share, "
        "download-dir,\n"
        "upload-limit, download-limit); options given on the command line win over the file.\n\n"
        "Exit codes: 0 success, 1 failure, 2 bad usage."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Keep the identity and state in <dir> (default: %1).")
            .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
        QStringLiteral("dir"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print one JSON object per line instead of text."));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QStringLiteral(
            "UDP port (and later TCP transfers); 0 = one drawn once and kept in the data directory."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption bindOption(
        QStringLiteral("bind"), QStringLiteral("Address to listen on (default: every address of this host)."),
        QStringLiteral("addr"));
    const QCommandLineOption bootstrapOption(
        QStringLiteral("bootstrap"),
        QStringLiteral("A node to join through, by host name or IP address (seed.example.org:4000, "
                       "192.0.2.1:4000, [2001:db8::1]:4000); repeatable. A name is looked up each time it "
                       "is used and every address it has is tried."),
        QStringLiteral("host:port"));
    const QCommandLineOption noLanOption(
        QStringLiteral("no-lan"),
        QStringLiteral("Do not look for peers on the local network. Without --bootstrap, `run` otherwise "
                       "announces itself by UDP multicast and joins the peers it hears."));
    const QCommandLineOption noPortMappingOption(
        QStringLiteral("no-port-mapping"),
        QStringLiteral("run: do not ask the home router (UPnP-IGD, NAT-PMP) to forward the port."));
    const QCommandLineOption lanPortOption(
        QStringLiteral("lan-port"),
        QStringLiteral("UDP port of LAN discovery; nodes find each other only on the same one (default %1).")
            .arg(net::LanDiscoveryOptions::kDefaultPort),
        QStringLiteral("n"));
    const QCommandLineOption stabilizeOption(
        QStringLiteral("stabilize-ms"), QStringLiteral("Maintenance period in milliseconds (for tests)."),
        QStringLiteral("n"));
    const QCommandLineOption portMappingLeaseOption(
        QStringLiteral("port-mapping-lease"),
        QStringLiteral("Seconds of the port mapping lease asked of the router (for tests; default 3600)."),
        QStringLiteral("s"));
    const QCommandLineOption shareOption(QStringLiteral("share"),
                                         QStringLiteral("run: share this file or folder; repeatable."),
                                         QStringLiteral("path"));
    const QCommandLineOption downloadDirOption(
        QStringLiteral("download-dir"),
        QStringLiteral("Where downloads go (default: the current directory)."), QStringLiteral("dir"));
    const QCommandLineOption uploadLimitOption(
        QStringLiteral("upload-limit"), QStringLiteral("Upload at most this many KiB/s (0: no limit)."),
        QStringLiteral("KiB/s"));
    const QCommandLineOption downloadLimitOption(
        QStringLiteral("download-limit"), QStringLiteral("Download at most this many KiB/s (0: no limit)."),
        QStringLiteral("KiB/s"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("search: seconds to wait for answers (default 10); get: give up after this many "
                       "seconds without any source (default 60)."),
        QStringLiteral("s"));
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QStringLiteral("Read settings from <file> (see ringshare-node(1)); the command line wins over it."),
        QStringLiteral("file"));
    parser.addOptions({dataDirOption, jsonOption, portOption, bindOption, bootstrapOption, noLanOption,
                       noPortMappingOption, lanPortOption, stabilizeOption, portMappingLeaseOption,
                       shareOption, downloadDirOption, uploadLimitOption, downloadLimitOption, timeoutOption,
                       configOption});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("run, ring, lookup KEY, put KEY VALUE, get KEY, share PATH..., search WORDS..., "
                       "get LINK or id."));

    if (!parser.parse(QCoreApplication::arguments()))
        return fail(BadUsage, parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(helpOption)) {
        printLine(parser.helpText());
        return Success;
    }
    if (parser.isSet(versionOption)) {
        printLine(QStringLiteral("ringshare-node %1").arg(QCoreApplication::applicationVersion()));
        return Success;
    }
    if (parser.isSet(configOption)) {
        auto settings = readConfigFile(parser.value(configOption));
        if (!settings)
            return fail(BadUsage, settings.error());
        // The file's settings become arguments placed before the real ones, and are dropped for options the
        // command line sets itself, so every value goes through the checks below and the command line wins
        // (for repeatable options too: --bootstrap on the command line replaces the file's list).
        const QStringList given = QCoreApplication::arguments();
        QStringList arguments{given.first()};
        for (const ConfigSetting& setting : settings.value()) {
            if (parser.isSet(setting.option))
                continue;
            arguments << QStringLiteral("--") + setting.option;
            if (!setting.isFlag)
                arguments << setting.value;
        }
        arguments << given.mid(1);
        if (!parser.parse(arguments))
            return fail(BadUsage, parser.errorText() + QStringLiteral(" (see --help)"));
    }

    Options options;
    options.json = parser.isSet(jsonOption);
    options.dataDir = parser.isSet(dataDirOption)
                          ? parser.value(dataDirOption)
                          : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(BadUsage, QStringLiteral("--port takes a number from 0 to 65535"));
    options.port = quint16(port);
    if (parser.isSet(bindOption)) {
        QHostAddress address;
        if (!address.setAddress(parser.value(bindOption)) || address.isNull())
            return fail(BadUsage,
                        QStringLiteral("--bind takes an IP address, not '%1'").arg(parser.value(bindOption)));
        options.bind = address;
    }
    for (const QString& text : parser.values(bootstrapOption)) {
        // Only checked here: a name is resolved each time it is used (see Session, runClient).
        const auto node = net::HostPort::parse(text);
        if (!node)
            return fail(BadUsage,
                        QStringLiteral("--bootstrap takes HOST:PORT, not '%1': %2").arg(text, node.error()));
        options.bootstrap.append(node.value());
    }
    options.lan = !parser.isSet(noLanOption);
    options.portMapping = !parser.isSet(noPortMappingOption);
    if (parser.isSet(lanPortOption)) {
        const uint lanPort = parser.value(lanPortOption).toUInt(&ok);
        if (!ok || lanPort == 0 || lanPort > 65535)
            return fail(BadUsage, QStringLiteral("--lan-port takes a number from 1 to 65535"));
        options.lanPort = quint16(lanPort);
    }
    if (parser.isSet(stabilizeOption)) {
        const int ms = parser.value(stabilizeOption).toInt(&ok);
        if (!ok || ms < 10 || ms > 3'600'000)
            return fail(BadUsage, QStringLiteral("--stabilize-ms takes a number from 10 to 3600000"));
        options.stabilizeMs = ms;
    }
    if (parser.isSet(portMappingLeaseOption)) {
        const int seconds = parser.value(portMappingLeaseOption).toInt(&ok);
        if (!ok || seconds < 2 || seconds > 604'800)
            return fail(BadUsage, QStringLiteral("--port-mapping-lease takes a number from 2 to 604800"));
        options.portMappingLeaseSeconds = seconds;
    }

    const auto rate = [&](const QCommandLineOption& option, qint64& out) {
        if (!parser.isSet(option))
            return true;
        const qint64 kib = parser.value(option).toLongLong(&ok);
        if (!ok || kib < 0 || kib > 100'000'000)
            return false;
        out = kib * 1024;
        return true;
    };
    if (!rate(uploadLimitOption, options.uploadLimit))
        return fail(BadUsage, QStringLiteral("--upload-limit takes KiB/s, a number from 0 to 100000000"));
    if (!rate(downloadLimitOption, options.downloadLimit))
        return fail(BadUsage, QStringLiteral("--download-limit takes KiB/s, a number from 0 to 100000000"));
    if (parser.isSet(timeoutOption)) {
        options.timeoutSeconds = parser.value(timeoutOption).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1 || options.timeoutSeconds > 86'400)
            return fail(BadUsage, QStringLiteral("--timeout takes seconds, a number from 1 to 86400"));
    }
    options.shares = parser.values(shareOption);
    options.downloadDir = parser.value(downloadDirOption);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(BadUsage, QStringLiteral("no command given (see --help)"));
    const QString& command = positional.first();
    if (command == QLatin1String("run") && positional.size() == 1)
        return runNode(options);
    const auto keyOf = [](const QString& text) {
        return NodeId::fromHex(text).value_or(NodeId::hashOf(text.toUtf8()));
    };
    if (command == QLatin1String("ring") && positional.size() == 1)
        return runClient(options, walkRing(options));
    if (command == QLatin1String("lookup") && positional.size() == 2)
        return runClient(options, lookupKey(options, keyOf(positional[1])));
    const bool needsDataDir = command == QLatin1String("run") || command == QLatin1String("share") ||
                              command == QLatin1String("get") || command == QLatin1String("put") ||
                              command == QLatin1String("id");
    if (needsDataDir && options.dataDir.isEmpty())
        return fail(Failure, QStringLiteral("no data directory available; pass --data-dir"));
    if (command == QLatin1String("get") && positional.size() == 2 &&
        positional[1].trimmed().startsWith(QLatin1String("ringshare:"), Qt::CaseInsensitive))
        return getLinkCommand(options, positional[1]);
    if (command == QLatin1String("get") && positional.size() == 2)
        return runClient(options, getRecords(options, keyOf(positional[1])));
    if (command == QLatin1String("share") && positional.size() >= 2)
        return shareCommand(options, positional.mid(1));
    if (command == QLatin1String("search") && positional.size() >= 2)
        return searchCommand(options, positional.mid(1));
    if (command == QLatin1String("put") && positional.size() == 3) {
        const QByteArray value = positional[2].toUtf8();
        if (value.size() > dht::Record::kMaxValueSize)
            return fail(BadUsage,
                        QStringLiteral("a value may be at most %1 bytes").arg(dht::Record::kMaxValueSize));
        if (options.dataDir.isEmpty())
            return fail(Failure, QStringLiteral("no data directory available; pass --data-dir"));
        auto identity = crypto::Identity::loadOrCreate(options.dataDir);
        if (!identity)
            return fail(Failure, identity.error());
        constexpr quint32 kTtlSeconds = 24 * 3600;
        return runClient(options, putRecord(options, dht::Record::create(
                                                         identity.value(), keyOf(positional[1]), value,
                                                         QDateTime::currentMSecsSinceEpoch(), kTtlSeconds)));
    }
    if (command == QLatin1String("id") && positional.size() == 1) {
        if (options.dataDir.isEmpty())
            return fail(Failure, QStringLiteral("no data directory available; pass --data-dir"));
        return showIdentity(options.dataDir, options.json);
    }
    return fail(BadUsage, QStringLiteral("unknown command '%1' (see --help)").arg(positional.join(u' ')));
}
