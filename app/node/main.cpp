// ringshare-node: the headless Ringshare node for servers and scripts.
// Exit codes: 0 success, 1 failure, 2 bad usage. Errors are one line on stderr.

#include "base/version.h"
#include "crypto/identity.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <cstdio>

using namespace ringshare;

namespace {

enum ExitCode { Success = 0, Failure = 1, BadUsage = 2 };

int fail(int code, const QString& message) {
    std::fprintf(stderr, "ringshare-node: %s\n", qPrintable(message));
    return code;
}

void printLine(const QString& line) {
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

int showIdentity(const QString& dataDir, bool json) {
    auto identity = crypto::Identity::loadOrCreate(dataDir);
    if (!identity)
        return fail(Failure, identity.error());
    const QString nodeId = identity->nodeId().toHex();
    const QString publicKey = identity->publicKey().toHex();
    if (json) {
        const QJsonObject object{{QStringLiteral("node_id"), nodeId},
                                 {QStringLiteral("public_key"), publicKey}};
        printLine(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    } else {
        printLine(QStringLiteral("node id:    %1").arg(nodeId));
        printLine(QStringLiteral("public key: %1").arg(publicKey));
    }
    return Success;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ringshare-node"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The headless Ringshare node.\n\n"
                       "Commands:\n"
                       "  id    Print this node's ID and public key (creating the identity on first use).\n\n"
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
    parser.addOption(dataDirOption);
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do: id."));

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

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(BadUsage, QStringLiteral("no command given (see --help)"));
    const QString dataDir = parser.isSet(dataDirOption)
                                ? parser.value(dataDirOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dataDir.isEmpty())
        return fail(Failure, QStringLiteral("no data directory available; pass --data-dir"));

    const QString& command = positional.first();
    if (command == QLatin1String("id") && positional.size() == 1)
        return showIdentity(dataDir, parser.isSet(jsonOption));
    return fail(BadUsage, QStringLiteral("unknown command '%1' (see --help)").arg(positional.join(u' ')));
}
