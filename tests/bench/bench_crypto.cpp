// Single-thread throughput of the cryptography every shared byte goes through: BLAKE2b-256 over 1 MiB blocks
// (hashing a file's chunks), and SecureChannel sealing and opening 64 KiB messages (a transfer on the wire).
// Opening is measured twice: with each frame handed over whole, and with the stream cut into 64 KiB reads
// that do not line up with frames, as a socket delivers it. MB/s counts plaintext bytes, 1 MB = 10^6 bytes.
//
//   bench_crypto              256 MiB per row
//   bench_crypto --quick      16 MiB per row (CI)
//   bench_crypto --mib N      N MiB per row
//   bench_crypto --csv        CSV instead of a table

#include "benchpeer.h"
#include "crypto/blake2b.h"
#include "crypto/identity.h"
#include "crypto/securechannel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <utility>

using namespace ringshare::crypto;

namespace {

constexpr qsizetype kHashBlock = 1024 * 1024;
constexpr qsizetype kMessageSize = 64 * 1024;
constexpr qsizetype kSocketRead = 64 * 1024;
constexpr int kMessagesPerBatch = 64; // 4 MiB of frames in memory at a time

struct Row {
    const char* name;
    qint64 bytes;
    double seconds;
};

Row hashRow(qint64 total) {
    const QByteArray block = ringshare::bench::patternBytes(kHashBlock);
    QByteArray digest;
    QElapsedTimer timer;
    timer.start();
    for (qint64 done = 0; done < total; done += kHashBlock)
        digest = Blake2b::hash(block, 32);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    return {"BLAKE2b-256, 1 MiB blocks", digest.size() == 32 ? total : -1, seconds};
}

// Two channels with the handshake done, the initiator sending.
struct Pair {
    Pair(const Identity& a, const Identity& b)
        : sender(a, SecureChannel::Role::Initiator), receiver(b, SecureChannel::Role::Responder) {
        QByteArray toReceiver = sender.start();
        QByteArray toSender;
        QList<QByteArray> none;
        receiver.feed(std::exchange(toReceiver, {}), toSender, none);
        sender.feed(std::exchange(toSender, {}), toReceiver, none);
        receiver.feed(toReceiver, toSender, none);
    }
    SecureChannel sender;
    SecureChannel receiver;
};

// Seals and opens `total` bytes of 64 KiB messages. Returns the seal row and the open row; a byte count of -1
// means the messages did not come back intact.
std::pair<Row, Row> channelRows(const Identity& a, const Identity& b, qint64 total, bool socketReads) {
    Pair pair(a, b);
    const QByteArray message = ringshare::bench::patternBytes(kMessageSize);
    QList<QByteArray> frames;
    frames.reserve(kMessagesPerBatch);
    QByteArray stream;
    QByteArray unused;
    QList<QByteArray> received;
    received.reserve(kMessagesPerBatch + 1);
    qint64 sealNs = 0;
    qint64 openNs = 0;
    qint64 intact = 0;
    QElapsedTimer timer;
    for (qint64 done = 0; done < total;) {
        frames.clear();
        timer.start();
        for (int i = 0; i < kMessagesPerBatch && done < total; ++i, done += kMessageSize)
            frames.append(pair.sender.seal(message));
        sealNs += timer.nsecsElapsed();

        received.clear();
        if (socketReads) {
            stream.clear();
            for (const QByteArray& frame : frames)
                stream += frame;
            timer.start();
            for (qsizetype at = 0; at < stream.size(); at += kSocketRead)
                pair.receiver.feed(
                    QByteArrayView(stream).sliced(at, std::min(kSocketRead, stream.size() - at)), unused,
                    received);
            openNs += timer.nsecsElapsed();
        } else {
            timer.start();
            for (const QByteArray& frame : frames)
                pair.receiver.feed(frame, unused, received);
            openNs += timer.nsecsElapsed();
        }
        for (const QByteArray& opened : received)
            intact += opened == message ? opened.size() : 0;
    }
    const bool ok = intact == total && !pair.receiver.hasFailed();
    return {
        Row{"SecureChannel::seal, 64 KiB messages", ok ? total : -1, double(sealNs) / 1e9},
        Row{socketReads ? "SecureChannel::feed, 64 KiB socket reads" : "SecureChannel::feed, whole frames",
            ok ? total : -1, double(openNs) / 1e9}};
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ringshare cryptography throughput, one thread."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("16 MiB per row (for CI)."));
    const QCommandLineOption mib(QStringLiteral("mib"), QStringLiteral("MiB per row (default 256)."),
                                 QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Print CSV instead of a table."));
    parser.addOptions({quick, mib, csv});
    parser.process(app);
    bool validSize = false;
    const qint64 perRow = parser.isSet(quick) ? 16 : parser.value(mib).toLongLong(&validSize);
    if (!parser.isSet(quick) && (!validSize || perRow <= 0)) {
        std::fprintf(stderr, "bench_crypto: --mib needs a positive number\n");
        return 2;
    }
    const qint64 total = perRow * 1024 * 1024;

    Identity::Seed seed;
    seed.fill(1);
    const Identity alice = Identity::fromSeed(seed);
    seed.fill(2);
    const Identity bob = Identity::fromSeed(seed);

    // An untimed pass first: until glibc has freed one large buffer it trims the heap after every batch, and
    // whichever row ran first would pay page faults that a long transfer does not.
    (void)channelRows(alice, bob, 8 * 1024 * 1024, true);

    QList<Row> rows{hashRow(total)};
    const auto [seal, openWhole] = channelRows(alice, bob, total, false);
    rows << seal << openWhole << channelRows(alice, bob, total, true).second;

    if (parser.isSet(csv))
        std::printf("operation,mib,seconds,mb_per_second\n");
    else
        std::printf("%-42s %8s %10s %10s\n", "operation", "MiB", "seconds", "MB/s");
    int status = 0;
    for (const Row& row : rows) {
        if (row.bytes < 0) {
            std::fprintf(stderr, "bench_crypto: %s gave wrong results\n", row.name);
            status = 1;
            continue;
        }
        const double rate = double(row.bytes) / 1e6 / row.seconds;
        if (parser.isSet(csv))
            std::printf("\"%s\",%lld,%.4f,%.1f\n", row.name, qlonglong(row.bytes >> 20), row.seconds, rate);
        else
            std::printf("%-42s %8lld %10.3f %10.1f\n", row.name, qlonglong(row.bytes >> 20), row.seconds,
                        rate);
    }
    return status;
}
