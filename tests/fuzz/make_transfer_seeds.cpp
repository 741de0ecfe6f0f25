// Writes the seed corpora for fuzz_transfermessage and fuzz_manifest: a valid message of every type, signed
// manifests of several shapes, and near misses of each. The output is committed under corpus/:
//   build/dev/tests/fuzz/fuzz_transfer_seeds tests/fuzz/corpus

#include "crypto/cryptoinit.h"
#include "crypto/identity.h"
#include "seedfiles.h"
#include "share/manifest.h"
#include "transfer/transfermessage.h"

#include <QDir>
#include <QFile>
#include <QtEndian>
#include <cstdio>
#include <utility>

using namespace ringshare;
using namespace ringshare::transfer;

namespace {

using fuzzseeds::identityFrom;
using fuzzseeds::Seeds;

QByteArray be16(quint16 value) {
    QByteArray out(2, Qt::Uninitialized);
    qToBigEndian(value, out.data());
    return out;
}

// A signed manifest for a file of `size` bytes. The chunk hashes are made up: decode() cannot tell.
share::Manifest manifestFor(qint64 size, const QString& name) {
    share::Manifest manifest;
    manifest.name = name;
    manifest.size = size;
    manifest.chunkSize = share::Manifest::chunkSizeFor(size);
    for (int i = 0; i < share::Manifest::chunkCountFor(size, manifest.chunkSize); ++i)
        manifest.chunkHashes += share::Manifest::hashChunk(QByteArray::number(i));
    manifest.sign(identityFrom(1));
    return manifest;
}

// Where the name's length sits in an encoded manifest: after the magic, version, size and chunk size.
constexpr int kNameLengthAt = 4 + 1 + 8 + 4;

Seeds manifestSeeds() {
    const QByteArray small = manifestFor(300 * 1024, QStringLiteral("report.pdf")).encode();
    // The bytes of a valid manifest with "\uFEFF" put before its name after signing: the same manifest
    // written two ways, if a decoder drops a leading byte order mark.
    QByteArray bomInserted = small;
    bomInserted.insert(kNameLengthAt + 2, "\xef\xbb\xbf");
    qToBigEndian(quint16(qFromBigEndian<quint16>(small.constData() + kNameLengthAt) + 3),
                 bomInserted.data() + kNameLengthAt);
    QByteArray badSignature = small;
    badSignature[badSignature.size() - 1] = char(badSignature.back() ^ 0x01);
    QByteArray badVersion = small;
    badVersion[4] = 2;
    QByteArray badUtf8 = small;
    badUtf8[kNameLengthAt + 2] = char(0xc0);
    share::Manifest wrongChunkSize = manifestFor(300 * 1024, QStringLiteral("x"));
    wrongChunkSize.chunkSize *= 2;
    wrongChunkSize.sign(identityFrom(1));

    return {
        {QStringLiteral("empty_file"), manifestFor(0, QStringLiteral("empty")).encode()},
        {QStringLiteral("one_byte"), manifestFor(1, QStringLiteral("a")).encode()},
        {QStringLiteral("two_chunks"), small},
        {QStringLiteral("unicode_name"),
         manifestFor(1024 * 1024 + 5, QStringLiteral("Früh 東京.mkv")).encode()},
        {QStringLiteral("empty_name"), manifestFor(10, QString()).encode()},
        {QStringLiteral("longest_name"),
         manifestFor(10, QString(share::Manifest::kMaxNameBytes, u'n')).encode()},
        {QStringLiteral("name_with_nul"),
         manifestFor(10, QString::fromUtf8(QByteArrayView("a\0b", 3))).encode()},
        {QStringLiteral("name_with_bom"), manifestFor(10, QStringLiteral("\uFEFFbom.txt")).encode()},
        {QStringLiteral("bigger_chunks"),
         manifestFor(qint64(512) * 1024 * 1024 + 1, QStringLiteral("big.iso")).encode()},
        {QStringLiteral("bad_bom_inserted"), bomInserted},
        {QStringLiteral("bad_signature"), badSignature},
        {QStringLiteral("bad_truncated"), small.chopped(1)},
        {QStringLiteral("bad_trailing"), small + '\0'},
        {QStringLiteral("bad_version"), badVersion},
        {QStringLiteral("bad_utf8_name"), badUtf8},
        {QStringLiteral("bad_chunk_size"), wrongChunkSize.encode()},
        {QStringLiteral("bad_magic"), QByteArrayLiteral("RSMX") + small.sliced(4)},
        // For the target's second pass, which signs the start of the input as a name.
        {QStringLiteral("regression_bom_as_name"), QByteArrayLiteral("\xef\xbb\xbf")},
        {QStringLiteral("overlong_as_name"), QByteArrayLiteral("a\xc0\xaf")},
    };
}

TransferMessage messageOf(MessageType type) {
    TransferMessage message;
    message.type = type;
    if (type != MessageType::Hello)
        message.id = share::Manifest::contentIdFor(300 * 1024, "seed");
    return message;
}

TransferMessage withIndex(MessageType type, quint32 index) {
    TransferMessage message = messageOf(type);
    message.index = index;
    return message;
}

TransferMessage withData(MessageType type, const QByteArray& data) {
    TransferMessage message = messageOf(type);
    message.data = data;
    return message;
}

QList<PeerAddress> somePeers(int count) {
    QList<PeerAddress> peers;
    for (int i = 0; i < count; ++i) {
        const QString address = i % 2 == 0 ? QStringLiteral("198.51.100.%1").arg(i + 1)
                                           : QStringLiteral("2001:db8::%1").arg(i + 1, 0, 16);
        peers.append({QHostAddress(address), quint16(6881 + i), NodeId::fromInteger(quint64(i + 1))});
    }
    return peers;
}

Seeds messageSeeds() {
    TransferMessage hello = messageOf(MessageType::Hello);
    hello.listenPort = 6881;
    TransferMessage block = withData(MessageType::Block, QByteArray(1000, 'b'));
    block.index = 3;
    block.offset = 65536;
    TransferMessage largestBlock = withData(MessageType::Block, QByteArray(TransferMessage::kBlockSize, 'B'));
    largestBlock.index = 0xffffffffu;
    largestBlock.offset = 0xffffffffu;
    TransferMessage peers = messageOf(MessageType::Peers);
    peers.peers = somePeers(2);
    TransferMessage allPeers = messageOf(MessageType::Peers);
    allPeers.peers = somePeers(TransferMessage::kMaxPeers);

    const QByteArray peersBytes = peers.encode();
    const QByteArray peersHeader = peersBytes.first(1 + share::ContentId::kSize);
    const QByteArray peerEntry = peersBytes.sliced(1 + share::ContentId::kSize + 1, 16 + 2 + NodeId::kBytes);
    const QByteArray nodeId = NodeId::fromInteger(9).toByteArray();
    const auto onePeerAt = [&](const char* ipv6Hex, quint16 port) {
        return peersHeader + char(1) + QByteArray::fromHex(ipv6Hex) + be16(port) + nodeId;
    };
    QByteArray tooManyPeers = peersHeader + char(TransferMessage::kMaxPeers + 1);
    for (int i = 0; i <= TransferMessage::kMaxPeers; ++i)
        tooManyPeers += peerEntry;
    QByteArray oversizeBitfield = withData(MessageType::Bitfield, QByteArray(4, 'f')).encode().first(33);
    QByteArray length(4, Qt::Uninitialized);
    qToBigEndian(quint32(TransferMessage::kMaxBitfieldBytes + 1), length.data());
    oversizeBitfield += length + QByteArray(TransferMessage::kMaxBitfieldBytes + 1, 'f');

    return {
        {QStringLiteral("hello"), hello.encode()},
        {QStringLiteral("interested_empty"), withData(MessageType::Interested, {}).encode()},
        {QStringLiteral("interested"), withData(MessageType::Interested, QByteArray(3, '\xa5')).encode()},
        {QStringLiteral("bitfield"), withData(MessageType::Bitfield, QByteArray("\xff\xff\xe0", 3)).encode()},
        {QStringLiteral("not_found"), messageOf(MessageType::NotFound).encode()},
        {QStringLiteral("have"), withIndex(MessageType::Have, 7).encode()},
        {QStringLiteral("get_manifest"), messageOf(MessageType::GetManifest).encode()},
        {QStringLiteral("manifest_data"),
         withData(MessageType::ManifestData, manifestFor(300 * 1024, QStringLiteral("report.pdf")).encode())
             .encode()},
        {QStringLiteral("request"), withIndex(MessageType::Request, 2).encode()},
        {QStringLiteral("block"), block.encode()},
        {QStringLiteral("block_largest"), largestBlock.encode()},
        {QStringLiteral("reject"), withIndex(MessageType::Reject, 1).encode()},
        {QStringLiteral("cancel"), withIndex(MessageType::Cancel, 0).encode()},
        {QStringLiteral("peers"), peersBytes},
        {QStringLiteral("peers_all"), allPeers.encode()},
        {QStringLiteral("peers_none"), messageOf(MessageType::Peers).encode()},
        {QStringLiteral("bad_type_0"),
         QByteArray(1, '\0') + withIndex(MessageType::Have, 7).encode().sliced(1)},
        {QStringLiteral("bad_type_13"), char(13) + withIndex(MessageType::Have, 7).encode().sliced(1)},
        {QStringLiteral("bad_hello_long"), hello.encode() + '\0'},
        {QStringLiteral("bad_block_truncated"), block.encode().chopped(1)},
        {QStringLiteral("bad_trailing"), withIndex(MessageType::Request, 2).encode() + '\0'},
        {QStringLiteral("bad_oversize_bitfield"), oversizeBitfield},
        {QStringLiteral("bad_too_many_peers"), tooManyPeers},
        {QStringLiteral("bad_peer_port_0"), onePeerAt("00000000000000000000ffffc6336401", 0)},
        {QStringLiteral("bad_peer_unspecified"), onePeerAt("00000000000000000000000000000000", 80)},
        {QStringLiteral("bad_peer_mapped_unspecified"), onePeerAt("00000000000000000000ffff00000000", 80)},
    };
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIRECTORY\n", argv[0]);
        return 2;
    }
    crypto::requireInitialized();
    const QDir root(QString::fromLocal8Bit(argv[1]));
    if (!fuzzseeds::writeSeeds(root.filePath(QStringLiteral("manifest")), manifestSeeds(),
                               "fuzz_transfer_seeds") ||
        !fuzzseeds::writeSeeds(root.filePath(QStringLiteral("transfermessage")), messageSeeds(),
                               "fuzz_transfer_seeds"))
        return 1;
    return 0;
}
