// The `key = value` settings file that `ringshare-node --config FILE` reads.
#pragma once

// The file `ringshare-node --config FILE` reads, so that a service keeps its settings where an operator
// edits them (/etc/ringshare/ringshare-node.conf) rather than in a unit's command line.
#include "base/result.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace ringshare::node {

// One setting of the file, named by the command-line option it stands for, so that the command line and the
// file go through the same checks and the command line can win.
struct ConfigSetting {
    QString option; // "port", "bootstrap", "no-lan", ...
    QString value;  // empty for a flag
    bool isFlag = false;
    int line = 0;
};

// A config file is a few dozen lines; anything much bigger is the wrong file.
inline constexpr qint64 kMaxConfigFileSize = 64 * 1024;

// `key = value` per line; `#` starts a comment only at the start of a line, since a path may hold one.
// Keys: port, bind, bootstrap (repeatable, or comma separated), lan (yes/no), port-mapping (yes/no),
// share (repeatable),
// download-dir, upload-limit, download-limit (KiB/s). Errors name the line.
[[nodiscard]] Result<QList<ConfigSetting>> parseConfig(QStringView text);

// Reads and parses FILE; errors start with the file's name.
[[nodiscard]] Result<QList<ConfigSetting>> readConfigFile(const QString& path);

} // namespace ringshare::node
