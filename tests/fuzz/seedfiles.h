// What the seed generators (make_*_seeds.cpp) share: a named list of seed inputs, the file writing, and
// fixed identities so that every run writes the same bytes.
#pragma once

#include "crypto/identity.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QString>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace ringshare::fuzzseeds {

using Seeds = QList<std::pair<QString, QByteArray>>;

// Writes each seed as a file of `dir` (made if missing); `tool` names the program in its messages.
inline bool writeSeeds(const QDir& dir, const Seeds& seeds, const char* tool) {
    if (!dir.mkpath(QStringLiteral(".")))
        return false;
    for (const auto& [name, bytes] : seeds) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "%s: cannot write %s\n", tool, qPrintable(file.fileName()));
            return false;
        }
    }
    std::printf("%s: wrote %lld seeds to %s\n", tool, qlonglong(seeds.size()), qPrintable(dir.path()));
    return true;
}

// An identity from a seed of `fill` bytes: the same key pair in every run.
inline crypto::Identity identityFrom(std::uint8_t fill) {
    crypto::Identity::Seed seed;
    seed.fill(fill);
    return crypto::Identity::fromSeed(seed);
}

} // namespace ringshare::fuzzseeds
