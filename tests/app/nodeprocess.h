// `ringshare-node run` processes for integration tests: start one, read its JSON events, walk the ring.
#pragma once

#include "noderun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <functional>
#include <memory>
#include <signal.h>
#include <sys/prctl.h>

namespace {

const QString kBinary = QStringLiteral(RINGSHARE_NODE_BINARY);

// One `ringshare-node run` process and what its ready line said.
struct Node {
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QList<QJsonObject> events; // every JSON line read so far, after the ready line
    QString id;
    quint16 port = 0;
    QString dataDir;

    Node() = default;
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;
    ~Node() {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished();
        }
    }

    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(port); }
    qint64 rssKiB() const {
        QFile status(QStringLiteral("/proc/%1/status").arg(process->processId()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        return -1;
    }
};

// `launcher`: see runNodeTool().
inline std::unique_ptr<Node> startNode(const QString& dataDir, const QStringList& extra,
                                       const QStringList& launcher = {}) {
    auto node = std::make_unique<Node>();
    node->dataDir = dataDir;
    const QStringList arguments = QStringList{QStringLiteral("run"),
                                              QStringLiteral("--json"),
                                              QStringLiteral("--no-port-mapping"),
                                              QStringLiteral("--stabilize-ms"),
                                              QStringLiteral("100"),
                                              QStringLiteral("--data-dir"),
                                              dataDir} +
                                  extra;
    // A test that dies leaves no node running.
    node->process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    if (launcher.isEmpty())
        node->process->start(kBinary, arguments);
    else
        node->process->start(launcher.first(), launcher.mid(1) + QStringList{kBinary} + arguments);
    if (!node->process->waitForStarted() || !node->process->waitForReadyRead(10'000))
        return nullptr;
    const QJsonObject ready = QJsonDocument::fromJson(node->process->readLine()).object();
    if (ready.value(QStringLiteral("event")).toString() != QStringLiteral("ready"))
        return nullptr;
    node->id = ready.value(QStringLiteral("node_id")).toString();
    node->port = quint16(ready.value(QStringLiteral("udp_port")).toInt());
    return node;
}

inline QStringList walk(const QString& bootstrap, const QStringList& launcher = {}) {
    const NodeRun ring = runNodeTool(
        {QStringLiteral("ring"), QStringLiteral("--json"), QStringLiteral("--bootstrap"), bootstrap},
        launcher);
    QStringList ids;
    for (const QByteArray& line : ring.out.split('\n'))
        if (!line.isEmpty())
            ids << QJsonDocument::fromJson(line).object().value(QStringLiteral("node_id")).toString();
    return ids;
}

// `ids` in ring order starting at `first`.
inline QStringList ringOrder(QStringList ids, const QString& first) {
    std::sort(ids.begin(), ids.end());
    QStringList order;
    const qsizetype start = ids.indexOf(first);
    for (qsizetype k = 0; k < ids.size(); ++k)
        order << ids[(start + k) % ids.size()];
    return order;
}

// Walks the ring from `bootstrap` until it is exactly `expected` or `limitMs` passes; returns the time taken
// or -1.
inline qint64 waitForRing(const QString& bootstrap, const QStringList& expected, int limitMs) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < limitMs) {
        if (walk(bootstrap) == expected)
            return clock.elapsed();
        QTest::qWait(200);
    }
    return -1;
}

// Reads the node's output until an event of this kind arrives (or one already did and `matches` holds for
// it), for at most `timeoutMs`. Returns it, or an empty object.
inline QJsonObject waitForEvent(Node& node, const QString& kind, int timeoutMs,
                                const std::function<bool(const QJsonObject&)>& matches = {}) {
    QElapsedTimer clock;
    clock.start();
    qsizetype seen = 0;
    for (;;) {
        for (; seen < node.events.size(); ++seen) {
            const QJsonObject& event = node.events[seen];
            if (event.value(QStringLiteral("event")).toString() == kind && (!matches || matches(event)))
                return event;
        }
        while (node.process->canReadLine())
            node.events.append(QJsonDocument::fromJson(node.process->readLine()).object());
        if (seen < node.events.size())
            continue;
        if (clock.elapsed() > timeoutMs || node.process->state() == QProcess::NotRunning)
            return {};
        node.process->waitForReadyRead(100);
    }
}

} // namespace
