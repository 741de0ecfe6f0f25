// Tests for TransferMessage: every type round trips, pinned encodings, and malformed input
// rejected with errors that say what is wrong.
#include "transfer/transfermessage.h"

#include <QSet>
#include <QTest>
#include <QtEndian>

using namespace ringshare;
using namespace ringshare::transfer;

Q_DECLARE_METATYPE(ringshare::transfer::TransferMessage)

namespace ringshare::transfer {
// Found by QTest through argument-dependent lookup: readable failures instead of "<unknown>".
char* toString(const TransferMessage& message) {
    return qstrdup(message.encode().toHex(' ').constData());
}
} // namespace ringshare::transfer

namespace {

constexpr quint32 kMaxIndex = 0xffffffffu;

share::ContentId contentIdFrom(quint8 first) {
    share::ContentId::Bytes bytes;
    for (int i = 0; i < share::ContentId::kSize; ++i)
        bytes[size_t(i)] = quint8(first + i);
    return share::ContentId(bytes);
}

NodeId nodeIdFrom(quint8 fill) {
    NodeId::Bytes bytes;
    bytes.fill(fill);
    return NodeId(bytes);
}

QByteArray patterned(qsizetype size, quint8 seed) {
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(quint8(seed + i * 7));
    return data;
}

TransferMessage messageOf(MessageType type) {
    TransferMessage message;
    message.type = type;
    if (type != MessageType::Hello)
        message.id = contentIdFrom(0x40);
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

TransferMessage hello(quint16 port) {
    TransferMessage message = messageOf(MessageType::Hello);
    message.listenPort = port;
    return message;
}

TransferMessage block(quint32 index, quint32 offset, const QByteArray& data) {
    TransferMessage message = withData(MessageType::Block, data);
    message.index = index;
    message.offset = offset;
    return message;
}

// `count` distinct peers: IPv4 ones in 198.51.100.0/24, IPv6 ones in 2001:db8::/32.
QList<PeerAddress> somePeers(int count, bool ipv6) {
    QList<PeerAddress> peers;
    for (int i = 0; i < count; ++i) {
        const QString address = ipv6 ? QStringLiteral("2001:db8::%1:%2").arg(i + 1, 0, 16).arg(0xbeef, 0, 16)
                                     : QStringLiteral("198.51.100.%1").arg(i + 1);
        peers.append({QHostAddress(address), quint16(1024 + i * 1000), nodeIdFrom(quint8(i + 1))});
    }
    return peers;
}

TransferMessage peersMessage(const QList<PeerAddress>& peers) {
    TransferMessage message = messageOf(MessageType::Peers);
    message.peers = peers;
    return message;
}

QString typeName(MessageType type) {
    switch (type) {
    case MessageType::Hello:
        return QStringLiteral("Hello");
    case MessageType::Interested:
        return QStringLiteral("Interested");
    case MessageType::Bitfield:
        return QStringLiteral("Bitfield");
    case MessageType::NotFound:
        return QStringLiteral("NotFound");
    case MessageType::Have:
        return QStringLiteral("Have");
    case MessageType::GetManifest:
        return QStringLiteral("GetManifest");
    case MessageType::ManifestData:
        return QStringLiteral("ManifestData");
    case MessageType::Request:
        return QStringLiteral("Request");
    case MessageType::Block:
        return QStringLiteral("Block");
    case MessageType::Reject:
        return QStringLiteral("Reject");
    case MessageType::Cancel:
        return QStringLiteral("Cancel");
    case MessageType::Peers:
        return QStringLiteral("Peers");
    }
    return QStringLiteral("type %1").arg(int(type));
}

// One small message of every type: what the truncation and trailing-byte rows start from.
QList<TransferMessage> oneOfEachType() {
    return {
        hello(6881),
        withData(MessageType::Interested, QByteArray("\xf0", 1)),
        withData(MessageType::Bitfield, QByteArray("\xff\x80", 2)),
        messageOf(MessageType::NotFound),
        withIndex(MessageType::Have, 5),
        messageOf(MessageType::GetManifest),
        withData(MessageType::ManifestData, QByteArrayLiteral("RSMF")),
        withIndex(MessageType::Request, 6),
        block(7, 65536, QByteArrayLiteral("xyz")),
        withIndex(MessageType::Reject, 8),
        withIndex(MessageType::Cancel, 9),
        peersMessage(somePeers(1, false) + somePeers(1, true)),
    };
}

// Hand-written wire bytes, for inputs encode() would never produce.
namespace wire {
QByteArray be16(quint16 value) {
    QByteArray out(2, Qt::Uninitialized);
    qToBigEndian(value, out.data());
    return out;
}
QByteArray be32(quint32 value) {
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(value, out.data());
    return out;
}
QByteArray header(MessageType type) {
    return char(type) + contentIdFrom(0x40).toByteArray();
}
// The header up to the data length, for the types that carry data.
QByteArray dataHeader(MessageType type) {
    QByteArray out = header(type);
    if (type == MessageType::Block)
        out += be32(1) + be32(0);
    return out;
}
QByteArray peer(const char* ipv6Hex, quint16 port, quint8 idFill) {
    return QByteArray::fromHex(ipv6Hex) + be16(port) + nodeIdFrom(idFill).toByteArray();
}
const char* const kMappedV4 = "00000000000000000000ffffc6336401"; // ::ffff:198.51.100.1
} // namespace wire

} // namespace

class TestTransferMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyTypeRoundTrips_data() {
        QTest::addColumn<TransferMessage>("message");
        QTest::newRow("Hello") << hello(6881);
        QTest::newRow("Hello, highest port") << hello(65535);
        QTest::newRow("Hello, accepting no connections") << hello(0);
        QTest::newRow("Interested, holding nothing") << withData(MessageType::Interested, {});
        QTest::newRow("Interested, largest bitfield")
            << withData(MessageType::Interested, patterned(TransferMessage::kMaxBitfieldBytes, 1));
        QTest::newRow("Bitfield, one byte") << withData(MessageType::Bitfield, QByteArray(1, '\x80'));
        QTest::newRow("Bitfield, largest")
            << withData(MessageType::Bitfield, QByteArray(TransferMessage::kMaxBitfieldBytes, '\xff'));
        QTest::newRow("NotFound") << messageOf(MessageType::NotFound);
        QTest::newRow("Have, first chunk") << withIndex(MessageType::Have, 0);
        QTest::newRow("Have, largest index") << withIndex(MessageType::Have, kMaxIndex);
        QTest::newRow("GetManifest") << messageOf(MessageType::GetManifest);
        QTest::newRow("ManifestData, empty") << withData(MessageType::ManifestData, {});
        QTest::newRow("ManifestData, largest")
            << withData(MessageType::ManifestData, patterned(share::Manifest::kMaxEncodedSize, 2));
        QTest::newRow("Request") << withIndex(MessageType::Request, 1234);
        QTest::newRow("Request, largest index") << withIndex(MessageType::Request, kMaxIndex);
        QTest::newRow("Block, empty") << block(0, 0, {});
        QTest::newRow("Block, typical") << block(3, 131072, patterned(1000, 3));
        QTest::newRow("Block, largest at the largest index and offset")
            << block(kMaxIndex, 0xffffffffu, patterned(TransferMessage::kBlockSize, 4));
        QTest::newRow("Reject") << withIndex(MessageType::Reject, 17);
        QTest::newRow("Cancel, largest index") << withIndex(MessageType::Cancel, kMaxIndex);
        QTest::newRow("Peers, none") << peersMessage({});
        QTest::newRow("Peers, one IPv4") << peersMessage(somePeers(1, false));
        QTest::newRow("Peers, one IPv6") << peersMessage(somePeers(1, true));
        QTest::newRow("Peers, 32 IPv4") << peersMessage(somePeers(TransferMessage::kMaxPeers, false));
        QTest::newRow("Peers, 32 IPv6") << peersMessage(somePeers(TransferMessage::kMaxPeers, true));
        QTest::newRow("Peers, mixed, extreme ports")
            << peersMessage({{QHostAddress(QStringLiteral("255.255.255.255")), 1, nodeIdFrom(0)},
                             {QHostAddress(QStringLiteral("::1")), 65535, nodeIdFrom(0xff)},
                             {QHostAddress(QStringLiteral("1.0.0.0")), 2, nodeIdFrom(0x11)}});
    }
    void everyTypeRoundTrips() {
        QFETCH(TransferMessage, message);
        const QByteArray encoded = message.encode();
        QVERIFY(encoded.size() <= TransferMessage::kMaxEncodedSize);
        const auto decoded = TransferMessage::decode(encoded);
        QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
        QCOMPARE(decoded.value(), message);
        QCOMPARE(decoded->encode(), encoded);
    }

    void everyTypeIsCovered() {
        QSet<int> covered;
        for (const TransferMessage& message : oneOfEachType())
            covered.insert(int(message.type));
        QCOMPARE(covered.size(), int(MessageType::Peers));
        QVERIFY(!covered.contains(0));
    }

    void encodingIsPinned_data() {
        QTest::addColumn<TransferMessage>("message");
        QTest::addColumn<QByteArray>("hex");
        const QByteArray id = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        TransferMessage blockMessage = block(0x01020304, 0x00010000, QByteArrayLiteral("abc"));
        blockMessage.id = contentIdFrom(0);
        QTest::newRow("Block") << blockMessage << "09" + id + "01020304" + "00010000" + "00000003" + "616263";

        // IPv4 peers travel as IPv4-mapped IPv6 addresses.
        TransferMessage peers =
            peersMessage({{QHostAddress(QStringLiteral("192.0.2.1")), 6881, NodeId::fromInteger(1)},
                          {QHostAddress(QStringLiteral("2001:db8::1")), 443, NodeId::fromInteger(0x0203)}});
        peers.id = contentIdFrom(0);
        QTest::newRow("Peers") << peers
                               << "0c" + id + "02" + "00000000000000000000ffffc0000201" + "1ae1" +
                                      "0000000000000000000000000000000000000001" +
                                      "20010db8000000000000000000000001" + "01bb" +
                                      "0000000000000000000000000000000000000203";
    }
    void encodingIsPinned() {
        QFETCH(TransferMessage, message);
        QFETCH(QByteArray, hex);
        QCOMPARE(message.encode().toHex(), hex);
        const auto decoded = TransferMessage::decode(QByteArray::fromHex(hex));
        QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
        QCOMPARE(decoded.value(), message);
    }

    void fieldsATypeDoesNotCarryStayHome() {
        // Hello is about no content; only the index-carrying types send an index, only Block an offset.
        TransferMessage message = hello(80);
        message.id = contentIdFrom(9);
        message.index = 4;
        message.data = "data";
        message.peers = somePeers(1, false);
        QCOMPARE(message.encode(), hello(80).encode());

        TransferMessage have = withIndex(MessageType::Have, 4);
        have.offset = 99;
        have.data = "data";
        QCOMPARE(have.encode(), withIndex(MessageType::Have, 4).encode());
    }

    void malformedInputIsRejected_data() {
        QTest::addColumn<QByteArray>("bytes");

        QTest::newRow("empty") << QByteArray();
        QTest::newRow("type 0 alone") << QByteArray(1, '\0');
        const QByteArray requestBody = withIndex(MessageType::Request, 1).encode().sliced(1);
        QTest::newRow("type 0 with a body") << '\0' + requestBody;
        QTest::newRow("type 13 with a body") << char(13) + requestBody;
        QTest::newRow("type 13 alone") << QByteArray(1, char(13));
        QTest::newRow("type 255 with a body") << char(255) + requestBody;

        for (const TransferMessage& message : oneOfEachType()) {
            const QByteArray encoded = message.encode();
            const QString name = typeName(message.type);
            for (qsizetype cut = 1; cut < encoded.size(); ++cut)
                QTest::addRow("%s cut to %d of %d bytes", qPrintable(name), int(cut), int(encoded.size()))
                    << encoded.first(cut);
            QTest::addRow("%s and a trailing byte", qPrintable(name)) << encoded + '\0';
        }
        const QByteArray helloBytes = hello(6881).encode();
        QTest::newRow("Hello with a content id") << helloBytes + contentIdFrom(0x40).toByteArray();
        QTest::newRow("Hello with a second port") << helloBytes + wire::be16(6882);

        const struct {
            MessageType type;
            int limit;
        } limits[] = {{MessageType::Interested, TransferMessage::kMaxBitfieldBytes},
                      {MessageType::Bitfield, TransferMessage::kMaxBitfieldBytes},
                      {MessageType::ManifestData, share::Manifest::kMaxEncodedSize},
                      {MessageType::Block, TransferMessage::kBlockSize}};
        for (const auto& [type, limit] : limits) {
            // The bytes are all there, so only the bound can refuse them.
            QTest::addRow("%s with %d data bytes, one too many", qPrintable(typeName(type)), limit + 1)
                << wire::dataHeader(type) + wire::be32(quint32(limit + 1)) + QByteArray(limit + 1, 'd');
            QTest::addRow("%s claiming 4 GiB of data", qPrintable(typeName(type)))
                << wire::dataHeader(type) + wire::be32(0xffffffffu) + QByteArray(16, 'd');
        }

        const QByteArray aPeer = wire::peer(wire::kMappedV4, 6881, 1);
        QByteArray tooMany = wire::header(MessageType::Peers) + char(TransferMessage::kMaxPeers + 1);
        for (int i = 0; i <= TransferMessage::kMaxPeers; ++i)
            tooMany += wire::peer(wire::kMappedV4, quint16(1000 + i), quint8(i));
        QTest::newRow("Peers, 33 of them") << tooMany;
        QTest::newRow("Peers, a count of 255") << wire::header(MessageType::Peers) + char(255) + aPeer;
        QTest::newRow("Peers, one more promised than sent")
            << wire::header(MessageType::Peers) + char(2) + aPeer;
        QTest::newRow("Peers, a peer with port 0")
            << wire::header(MessageType::Peers) + char(2) + aPeer + wire::peer(wire::kMappedV4, 0, 2);
        QTest::newRow("Peers, an IPv6 peer with port 0")
            << wire::header(MessageType::Peers) + char(1) +
                   wire::peer("20010db8000000000000000000000001", 0, 2);
        QTest::newRow("Peers, a peer at ::") << wire::header(MessageType::Peers) + char(1) +
                                                    wire::peer("00000000000000000000000000000000", 80, 2);
        QTest::newRow("Peers, a peer at ::ffff:0.0.0.0")
            << wire::header(MessageType::Peers) + char(1) +
                   wire::peer("00000000000000000000ffff00000000", 80, 2);
    }
    void malformedInputIsRejected() {
        QFETCH(QByteArray, bytes);
        const auto decoded = TransferMessage::decode(bytes);
        if (decoded.ok())
            QFAIL(qPrintable(QStringLiteral("accepted as %1").arg(decoded->encode().toHex(' '))));
        QVERIFY(!decoded.error().isEmpty());
    }

    void errorsSayWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray aPeer = wire::peer(wire::kMappedV4, 6881, 1);
        QTest::newRow("unknown type") << QByteArray(1, char(13)) << QStringLiteral("unknown type 13");
        QTest::newRow("trailing bytes")
            << hello(1).encode() + "xy" << QStringLiteral("2 bytes after the end");
        QTest::newRow("no peer count") << wire::header(MessageType::Peers) << QStringLiteral("truncated");
        QTest::newRow("too many peers")
            << wire::header(MessageType::Peers) + char(33) + aPeer << QStringLiteral("too many peers");
        QTest::newRow("port 0") << wire::header(MessageType::Peers) + char(1) +
                                       wire::peer(wire::kMappedV4, 0, 1)
                                << QStringLiteral("without an address");
    }
    void errorsSayWhatIsWrong() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto decoded = TransferMessage::decode(bytes);
        QVERIFY(!decoded.ok());
        QVERIFY2(decoded.error().contains(expected), qPrintable(decoded.error()));
    }
};

QTEST_GUILESS_MAIN(TestTransferMessage)
#include "tst_transfermessage.moc"
