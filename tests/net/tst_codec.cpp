// Tests for the datagram codec: round trips of every type, pinned encodings, the 1200-byte bound,
// and decode errors for truncation, garbage and random mutations.
#include "net/codec.h"
#include "samplemessages.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <array>

using namespace ringshare;
using namespace ringshare::net;

namespace ringshare::net {
// Found by QTest through argument-dependent lookup: readable failures instead of "<unknown>".
char* toString(DecodeError error) {
    return qstrdup(qPrintable(describe(error)));
}
char* toString(const Message& message) {
    const auto bytes = encode(message);
    return qstrdup(bytes ? bytes->toHex().constData() : "<message breaks a bound>");
}
} // namespace ringshare::net

namespace {

// The longest record blob a Store or GetReply may carry (the codec's bound, stated here on its own).
constexpr int kMaxRecordSize = 1000;

// Hand-written CBOR, for inputs encode() would never produce.
namespace cbor {
QByteArray head(quint8 major, quint64 value) {
    const char type = char(major << 5);
    QByteArray out;
    int width = 0;
    if (value < 24) {
        out.append(char(type | char(value)));
    } else if (value <= 0xff) {
        out.append(char(type | 24));
        width = 1;
    } else if (value <= 0xffff) {
        out.append(char(type | 25));
        width = 2;
    } else if (value <= 0xffffffffu) {
        out.append(char(type | 26));
        width = 4;
    } else {
        out.append(char(type | 27));
        width = 8;
    }
    for (int i = width - 1; i >= 0; --i)
        out.append(char(value >> (8 * i)));
    return out;
}
QByteArray number(quint64 value) {
    return head(0, value);
}
QByteArray negative(quint64 n) {
    return head(1, n); // -1 - n
}
QByteArray bytes(const QByteArray& data) {
    return head(2, quint64(data.size())) + data;
}
QByteArray text(const QByteArray& utf8) {
    return head(3, quint64(utf8.size())) + utf8;
}
QByteArray array(quint64 count) {
    return head(4, count);
}
QByteArray map(quint64 count) {
    return head(5, count);
}
QByteArray field(quint64 key, const QByteArray& value) {
    return number(key) + value;
}
const QByteArray kFalse = QByteArray::fromHex("f4");
const QByteArray kTrue = QByteArray::fromHex("f5");
const QByteArray kNull = QByteArray::fromHex("f6");
} // namespace cbor

using cbor::field;

constexpr quint64 kTypePing = quint64(MessageType::Ping);

// version 1, the type, transaction 7, no sender, then `body`.
QByteArray envelope(quint64 type, const QByteArray& body, quint64 version = kProtocolVersion) {
    return cbor::map(4) + field(0, cbor::number(version)) + field(1, cbor::number(type)) +
           field(2, cbor::number(7)) + field(4, body);
}
QByteArray envelope(MessageType type, const QByteArray& body) {
    return envelope(quint64(type), body);
}

QByteArray nodeRefBytes(const QByteArray& id = QByteArray(20, '\x11'),
                        const QByteArray& address = QByteArray::fromHex("c0000201"),
                        const QByteArray& port = cbor::number(4000)) {
    return cbor::array(3) + cbor::bytes(id) + cbor::bytes(address) + port;
}
QByteArray nodeRefList(int count) {
    QByteArray out = cbor::array(quint64(count));
    for (int i = 0; i < count; ++i)
        out += nodeRefBytes();
    return out;
}

QList<QByteArray> encodedSamples() {
    QList<QByteArray> out;
    for (const samples::Sample& sample : samples::validMessages())
        out.append(*encode(sample.message));
    return out;
}

Message withBody(Body body) {
    return Message{.transactionId = 1, .sender = samples::nodeId(1), .body = std::move(body)};
}

NodeRef nodeAt(const QHostAddress& address, quint16 port) {
    return NodeRef{samples::nodeId(2), Endpoint{address, port}};
}

void mutate(QByteArray& datagram, QRandomGenerator& random) {
    // CBOR initial bytes that change what follows: widths, indefinite lengths, containers, tags, simple
    // values.
    static constexpr std::array<quint8, 30> kInteresting = {
        0x00, 0x01, 0x14, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x40, 0x54, 0x5f, 0x60,
        0x80, 0x83, 0x9f, 0xa0, 0xa4, 0xbf, 0xc0, 0xd8, 0xf4, 0xf5, 0xf6, 0xf7, 0xf9, 0xfb, 0xff};
    if (datagram.isEmpty()) {
        datagram.append(char(random.bounded(256)));
        return;
    }
    const int at = random.bounded(int(datagram.size()));
    switch (random.bounded(8)) {
    case 0:
        datagram[at] = char(datagram[at] ^ char(1 << random.bounded(8)));
        break;
    case 1:
        datagram[at] = char(random.bounded(256));
        break;
    case 2:
        datagram[at] = char(kInteresting[random.bounded(int(kInteresting.size()))]);
        break;
    case 3:
        datagram[at] = char(datagram[at] + (random.bounded(2) ? 1 : -1));
        break;
    case 4:
        datagram.insert(at, char(random.bounded(256)));
        break;
    case 5:
        datagram.remove(at, 1 + random.bounded(qMin(4, int(datagram.size()) - at)));
        break;
    case 6:
        datagram.truncate(at);
        break;
    default: {
        const QByteArray span = datagram.mid(at, 1 + random.bounded(qMin(16, int(datagram.size()) - at)));
        datagram.insert(random.bounded(int(datagram.size()) + 1), span);
        break;
    }
    }
}

} // namespace

class TestCodec final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data() {
        QTest::addColumn<Message>("message");
        for (const samples::Sample& sample : samples::validMessages())
            QTest::newRow(qPrintable(sample.name)) << sample.message;
    }

    void roundTrip() {
        QFETCH(Message, message);
        const std::optional<QByteArray> bytes = encode(message);
        QVERIFY(bytes);
        QVERIFY(bytes->size() <= kMaxDatagramSize);
        const Decoded decoded = decode(*bytes);
        QCOMPARE(decoded.error, DecodeError::None);
        QVERIFY(decoded.detail.isEmpty());
        QVERIFY(decoded.message);
        QCOMPARE(*decoded.message, message);
        QCOMPARE(decoded.message->type(), message.type());
        const std::optional<QByteArray> again = encode(*decoded.message);
        QVERIFY(again);
        QCOMPARE(again->toHex(), bytes->toHex());
    }

    void everyTypeIsSampled() {
        QSet<int> types;
        for (const samples::Sample& sample : samples::validMessages())
            types.insert(int(sample.message.type()));
        QVERIFY(!types.contains(int(MessageType::Unused20)));
        // Every type but the one that is never sent.
        QCOMPARE(int(types.size()), int(std::variant_size_v<Body>) - 1);
    }

    // The wire format, frozen: these bytes must never change under protocol version 1.
    void knownEncodings_data() {
        QTest::addColumn<Message>("message");
        QTest::addColumn<QByteArray>("hex");
        // Spaces separate key from value; QByteArray::fromHex() skips them.
        const auto hex = [](const char* spaced) { return QByteArray::fromHex(spaced).toHex(); };
        const QByteArray id22 = QByteArray(20, '\x22');
        const QByteArray id33 = QByteArray(20, '\x33');
        const QByteArray id2 = samples::nodeId(2).toByteArray();

        QTest::newRow("ping") << Message{.transactionId = 1, .sender = std::nullopt, .body = Ping{}}
                              << hex("a4  00 01  01 01  02 01  04 a0");
        QTest::newRow("find node reply")
            << Message{.transactionId = 0x1234,
                       .sender = NodeId::fromBytes(id22),
                       .body = FindNodeReply{true, {nodeAt(QHostAddress(QStringLiteral("192.0.2.1")), 4000)}}}
            << hex("a5  00 01  01 08  02 191234  03 54") + id22.toHex() + hex("04 a2  00 f5  01 81 83 54") +
                   id2.toHex() + hex("44 c0000201  19 0fa0");
        QTest::newRow("neighbors ipv6")
            << Message{.transactionId = 0x100000000u,
                       .sender = std::nullopt,
                       .body = Neighbors{NodeRef{*NodeId::fromBytes(id33),
                                                 Endpoint{QHostAddress(QStringLiteral("2001:db8::1")), 1}},
                                         {}}}
            << hex("a4  00 01  01 04  02 1b0000000100000000  04 a2  00 83 54") + id33.toHex() +
                   hex("50 20010db8000000000000000000000001  01  01 80");
        QTest::newRow("pong observed")
            << Message{.transactionId = 3,
                       .sender = std::nullopt,
                       .body = Pong{std::nullopt, std::nullopt,
                                    Endpoint{QHostAddress(QStringLiteral("203.0.113.7")), 41000}}}
            << hex("a4  00 01  01 02  02 03  04 a1  02 82 44 cb007107  19 a028");
        QTest::newRow("get reply") << Message{.transactionId = 0,
                                              .sender = std::nullopt,
                                              .body = GetReply{{QByteArray("\x01\x02")}, false}}
                                   << hex("a4  00 01  01 0c  02 00  04 a2  00 81 42 0102  01 f4");
        QTest::newRow("cookie and padding")
            << Message{.transactionId = 2,
                       .sender = std::nullopt,
                       .body = Notify{},
                       .cookie = QByteArray(kCookieSize, '\x44'),
                       .padding = 3}
            << hex("a6  00 01  01 05  02 02  04 a0  05 50") + QByteArray(kCookieSize, '\x44').toHex() +
                   hex("06 43 000000");
    }

    void knownEncodings() {
        QFETCH(Message, message);
        QFETCH(QByteArray, hex);
        const auto bytes = encode(message);
        QVERIFY(bytes);
        QCOMPARE(bytes->toHex(), hex);
        QVERIFY(decode(*bytes).message == message);
    }

    void encodeRefusesBrokenBounds_data() {
        QTest::addColumn<Message>("message");
        QList<QByteArray> tooManyRecords(kMaxRecordsPerReply + 1, QByteArray("r"));
        QTest::newRow("challenge too short") << withBody(Ping{QByteArray(kChallengeSize - 1, 'c')});
        QTest::newRow("challenge too long") << withBody(Ping{QByteArray(kChallengeSize + 1, 'c')});
        QTest::newRow("key without signature") << withBody(Pong{crypto::PublicKey(), std::nullopt});
        QTest::newRow("signature without key") << withBody(Pong{std::nullopt, crypto::Signature()});
        QTest::newRow("too many successors")
            << withBody(Neighbors{std::nullopt, samples::nodeRefs(kMaxNodeRefs + 1, 0)});
        QTest::newRow("too many nodes")
            << withBody(FindNodeReply{false, samples::nodeRefs(kMaxNodeRefs + 1, 0)});
        QTest::newRow("too many leave successors")
            << withBody(Leave{std::nullopt, samples::nodeRefs(kMaxNodeRefs + 1, 0)});
        QTest::newRow("port 0") << withBody(FindNodeReply{false, {nodeAt(QHostAddress::LocalHost, 0)}});
        QTest::newRow("null address") << withBody(FindNodeReply{false, {nodeAt(QHostAddress(), 1)}});
        QTest::newRow("any address") << withBody(FindNodeReply{false, {nodeAt(QHostAddress::Any, 1)}});
        QTest::newRow("scoped address")
            << withBody(FindNodeReply{false, {nodeAt(QHostAddress(QStringLiteral("fe80::1%1")), 1)}});
        QTest::newRow("predecessor port 0")
            << withBody(Neighbors{nodeAt(QHostAddress::LocalHost, 0), samples::nodeRefs(2, 0)});
        QTest::newRow("record too long") << withBody(Store{QByteArray(kMaxRecordSize + 1, 'r')});
        QTest::newRow("too many records") << withBody(GetReply{tooManyRecords, false});
        QTest::newRow("one record too long")
            << withBody(GetReply{{QByteArray("r"), QByteArray(kMaxRecordSize + 1, 'r')}, false});
        QTest::newRow("records over the datagram size")
            << withBody(GetReply{{QByteArray(kMaxRecordSize, 'r'), QByteArray(kMaxRecordSize, 'r')}, false});
        QTest::newRow("status out of range") << withBody(StoreReply{StoreStatus(6)});
        QTest::newRow("dial back without nonce") << withBody(DialBack{{}, 4000});
        QTest::newRow("dial back port 0") << withBody(DialBack{QByteArray(kDialNonceSize, 'n'), 0});
        QTest::newRow("dial status out of range") << withBody(DialBackReply{DialStatus(3)});
        QTest::newRow("dial for me to port 0")
            << withBody(DialForMe{QByteArray(kDialNonceSize, 'n'), Endpoint{QHostAddress::LocalHost, 0}});
        QTest::newRow("dial probe nonce too long")
            << withBody(DialProbe{QByteArray(kDialNonceSize + 1, 'n')});
        QTest::newRow("type 20") << withBody(Unused20{});
        QTest::newRow("attach before 1970") << withBody(Attach{{}, -1, {}});
        QTest::newRow("attach status out of range") << withBody(AttachReply{AttachStatus(3)});
        QTest::newRow("call me port 0")
            << withBody(CallMe{NodeId::fromInteger(1), 0, NodeId::fromInteger(2)});
        QTest::newRow("call status out of range") << withBody(CallMeReply{CallStatus(4)});
        QTest::newRow("connect to port 0") << withBody(Connect{nodeAt(QHostAddress::LocalHost, 0)});
        Message shortCookie = withBody(Ping{});
        shortCookie.cookie = QByteArray(kCookieSize - 1, 'c');
        QTest::newRow("cookie too short") << shortCookie;
        Message negativePadding = withBody(Ping{});
        negativePadding.padding = -1;
        QTest::newRow("negative padding") << negativePadding;
        Message overPadded = withBody(Ping{});
        overPadded.padding = kMaxDatagramSize - 10;
        QTest::newRow("padding over the datagram size") << overPadded;
    }

    void encodeRefusesBrokenBounds() {
        QFETCH(Message, message);
        QVERIFY(!encode(message));
    }

    void datagramAtTheLimit() {
        // A GetReply whose second record is grown until the datagram is exactly kMaxDatagramSize bytes.
        GetReply reply{{samples::pattern(kMaxRecordSize, 1), QByteArray()}, true};
        std::optional<QByteArray> atLimit;
        for (int size = 0; size <= kMaxRecordSize && !atLimit; ++size) {
            reply.records[1] = samples::pattern(size, 2);
            const auto bytes = encode(withBody(reply));
            if (bytes && bytes->size() == kMaxDatagramSize)
                atLimit = bytes;
        }
        QVERIFY(atLimit);
        const Decoded decoded = decode(*atLimit);
        QCOMPARE(decoded.error, DecodeError::None);
        QVERIFY(decoded.message == withBody(reply));

        reply.records[1].append('x');
        QVERIFY(!encode(withBody(reply)));

        const Decoded over = decode(*atLimit + '\0');
        QCOMPARE(over.error, DecodeError::Oversize);
        QVERIFY(!over.message);
        QCOMPARE(decode(QByteArray(1 << 20, '\0')).error, DecodeError::Oversize);
    }

    void decodeErrors_data() {
        QTest::addColumn<QByteArray>("datagram");
        QTest::addColumn<DecodeError>("expected");
        using cbor::bytes;
        using cbor::map;
        using cbor::number;
        const QByteArray id = QByteArray(20, '\x11');
        const QByteArray ping = envelope(MessageType::Ping, map(0));
        const auto row = [](const char* name, const QByteArray& datagram, DecodeError expected) {
            QTest::newRow(name) << datagram << expected;
        };

        // The hand-written envelope itself is right: the rows below differ from valid input in one way.
        row("valid ping", ping, DecodeError::None);
        row("valid find node", envelope(MessageType::FindNode, map(1) + field(0, bytes(id))),
            DecodeError::None);
        row("valid neighbors",
            envelope(MessageType::Neighbors,
                     map(2) + field(0, nodeRefBytes()) + field(1, nodeRefList(kMaxNodeRefs))),
            DecodeError::None);

        const QByteArray pingHead = cbor::map(5) + field(0, number(1)) + field(1, number(kTypePing)) +
                                    field(2, number(7)) + field(4, map(0));
        row("valid cookie", pingHead + field(5, bytes(QByteArray(kCookieSize, 'c'))), DecodeError::None);
        row("valid padding", pingHead + field(6, bytes(QByteArray(9, '\0'))), DecodeError::None);
        row("cookie too long", pingHead + field(5, bytes(QByteArray(kCookieSize + 1, 'c'))),
            DecodeError::BadField);
        row("cookie as number", pingHead + field(5, number(16)), DecodeError::BadField);
        row("empty padding", pingHead + field(6, bytes(QByteArray())), DecodeError::BadField);
        row("padding not zero", pingHead + field(6, bytes(QByteArray(9, '\0') + 'x')), DecodeError::BadField);
        row("padding before cookie",
            cbor::map(6) + field(0, number(1)) + field(1, number(kTypePing)) + field(2, number(7)) +
                field(4, map(0)) + field(6, bytes(QByteArray(2, '\0'))) +
                field(5, bytes(QByteArray(kCookieSize, 'c'))),
            DecodeError::Malformed);
        row("unknown envelope key", pingHead + field(7, number(0)), DecodeError::BadField);

        row("oversize", QByteArray(kMaxDatagramSize + 1, '\0'), DecodeError::Oversize);
        row("oversize valid prefix", ping + QByteArray(kMaxDatagramSize, '\0'), DecodeError::Oversize);

        row("empty", QByteArray(), DecodeError::Malformed);
        row("top level array", cbor::array(0), DecodeError::Malformed);
        row("top level number", number(1), DecodeError::Malformed);
        row("top level byte string", bytes(ping), DecodeError::Malformed);
        row("top level break", QByteArray::fromHex("ff"), DecodeError::Malformed);
        row("reserved additional information", QByteArray::fromHex("1c"), DecodeError::Malformed);
        row("indefinite message map", QByteArray::fromHex("bf") + ping.mid(1) + QByteArray::fromHex("ff"),
            DecodeError::Malformed);
        row("tagged message", QByteArray::fromHex("c0") + ping, DecodeError::Malformed);
        row("tagged version", cbor::map(4) + field(0, QByteArray::fromHex("c2") + number(1)) + ping.mid(3),
            DecodeError::Malformed);
        row("tagged body field",
            envelope(MessageType::FindNode, map(1) + field(0, QByteArray::fromHex("d840") + bytes(id))),
            DecodeError::Malformed);
        row("tagged key",
            envelope(MessageType::FindNode, map(1) + QByteArray::fromHex("c0") + field(0, bytes(id))),
            DecodeError::Malformed);
        row("indefinite body map", envelope(MessageType::Ping, QByteArray::fromHex("bfff")),
            DecodeError::Malformed);
        row("indefinite byte string",
            envelope(MessageType::FindNode,
                     map(1) + field(0, QByteArray::fromHex("5f") + bytes(id) + "\xff")),
            DecodeError::Malformed);
        row("indefinite list",
            envelope(MessageType::Neighbors, map(1) + field(1, QByteArray::fromHex("9fff"))),
            DecodeError::Malformed);
        row("indefinite node",
            envelope(MessageType::Neighbors,
                     map(1) + field(1, cbor::array(1) + "\x9f" + nodeRefBytes().mid(1) + "\xff")),
            DecodeError::Malformed);
        row("message keys out of order",
            map(4) + field(0, number(1)) + field(1, number(kTypePing)) + field(4, map(0)) +
                field(2, number(7)),
            DecodeError::Malformed);
        row("duplicate message key",
            map(5) + field(0, number(1)) + field(1, number(kTypePing)) + field(2, number(7)) +
                field(2, number(7)) + field(4, map(0)),
            DecodeError::Malformed);
        row("duplicate body key",
            envelope(MessageType::FindNode, map(2) + field(0, bytes(id)) + field(0, bytes(id))),
            DecodeError::Malformed);
        row("body keys out of order",
            envelope(MessageType::Get, map(2) + field(1, number(0)) + field(0, bytes(id))),
            DecodeError::Malformed);
        row("text key", map(1) + cbor::text("v") + number(1), DecodeError::Malformed);
        row("negative key",
            envelope(MessageType::Ping, map(1) + cbor::negative(0) + bytes(QByteArray(16, 'c'))),
            DecodeError::Malformed);
        row("missing version", map(3) + field(1, number(kTypePing)) + field(2, number(7)) + field(4, map(0)),
            DecodeError::Malformed);
        row("missing type", map(3) + field(0, number(1)) + field(2, number(7)) + field(4, map(0)),
            DecodeError::Malformed);
        row("empty message map", map(0), DecodeError::Malformed);
        row("version only", map(1) + field(0, number(1)), DecodeError::Malformed);
        row("version not a number", map(4) + field(0, cbor::text("1")) + ping.mid(3), DecodeError::Malformed);
        row("type not a number",
            map(4) + field(0, number(1)) + field(1, bytes("\x01")) + field(2, number(7)) + field(4, map(0)),
            DecodeError::Malformed);
        row("long form version", map(4) + field(0, QByteArray::fromHex("1801")) + ping.mid(3),
            DecodeError::Malformed);
        row("long form transaction",
            map(4) + field(0, number(1)) + field(1, number(kTypePing)) +
                field(2, QByteArray::fromHex("1a00000007")) + field(4, map(0)),
            DecodeError::Malformed);
        row("long form length",
            envelope(MessageType::FindNode, map(1) + field(0, QByteArray::fromHex("5814") + id)),
            DecodeError::Malformed);
        row("long form map count", QByteArray::fromHex("b804") + ping.mid(1), DecodeError::Malformed);
        row("invalid simple value",
            envelope(MessageType::FindNodeReply,
                     map(2) + field(0, QByteArray::fromHex("f814")) + field(1, nodeRefList(0))),
            DecodeError::Malformed);

        row("lone map head", map(4), DecodeError::Truncated);
        row("missing last entry", ping.chopped(2), DecodeError::Truncated);
        row("map longer than its entries", map(5) + ping.mid(1), DecodeError::Truncated);
        row("byte string cut short", envelope(MessageType::FindNode, map(1) + field(0, bytes(id))).chopped(5),
            DecodeError::Truncated);
        row("number cut short",
            map(4) + field(0, number(1)) + field(1, number(kTypePing)) + number(2) +
                QByteArray::fromHex("1b0000"),
            DecodeError::Truncated);
        row("list longer than its items",
            envelope(MessageType::Neighbors, map(1) + field(1, cbor::array(2) + nodeRefBytes())),
            DecodeError::Truncated);

        row("trailing zero", ping + '\0', DecodeError::TrailingData);
        row("trailing break", ping + '\xff', DecodeError::TrailingData);
        row("two messages", ping + ping, DecodeError::TrailingData);

        row("version 0", envelope(kTypePing, map(0), 0), DecodeError::UnknownVersion);
        row("version 2", envelope(kTypePing, map(0), 2), DecodeError::UnknownVersion);
        row("version 2 with another shape", map(2) + field(0, number(2)) + field(1, cbor::text("hello")),
            DecodeError::UnknownVersion);
        row("huge version", envelope(kTypePing, map(0), ~quint64(0)), DecodeError::UnknownVersion);

        row("type 0", envelope(quint64(0), map(0)), DecodeError::UnknownType);
        // Kept free so that requests stay odd (DialProbe, 19, has no answer).
        row("type 20", envelope(quint64(20), map(0)), DecodeError::UnknownType);
        // The first type past the last one defined (ConnectReply, 26).
        row("type 27", envelope(quint64(27), map(0)), DecodeError::UnknownType);
        row("type 255", envelope(quint64(255), map(0)), DecodeError::UnknownType);
        row("huge type", envelope(quint64(1) << 40, map(0)), DecodeError::UnknownType);

        row("missing transaction",
            map(3) + field(0, number(1)) + field(1, number(kTypePing)) + field(4, map(0)),
            DecodeError::BadField);
        row("missing body", map(3) + field(0, number(1)) + field(1, number(kTypePing)) + field(2, number(7)),
            DecodeError::BadField);
        row("negative transaction",
            map(4) + field(0, number(1)) + field(1, number(kTypePing)) + field(2, cbor::negative(6)) +
                field(4, map(0)),
            DecodeError::BadField);
        const QByteArray head =
            map(5) + field(0, number(1)) + field(1, number(kTypePing)) + field(2, number(7));
        row("valid sender", head + field(3, bytes(id)) + field(4, map(0)), DecodeError::None);
        row("sender too short", head + field(3, bytes(id.chopped(1))) + field(4, map(0)),
            DecodeError::BadField);
        row("sender too long", head + field(3, bytes(id + 'x')) + field(4, map(0)), DecodeError::BadField);
        row("sender as text", head + field(3, cbor::text(QByteArray(20, 'a'))) + field(4, map(0)),
            DecodeError::BadField);
        row("sender null", head + field(3, cbor::kNull) + field(4, map(0)), DecodeError::BadField);
        row("unknown message key", head + field(4, map(0)) + field(5, number(0)), DecodeError::BadField);
        row("body not a map", envelope(MessageType::Ping, cbor::array(0)), DecodeError::BadField);
        row("unknown body key", envelope(MessageType::Ping, map(1) + field(1, number(0))),
            DecodeError::BadField);
        row("field in an empty body", envelope(MessageType::Notify, map(1) + field(0, number(0))),
            DecodeError::BadField);
        row("challenge too short", envelope(MessageType::Ping, map(1) + field(0, bytes(QByteArray(15, 'c')))),
            DecodeError::BadField);
        row("challenge too long", envelope(MessageType::Ping, map(1) + field(0, bytes(QByteArray(17, 'c')))),
            DecodeError::BadField);
        row("empty challenge present", envelope(MessageType::Ping, map(1) + field(0, bytes({}))),
            DecodeError::BadField);
        const QByteArray key = bytes(QByteArray(32, 'k'));
        const QByteArray signature = bytes(QByteArray(64, 's'));
        row("valid proof", envelope(MessageType::Pong, map(2) + field(0, key) + field(1, signature)),
            DecodeError::None);
        row("key without signature", envelope(MessageType::Pong, map(1) + field(0, key)),
            DecodeError::BadField);
        row("signature without key", envelope(MessageType::Pong, map(1) + field(1, signature)),
            DecodeError::BadField);
        const QByteArray nonce = bytes(QByteArray(16, 'n'));
        row("valid dial back",
            envelope(MessageType::DialBack, map(2) + field(0, nonce) + field(1, number(4000))),
            DecodeError::None);
        row("dial back nonce too short",
            envelope(MessageType::DialBack,
                     map(2) + field(0, bytes(QByteArray(15, 'n'))) + field(1, number(4000))),
            DecodeError::BadField);
        row("dial back port 0",
            envelope(MessageType::DialBack, map(2) + field(0, nonce) + field(1, number(0))),
            DecodeError::BadField);
        row("dial back port too big",
            envelope(MessageType::DialBack, map(2) + field(0, nonce) + field(1, number(65536))),
            DecodeError::BadField);
        row("dial back without port", envelope(MessageType::DialBack, map(1) + field(0, nonce)),
            DecodeError::BadField);
        row("dial back reply status 3", envelope(MessageType::DialBackReply, map(1) + field(0, number(3))),
            DecodeError::BadField);
        row("dial for me without target", envelope(MessageType::DialForMe, map(1) + field(0, nonce)),
            DecodeError::BadField);
        row("dial probe nonce too long",
            envelope(MessageType::DialProbe, map(1) + field(0, bytes(QByteArray(17, 'n')))),
            DecodeError::BadField);
        row("dial probe without nonce", envelope(MessageType::DialProbe, map(0)), DecodeError::BadField);
        const QByteArray when = number(1'796'000'000'000);
        row("valid attach",
            envelope(MessageType::Attach, map(3) + field(0, key) + field(1, when) + field(2, signature)),
            DecodeError::None);
        row("attach without signature",
            envelope(MessageType::Attach, map(2) + field(0, key) + field(1, when)), DecodeError::BadField);
        row("attach from the far future",
            envelope(MessageType::Attach,
                     map(3) + field(0, key) + field(1, number((quint64(1) << 53) + 1)) + field(2, signature)),
            DecodeError::BadField);
        row("attach reply status 3", envelope(MessageType::AttachReply, map(1) + field(0, number(3))),
            DecodeError::BadField);
        const QByteArray target = bytes(QByteArray(20, 't'));
        row("valid call me",
            envelope(MessageType::CallMe,
                     map(3) + field(0, target) + field(1, number(4000)) + field(2, target)),
            DecodeError::None);
        row("call me without requester",
            envelope(MessageType::CallMe, map(2) + field(0, target) + field(1, number(4000))),
            DecodeError::BadField);
        row("call me port 0",
            envelope(MessageType::CallMe, map(3) + field(0, target) + field(1, number(0)) + field(2, target)),
            DecodeError::BadField);
        row("call me target too short",
            envelope(MessageType::CallMe, map(3) + field(0, bytes(QByteArray(19, 't'))) +
                                              field(1, number(4000)) + field(2, target)),
            DecodeError::BadField);
        row("call me reply status 4", envelope(MessageType::CallMeReply, map(1) + field(0, number(4))),
            DecodeError::BadField);
        row("connect without requester", envelope(MessageType::Connect, map(0)), DecodeError::BadField);
        row("connect reply with a field", envelope(MessageType::ConnectReply, map(1) + field(0, number(1))),
            DecodeError::BadField);
        row("key too short",
            envelope(MessageType::Pong, map(2) + field(0, bytes(QByteArray(31, 'k'))) + field(1, signature)),
            DecodeError::BadField);
        row("signature too long",
            envelope(MessageType::Pong, map(2) + field(0, key) + field(1, bytes(QByteArray(65, 's')))),
            DecodeError::BadField);
        const QByteArray observed = cbor::array(2) + bytes(QByteArray::fromHex("cb007107")) + number(41000);
        row("observed", envelope(MessageType::Pong, map(1) + field(2, observed)), DecodeError::None);
        row("observed with a proof",
            envelope(MessageType::Pong, map(3) + field(0, key) + field(1, signature) + field(2, observed)),
            DecodeError::None);
        row("observed of three items",
            envelope(MessageType::Pong,
                     map(1) + field(2, cbor::array(3) + bytes(QByteArray(4, 'a')) + number(1) + number(1))),
            DecodeError::BadField);
        row("observed port 0",
            envelope(MessageType::Pong,
                     map(1) + field(2, cbor::array(2) + bytes(QByteArray(4, 'a')) + number(0))),
            DecodeError::BadField);
        row("observed port too large",
            envelope(MessageType::Pong,
                     map(1) + field(2, cbor::array(2) + bytes(QByteArray(4, 'a')) + number(65536))),
            DecodeError::BadField);
        row("observed address of five bytes",
            envelope(MessageType::Pong,
                     map(1) + field(2, cbor::array(2) + bytes(QByteArray(5, 'a')) + number(1))),
            DecodeError::BadField);
        row("observed not an array", envelope(MessageType::Pong, map(1) + field(2, number(1))),
            DecodeError::BadField);
        row("successors missing", envelope(MessageType::Neighbors, map(1) + field(0, nodeRefBytes())),
            DecodeError::BadField);
        row("too many successors",
            envelope(MessageType::Neighbors, map(1) + field(1, nodeRefList(kMaxNodeRefs + 1))),
            DecodeError::BadField);
        row("huge list",
            envelope(MessageType::Neighbors, map(1) + field(1, QByteArray::fromHex("9bffffffffffffffff"))),
            DecodeError::BadField);
        row("successors not a list", envelope(MessageType::Leave, map(1) + field(1, map(0))),
            DecodeError::BadField);
        const auto neighbors = [](const QByteArray& node) {
            return envelope(MessageType::Neighbors, map(1) + field(1, cbor::array(1) + node));
        };
        row("valid ipv6 node", neighbors(nodeRefBytes(id, QByteArray(16, '\x20'))), DecodeError::None);
        row("valid highest port", neighbors(nodeRefBytes(id, QByteArray(4, '\x01'), number(65535))),
            DecodeError::None);
        row("node of two", neighbors(cbor::array(2) + bytes(id) + bytes(QByteArray(4, '\x01'))),
            DecodeError::BadField);
        row("node of four", neighbors(cbor::array(4) + nodeRefBytes().mid(1) + number(0)),
            DecodeError::BadField);
        row("node not a list", neighbors(bytes(id)), DecodeError::BadField);
        row("node id too short", neighbors(nodeRefBytes(id.chopped(1))), DecodeError::BadField);
        row("address of 5 bytes", neighbors(nodeRefBytes(id, QByteArray(5, '\x01'))), DecodeError::BadField);
        row("address of 8 bytes", neighbors(nodeRefBytes(id, QByteArray(8, '\x01'))), DecodeError::BadField);
        row("address of 17 bytes", neighbors(nodeRefBytes(id, QByteArray(17, '\x01'))),
            DecodeError::BadField);
        row("empty address", neighbors(nodeRefBytes(id, QByteArray())), DecodeError::BadField);
        row("port 0", neighbors(nodeRefBytes(id, QByteArray(4, '\x01'), number(0))), DecodeError::BadField);
        row("port 65536", neighbors(nodeRefBytes(id, QByteArray(4, '\x01'), number(65536))),
            DecodeError::BadField);
        row("negative port", neighbors(nodeRefBytes(id, QByteArray(4, '\x01'), cbor::negative(0))),
            DecodeError::BadField);
        row("target missing", envelope(MessageType::FindNode, map(0)), DecodeError::BadField);
        row("owner found as number",
            envelope(MessageType::FindNodeReply, map(2) + field(0, number(1)) + field(1, nodeRefList(0))),
            DecodeError::BadField);
        row("owner found missing", envelope(MessageType::FindNodeReply, map(1) + field(1, nodeRefList(0))),
            DecodeError::BadField);
        row("too many nodes",
            envelope(MessageType::FindNodeReply,
                     map(2) + field(0, cbor::kTrue) + field(1, nodeRefList(kMaxNodeRefs + 1))),
            DecodeError::BadField);
        row("record too long",
            envelope(MessageType::Store, map(1) + field(0, bytes(QByteArray(kMaxRecordSize + 1, 'r')))),
            DecodeError::BadField);
        row("record as text", envelope(MessageType::Store, map(1) + field(0, cbor::text("record"))),
            DecodeError::BadField);
        row("record missing", envelope(MessageType::Store, map(0)), DecodeError::BadField);
        row("status 6", envelope(MessageType::StoreReply, map(1) + field(0, number(6))),
            DecodeError::BadField);
        row("status as boolean", envelope(MessageType::StoreReply, map(1) + field(0, cbor::kFalse)),
            DecodeError::BadField);
        row("offset over 32 bits",
            envelope(MessageType::Get, map(2) + field(0, bytes(id)) + field(1, number(quint64(1) << 32))),
            DecodeError::BadField);
        row("offset missing", envelope(MessageType::Get, map(1) + field(0, bytes(id))),
            DecodeError::BadField);
        row("key too long",
            envelope(MessageType::Get, map(2) + field(0, bytes(id + 'k')) + field(1, number(0))),
            DecodeError::BadField);
        QByteArray records = cbor::array(kMaxRecordsPerReply + 1);
        for (int i = 0; i <= kMaxRecordsPerReply; ++i)
            records += bytes("r");
        row("too many records",
            envelope(MessageType::GetReply, map(2) + field(0, records) + field(1, cbor::kFalse)),
            DecodeError::BadField);
        row("record in reply too long",
            envelope(MessageType::GetReply,
                     map(2) + field(0, cbor::array(1) + bytes(QByteArray(kMaxRecordSize + 1, 'r'))) +
                         field(1, cbor::kFalse)),
            DecodeError::BadField);
        row("record in reply as number",
            envelope(MessageType::GetReply,
                     map(2) + field(0, cbor::array(1) + number(1)) + field(1, cbor::kFalse)),
            DecodeError::BadField);
        row("more missing", envelope(MessageType::GetReply, map(1) + field(0, cbor::array(0))),
            DecodeError::BadField);
        row("more as null",
            envelope(MessageType::GetReply, map(2) + field(0, cbor::array(0)) + field(1, cbor::kNull)),
            DecodeError::BadField);
        row("field in leave ack", envelope(MessageType::LeaveAck, map(1) + field(7, number(0))),
            DecodeError::BadField);
    }

    void decodeErrors() {
        QFETCH(QByteArray, datagram);
        QFETCH(DecodeError, expected);
        const Decoded decoded = decode(datagram);
        QCOMPARE(decoded.error, expected);
        QCOMPARE(decoded.message.has_value(), expected == DecodeError::None);
        QCOMPARE(decoded.detail.isEmpty(), expected == DecodeError::None);
        if (decoded.message)
            QCOMPARE(encode(*decoded.message).value_or(QByteArray()), datagram);
    }

    void truncationAtEveryOffset() {
        for (const QByteArray& datagram : encodedSamples()) {
            QCOMPARE(decode(datagram.first(0)).error, DecodeError::Malformed);
            for (qsizetype size = 1; size < datagram.size(); ++size) {
                const Decoded decoded = decode(datagram.first(size));
                QVERIFY2(decoded.error == DecodeError::Truncated,
                         qPrintable(QStringLiteral("%1 of %2 bytes: %3")
                                        .arg(size)
                                        .arg(datagram.size())
                                        .arg(describe(decoded.error))));
                QVERIFY(!decoded.message);
            }
        }
    }

    void appendedGarbage() {
        const QList<QByteArray> garbage = {QByteArray(1, '\0'), QByteArray(1, '\xff'),
                                           QByteArray::fromHex("a0"), QByteArray("garbage"),
                                           encodedSamples().constFirst()};
        for (const QByteArray& datagram : encodedSamples()) {
            for (const QByteArray& tail : garbage) {
                const QByteArray input = datagram + tail;
                const DecodeError expected =
                    input.size() > kMaxDatagramSize ? DecodeError::Oversize : DecodeError::TrailingData;
                QCOMPARE(decode(input).error, expected);
            }
        }
    }

    void randomMutations() {
        const QList<QByteArray> originals = encodedSamples();
        QRandomGenerator random(20240611);
        std::array<int, kDecodeErrorCount> outcomes{};
        for (int round = 0; round < 100000; ++round) {
            QByteArray datagram = originals[random.bounded(int(originals.size()))];
            for (int edits = 1 + random.bounded(4); edits > 0; --edits)
                mutate(datagram, random);
            const Decoded decoded = decode(datagram);
            ++outcomes[int(decoded.error)];
            if (decoded.error != DecodeError::None) {
                QVERIFY(!decoded.message);
                continue;
            }
            // Whatever is accepted is exactly what encode() writes for it.
            QVERIFY(decoded.message);
            const std::optional<QByteArray> again = encode(*decoded.message);
            QVERIFY(again);
            QCOMPARE(*again, datagram);
        }
        QStringList summary;
        for (int error = 0; error < kDecodeErrorCount; ++error)
            summary << QStringLiteral("%1: %2").arg(describe(DecodeError(error))).arg(outcomes[error]);
        qInfo().noquote() << summary.join(QStringLiteral(", "));
        // Mutations that only ever produced one verdict would have tested little. (They cannot grow a
        // datagram past the limit, so Oversize is left out.)
        for (int error = 0; error < kDecodeErrorCount; ++error) {
            if (DecodeError(error) != DecodeError::Oversize)
                QVERIFY2(outcomes[error] > 0, qPrintable(describe(DecodeError(error))));
        }
    }

    void describeNamesEveryError() {
        QSet<QString> texts;
        for (int error = 0; error < kDecodeErrorCount; ++error) {
            const QString text = describe(DecodeError(error));
            QVERIFY(!text.isEmpty());
            texts.insert(text);
        }
        QCOMPARE(int(texts.size()), kDecodeErrorCount);
    }
};

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
