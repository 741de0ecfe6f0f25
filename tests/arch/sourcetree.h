// Reads the source tree's C++ files and their #include "..." lines, and finds where they break the
// architecture rules; tst_architecture checks the findings against its list of known violations.
#pragma once

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <functional>

namespace arch {

struct Include {
    QString target; // the included file, relative to the source root ("core/dht/record.h")
    int line = 0;
};

struct SourceFile {
    QString path; // relative to the source root
    int lines = 0;
    QString firstLine;
    QList<Include> includes; // only those that resolve to a file of the tree
};

struct Violation {
    QString rule;
    QString file;
    int line = 0;
    QString detail; // what makes it one: the included file, or a cycle's other members
    QString note;   // said when it is printed, not part of its key

    // What the known-violation list names: line numbers move with every edit, the rule, file and target
    // don't.
    QString key() const { return detail.isEmpty() ? rule + u' ' + file : rule + u' ' + file + u' ' + detail; }
    QString describe() const {
        return QStringLiteral("%1:%2: [%3] %4")
            .arg(file)
            .arg(line)
            .arg(rule, (detail + u' ' + note).trimmed());
    }
};

// The folder a rule speaks of: "core/dht", "ui", "app/node", "tests/fuzz".
inline QString folderOf(const QString& path) {
    const QStringList parts = path.split(u'/');
    if (parts.size() >= 3 && parts[0] != QLatin1String("ui"))
        return parts[0] + u'/' + parts[1];
    return parts[0];
}

inline bool under(const QString& path, const QString& folder) {
    return path.startsWith(folder + u'/');
}

// All .h and .cpp files under `topFolders` of `root`, with their includes resolved the way the build
// resolves them: next to the including file first, then the include roots the CMake files set (core/ for
// ringshare_core, the project root for ui/ and app/node, app/ and app/lab for the lab).
inline QMap<QString, SourceFile> readTree(const QString& root, const QStringList& topFolders) {
    QMap<QString, SourceFile> files;
    QHash<QString, QList<QPair<QString, int>>> rawIncludes;
    const QDir rootDir(root);
    static const QRegularExpression includeLine(QStringLiteral("^\\s*#\\s*include\\s*\"([^\"]+)\""));
    for (const QString& top : topFolders) {
        QDirIterator it(rootDir.filePath(top), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString absolute = it.next();
            QFile file(absolute);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            SourceFile source;
            source.path = rootDir.relativeFilePath(absolute);
            const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
            source.lines = int(lines.size()) - (lines.last().isEmpty() ? 1 : 0);
            source.firstLine = lines.first();
            for (int n = 0; n < lines.size(); ++n) {
                const QRegularExpressionMatch match = includeLine.match(lines[n]);
                if (match.hasMatch())
                    rawIncludes[source.path].append({match.captured(1), n + 1});
            }
            files.insert(source.path, source);
        }
    }
    const QStringList includeRoots = {QStringLiteral("core"), QString(), QStringLiteral("app"),
                                      QStringLiteral("app/lab")};
    for (SourceFile& source : files) {
        const QString here = QFileInfo(source.path).path();
        for (const auto& [written, line] : rawIncludes.value(source.path)) {
            QStringList candidates{QDir::cleanPath(here + u'/' + written)};
            for (const QString& includeRoot : includeRoots)
                candidates.append(
                    QDir::cleanPath(includeRoot.isEmpty() ? written : includeRoot + u'/' + written));
            // Generated headers (base/version.h, the .moc files) and Qt's resolve to nothing here.
            for (const QString& candidate : candidates) {
                if (files.contains(candidate)) {
                    source.includes.append({candidate, line});
                    break;
                }
            }
        }
    }
    return files;
}

// Rule a: core's folders use only the folders below them (DESIGN.md's table), core uses nothing of ui/ or
// app/, ui/ nothing of app/.
inline QList<Violation> layeringViolations(const QMap<QString, SourceFile>& files) {
    const QHash<QString, QStringList> allowed = {
        {QStringLiteral("core/base"), {}},
        {QStringLiteral("core/crypto"), {QStringLiteral("core/base")}},
        {QStringLiteral("core/net"), {QStringLiteral("core/base"), QStringLiteral("core/crypto")}},
        {QStringLiteral("core/dht"),
         {QStringLiteral("core/base"), QStringLiteral("core/crypto"), QStringLiteral("core/net")}},
        // The table also lets share use net; no file of share includes one of net today.
        {QStringLiteral("core/share"),
         {QStringLiteral("core/base"), QStringLiteral("core/crypto"), QStringLiteral("core/dht"),
          QStringLiteral("core/net")}},
        {QStringLiteral("core/transfer"),
         {QStringLiteral("core/base"), QStringLiteral("core/crypto"), QStringLiteral("core/net"),
          QStringLiteral("core/share")}},
        {QStringLiteral("core/session"),
         {QStringLiteral("core/base"), QStringLiteral("core/crypto"), QStringLiteral("core/net"),
          QStringLiteral("core/dht"), QStringLiteral("core/share"), QStringLiteral("core/transfer")}},
    };
    QList<Violation> found;
    for (const SourceFile& source : files) {
        const QString from = folderOf(source.path);
        for (const Include& include : source.includes) {
            const QString to = folderOf(include.target);
            bool bad = false;
            if (under(source.path, QStringLiteral("core"))) {
                if (under(include.target, QStringLiteral("core")))
                    bad = to != from && !allowed.value(from).contains(to);
                else
                    bad = under(include.target, QStringLiteral("ui")) ||
                          under(include.target, QStringLiteral("app"));
            } else if (from == QLatin1String("ui")) {
                bad = under(include.target, QStringLiteral("app"));
            }
            if (bad)
                found.append({QStringLiteral("layering"), source.path, include.line, include.target});
        }
    }
    return found;
}

// Rule b: no circle in the file-level include graph of core/, ui/ and app/ (Tarjan's strongly connected
// components; each component of more than one file, or a file that includes itself, is one violation).
inline QList<Violation> cycleViolations(const QMap<QString, SourceFile>& files) {
    auto inGraph = [](const QString& path) {
        return under(path, QStringLiteral("core")) || under(path, QStringLiteral("ui")) ||
               under(path, QStringLiteral("app"));
    };
    QHash<QString, int> index, lowLink;
    QSet<QString> onStack;
    QStringList stack;
    int counter = 0;
    QList<Violation> found;
    std::function<void(const QString&)> visit = [&](const QString& path) {
        index[path] = lowLink[path] = counter++;
        stack.append(path);
        onStack.insert(path);
        bool selfLoop = false;
        for (const Include& include : files[path].includes) {
            if (!inGraph(include.target))
                continue;
            selfLoop |= include.target == path;
            if (!index.contains(include.target)) {
                visit(include.target);
                lowLink[path] = std::min(lowLink[path], lowLink[include.target]);
            } else if (onStack.contains(include.target)) {
                lowLink[path] = std::min(lowLink[path], index[include.target]);
            }
        }
        if (lowLink[path] != index[path])
            return;
        QStringList component;
        QString member;
        do {
            member = stack.takeLast();
            onStack.remove(member);
            component.append(member);
        } while (member != path);
        if (component.size() == 1 && !selfLoop)
            return;
        std::sort(component.begin(), component.end());
        const QString first = component.takeFirst();
        int line = 0;
        for (const Include& include : files[first].includes)
            if (include.target == first || component.contains(include.target))
                line = line ? line : include.line;
        found.append({QStringLiteral("cycle"), first, line, component.join(u' '),
                      QStringLiteral("(these files include each other in a circle)")});
    };
    for (const SourceFile& source : files)
        if (inGraph(source.path) && !index.contains(source.path))
            visit(source.path);
    return found;
}

// Rule c: a file past 600 lines does two jobs (STYLE.md).
inline QList<Violation> lengthViolations(const QMap<QString, SourceFile>& files, int limit = 600) {
    QList<Violation> found;
    for (const SourceFile& source : files)
        if ((under(source.path, QStringLiteral("core")) || under(source.path, QStringLiteral("ui"))) &&
            source.lines > limit)
            found.append({QStringLiteral("length"), source.path, source.lines, QString(),
                          QStringLiteral("%1 lines, more than %2").arg(source.lines).arg(limit)});
    return found;
}

// Rule d: the views reach the DHT and transfers only through Session and plain value headers; the node
// tool's `ring`/`lookup` commands may use the ring client and the values it answers with.
inline QList<Violation> publicHeaderViolations(const QMap<QString, SourceFile>& files) {
    // transferstatus.h holds the rows the transfers view shows. No view uses a plain value type from
    // core/dht today (the ring view reads RingObserver's own snapshot), so none of dht's headers is listed.
    const QStringList viewHeaders = {QStringLiteral("core/transfer/transferstatus.h")};
    // RingClient, and what its answers are made of: LookupResult (lookup.h) and Record (record.h).
    const QStringList nodeToolDhtHeaders = {QStringLiteral("core/dht/ringclient.h"),
                                            QStringLiteral("core/dht/lookup.h"),
                                            QStringLiteral("core/dht/record.h")};
    // app/lab is not checked: the lab experiments on the DHT and the transfer code themselves, so it may
    // include anything of core.
    QList<Violation> found;
    for (const SourceFile& source : files) {
        const QString from = folderOf(source.path);
        for (const Include& include : source.includes) {
            const QString to = folderOf(include.target);
            const bool internal = to == QLatin1String("core/dht") || to == QLatin1String("core/transfer");
            bool bad = false;
            if (from == QLatin1String("ui") || from == QLatin1String("app/gui"))
                bad = internal && !viewHeaders.contains(include.target);
            else if (from == QLatin1String("app/node"))
                bad = to == QLatin1String("core/transfer") ||
                      (to == QLatin1String("core/dht") && !nodeToolDhtHeaders.contains(include.target));
            if (bad)
                found.append({QStringLiteral("public-headers"), source.path, include.line, include.target});
        }
    }
    return found;
}

// Rule e: every file opens with a comment line saying what it holds (STYLE.md 14).
inline QList<Violation> openingCommentViolations(const QMap<QString, SourceFile>& files) {
    QList<Violation> found;
    for (const SourceFile& source : files)
        if (!source.firstLine.startsWith(QLatin1String("//")))
            found.append({QStringLiteral("comment"), source.path, 1, QString(),
                          QStringLiteral("line 1 is not a // comment saying what the file holds")});
    return found;
}

} // namespace arch
