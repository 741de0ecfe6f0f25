// Runs the ringshare-node binary under test to completion, as a script would; on another host, through
// `launcher` (a command that runs the rest of its arguments there, e.g. `ip netns exec NAME`).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>

struct NodeRun {
    int exitCode = -1; // -1 when it crashed or did not finish within 30 s
    QByteArray out;
    QByteArray err;
};

inline NodeRun runNodeTool(const QStringList& arguments, const QStringList& launcher = {}) {
    QProcess process;
    const QString binary = QStringLiteral(RINGSHARE_NODE_BINARY);
    if (launcher.isEmpty())
        process.start(binary, arguments);
    else
        process.start(launcher.first(), launcher.mid(1) + QStringList{binary} + arguments);
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

// The JSON objects of a run's output, one per non-empty line.
inline QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> lines;
    for (const QByteArray& line : out.split('\n'))
        if (!line.trimmed().isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    return lines;
}

// Files the tests hand the node and read back.
inline bool writeFile(const QString& path, const QByteArray& data) {
    QFile file(path); // WriteOnly truncates
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
