#pragma once

// Runs the ringshare-node binary under test to completion, as a script would.
#include <QByteArray>
#include <QProcess>
#include <QStringList>

struct NodeRun {
    int exitCode = -1; // -1 when it crashed or did not finish within 30 s
    QByteArray out;
    QByteArray err;
};

inline NodeRun runNodeTool(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(RINGSHARE_NODE_BINARY), arguments);
    NodeRun run;
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}
