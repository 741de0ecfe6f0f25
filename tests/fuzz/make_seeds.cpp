// Writes the seed corpus for fuzz_datagram: the codec tests' sample messages, one file each, and a few
// near misses that exercise the rejection paths. The output is committed under corpus/datagram:
//   build/dev/tests/fuzz/fuzz_datagram_seeds tests/fuzz/corpus/datagram

#include "net/codec.h"
#include "samplemessages.h"

#include <QDir>
#include <QFile>
#include <cstdio>

using namespace ringshare::net;

namespace {
bool writeSeed(const QDir& dir, const QString& name, const QByteArray& bytes) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz_datagram_seeds: cannot write %s\n", qPrintable(file.fileName()));
        return false;
    }
    return true;
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIRECTORY\n", argv[0]);
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.mkpath(QStringLiteral(".")))
        return 1;

    const QByteArray ping = QByteArray::fromHex("a400010101020704a0");
    const QByteArray node =
        QByteArray::fromHex("8354") + QByteArray(20, '\x11') + QByteArray::fromHex("44c0000201");
    const QList<std::pair<QString, QByteArray>> nearMisses = {
        {QStringLiteral("bad_truncated"), ping.chopped(1)},
        {QStringLiteral("bad_trailing"), ping + '\0'},
        {QStringLiteral("bad_version"), QByteArray::fromHex("a400020101020704a0")},
        {QStringLiteral("bad_type"), QByteArray::fromHex("a400010114020704a0")},
        {QStringLiteral("bad_long_form"), QByteArray::fromHex("a40018010101020704a0")},
        {QStringLiteral("bad_indefinite"), QByteArray::fromHex("bf00010101020704a0ff")},
        {QStringLiteral("bad_port_zero"), QByteArray::fromHex("a400010104020704a10181") + node + '\0'},
    };

    int written = 0;
    for (const samples::Sample& sample : samples::validMessages()) {
        const std::optional<QByteArray> bytes = encode(sample.message);
        if (!bytes || !writeSeed(dir, sample.name, *bytes))
            return 1;
        ++written;
    }
    for (const auto& [name, bytes] : nearMisses) {
        if (decode(bytes).error == DecodeError::None || !writeSeed(dir, name, bytes))
            return 1;
        ++written;
    }
    std::printf("fuzz_datagram_seeds: wrote %d seeds to %s\n", written, argv[1]);
    return 0;
}
