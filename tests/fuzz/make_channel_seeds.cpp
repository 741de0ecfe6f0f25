// Writes the seed corpus for fuzz_channel: real handshake frames and data frames from a connection run in
// memory, and a few near misses. Each seed starts with the byte that tells the target where to cut the rest.
// The output is committed under corpus/channel:
//   build/dev/tests/fuzz/fuzz_channel_seeds tests/fuzz/corpus/channel

#include "crypto/identity.h"
#include "crypto/securechannel.h"

#include <QDir>
#include <QFile>
#include <QtEndian>
#include <cstdio>
#include <tuple>

using namespace ringshare::crypto;

namespace {

bool writeSeed(const QDir& dir, const QString& name, char cut, const QByteArray& bytes) {
    QFile file(dir.filePath(name));
    const QByteArray seed = cut + bytes;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(seed) != seed.size()) {
        std::fprintf(stderr, "fuzz_channel_seeds: cannot write %s\n", qPrintable(file.fileName()));
        return false;
    }
    return true;
}

Identity identityFrom(std::uint8_t seedByte) {
    Identity::Seed seed;
    seed.fill(seedByte);
    return Identity::fromSeed(seed);
}

QByteArray lengthPrefix(quint32 length) {
    QByteArray prefix(4, Qt::Uninitialized);
    qToBigEndian(length, prefix.data());
    return prefix;
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

    const Identity alice = identityFrom(1);
    const Identity bob = identityFrom(2);
    SecureChannel initiator(alice, SecureChannel::Role::Initiator);
    SecureChannel responder(bob, SecureChannel::Role::Responder);
    QList<QByteArray> ignored;
    const QByteArray hello = initiator.start();
    QByteArray reply;
    QByteArray proof;
    responder.feed(hello, reply, ignored);
    initiator.feed(reply, proof, ignored);
    responder.feed(proof, reply, ignored);
    if (!initiator.isEstablished() || !responder.isEstablished()) {
        std::fprintf(stderr, "fuzz_channel_seeds: the handshake failed\n");
        return 1;
    }
    const QByteArray data = initiator.seal("a first message");
    const QByteArray empty = initiator.seal({});

    const QList<std::tuple<QString, char, QByteArray>> seeds = {
        {QStringLiteral("hello"), '\xff', hello},
        {QStringLiteral("hello_cut_early"), '\x10', hello},
        {QStringLiteral("hello_then_proof"), '\x30', hello + proof},
        {QStringLiteral("hello_then_proof_and_data"), '\x80', hello + proof + data + empty},
        {QStringLiteral("reply"), '\x80', reply},
        {QStringLiteral("reply_then_data"), '\xc0', reply + data},
        {QStringLiteral("bad_hello_truncated"), '\xff', hello.chopped(1)},
        {QStringLiteral("bad_reply_truncated"), '\x40', reply.first(100)},
        {QStringLiteral("bad_length_only"), '\x00', hello.first(4)},
        {QStringLiteral("bad_oversize_length"), '\x80', lengthPrefix(0x7fffffff) + QByteArray(8, 'x')},
        {QStringLiteral("bad_magic"), '\xff', lengthPrefix(36) + "RSX0" + hello.sliced(8)},
        {QStringLiteral("bad_data_first"), '\xff', data},
    };
    for (const auto& [name, cut, bytes] : seeds) {
        if (!writeSeed(dir, name, cut, bytes))
            return 1;
    }
    std::printf("fuzz_channel_seeds: wrote %lld seeds to %s\n", qlonglong(seeds.size()), argv[1]);
    return 0;
}
