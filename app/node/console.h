// How ringshare-node talks to its user: results on stdout (text or one JSON object per line), errors as one
// line on stderr, and the exit codes scripts rely on.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdio>

namespace ringshare::node {

enum ExitCode { Success = 0, Failure = 1, BadUsage = 2 };

inline void warn(const QString& message) {
    std::fprintf(stderr, "ringshare-node: %s\n", qPrintable(message));
    std::fflush(stderr);
}

inline int fail(int code, const QString& message) {
    warn(message);
    return code;
}

inline void printLine(const QString& line) {
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

inline void printJson(const QJsonObject& object) {
    printLine(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

// 1536 -> "1.5 KiB".
inline QString humanSize(qint64 bytes) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1 B").arg(bytes)
                     : QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

} // namespace ringshare::node
