// The wire format, protocol version 1.
//
// A datagram is exactly one CBOR data item (RFC 8949) of at most kMaxDatagramSize bytes, in the one form
// QCborStreamWriter produces: every integer and length in its shortest encoding, every array and map of
// definite length, no tags, no floating point, no text strings. Maps have unsigned-integer keys in strictly
// ascending order.
//
// Envelope, a map:
//   0  version      uint        kProtocolVersion
//   1  type         uint        MessageType: the index of the body in net::Body, plus one
//   2  transaction  uint        64 bits, chosen by the requester and echoed in the answer
//   3  sender       bytes(20)   optional: the sender's node ID
//   4  body         map         the fields of the message type, below; an empty body is an empty map
//   5  cookie       bytes(16)   optional: an address cookie (net::Message::cookie)
//   6  padding      bytes       optional: 1 to kMaxDatagramSize zero bytes, to make a request longer
//
// Bodies. An absent optional field is left out; a list is always there, empty or not.
//   Ping           0 challenge    bytes(16)            optional
//   Pong           0 publicKey    bytes(32)            optional \ both or neither
//                  1 signature    bytes(64)            optional /
//   GetNeighbors   -
//   Neighbors      0 predecessor  NodeRef              optional
//                  1 successors   [NodeRef]            at most kMaxNodeRefs
//   Notify         -
//   NotifyAck      -
//   FindNode       0 target       bytes(20)
//   FindNodeReply  0 ownerFound   bool
//                  1 nodes        [NodeRef]            at most kMaxNodeRefs
//   Store          0 record       bytes(0..1000)
//   StoreReply     0 status       uint                 StoreStatus, 0..5
//   Get            0 key          bytes(20)
//                  1 offset       uint                 32 bits
//   GetReply       0 records      [bytes(0..1000)]     at most kMaxRecordsPerReply
//                  1 more         bool
//   Leave          0 predecessor  NodeRef              optional
//                  1 successors   [NodeRef]            at most kMaxNodeRefs
//   LeaveAck       -
//
// NodeRef, an array of three: [id bytes(20), address bytes(4) for IPv4 or bytes(16) for IPv6, port
// uint 1..65535]. An IPv6 address with a scope cannot be sent.
//
// decode() checks the envelope first: the version before anything else, then the type, so that a newer peer's
// message is reported as such however its body looks. It accepts exactly the bytes encode() would write for
// the message it returns, so every message has one encoding (which also means signatures over encoded
// messages and duplicate detection by bytes stay sound). The first problem in reading order decides the
// error:
//   Oversize        more than kMaxDatagramSize bytes (checked before anything is parsed)
//   Malformed       empty; not CBOR; not a map at the top; an indefinite length or a tag anywhere; a map key
//                   that is not an unsigned integer or not above the previous one; no version first or no
//                   type second (or either not an unsigned integer); not the shortest encoding (checked last)
//   Truncated       the bytes end inside an item
//   TrailingData    bytes after the top-level map
//   UnknownVersion  a version other than kProtocolVersion
//   UnknownType     a type outside MessageType
//   BadField        a field missing or unknown, of the wrong CBOR type, of the wrong length, out of range,
//                   a list too long, port 0, half a proof

#include "net/codec.h"

#include "net/strictcborreader.h"

#include <QCborStreamWriter>
#include <QtEndian>
#include <array>
#include <limits>
#include <type_traits>
#include <utility>

namespace ringshare::net {

namespace {

// Envelope keys.
constexpr quint64 kKeyVersion = 0;
constexpr quint64 kKeyType = 1;
constexpr quint64 kKeyTransaction = 2;
constexpr quint64 kKeySender = 3;
constexpr quint64 kKeyBody = 4;
constexpr quint64 kKeyCookie = 5;
constexpr quint64 kKeyPadding = 6;

// Body keys, by message type.
constexpr quint64 kPingChallenge = 0;
constexpr quint64 kPongPublicKey = 0;
constexpr quint64 kPongSignature = 1;
constexpr quint64 kNeighborsPredecessor = 0;
constexpr quint64 kNeighborsSuccessors = 1;
constexpr quint64 kFindNodeTarget = 0;
constexpr quint64 kFindNodeReplyOwnerFound = 0;
constexpr quint64 kFindNodeReplyNodes = 1;
constexpr quint64 kStoreRecord = 0;
constexpr quint64 kStoreReplyStatus = 0;
constexpr quint64 kGetKey = 0;
constexpr quint64 kGetOffset = 1;
constexpr quint64 kGetReplyRecords = 0;
constexpr quint64 kGetReplyMore = 1;
constexpr quint64 kLeavePredecessor = 0;
constexpr quint64 kLeaveSuccessors = 1;

// A NodeRef is [id, address, port].
constexpr quint64 kNodeRefItems = 3;

// A record blob (dht::Record::encode() output) may not be longer than this.
constexpr qsizetype kMaxRecordSize = 1000;
constexpr qsizetype kIPv4Size = 4;
constexpr qsizetype kIPv6Size = 16;
constexpr quint64 kMaxPort = 65535;
constexpr quint64 kMaxStoreStatus = quint64(StoreStatus::NotResponsible);
constexpr quint64 kMaxOffset = 0xffffffffu;

constexpr std::array<const char*, std::variant_size_v<Body>> kTypeNames = {
    "Ping",          "Pong",  "GetNeighbors", "Neighbors", "Notify",   "NotifyAck", "FindNode",
    "FindNodeReply", "Store", "StoreReply",   "Get",       "GetReply", "Leave",     "LeaveAck",
};

// The address in network byte order, or empty when it cannot go on the wire.
QByteArray addressBytes(const QHostAddress& address) {
    switch (address.protocol()) {
    case QAbstractSocket::IPv4Protocol: {
        QByteArray bytes(kIPv4Size, Qt::Uninitialized);
        qToBigEndian(address.toIPv4Address(), bytes.data());
        return bytes;
    }
    case QAbstractSocket::IPv6Protocol: {
        // A scope names an interface of the sender's machine, which means nothing to the receiver.
        if (!address.scopeId().isEmpty())
            return {};
        const Q_IPV6ADDR ip6 = address.toIPv6Address();
        return QByteArray(reinterpret_cast<const char*>(ip6.c), kIPv6Size);
    }
    default:
        return {};
    }
}

QHostAddress addressFromBytes(const QByteArray& bytes) {
    if (bytes.size() == kIPv4Size)
        return QHostAddress(qFromBigEndian<quint32>(bytes.constData()));
    return QHostAddress(reinterpret_cast<const quint8*>(bytes.constData()));
}

// Writes one message. Each step returns false when the message breaks a bound; the output is then abandoned.
class Writer final {
public:
    explicit Writer(QByteArray* out) : m_cbor(out) {}

    bool write(const Message& message) {
        if ((!message.cookie.isEmpty() && message.cookie.size() != kCookieSize) || message.padding < 0 ||
            message.padding > kMaxDatagramSize)
            return false;
        m_cbor.startMap(4 + quint64(message.sender.has_value()) + quint64(!message.cookie.isEmpty()) +
                        quint64(message.padding > 0));
        m_cbor.append(kKeyVersion);
        m_cbor.append(quint64(kProtocolVersion));
        m_cbor.append(kKeyType);
        m_cbor.append(quint64(message.type()));
        m_cbor.append(kKeyTransaction);
        m_cbor.append(message.transactionId);
        if (message.sender) {
            m_cbor.append(kKeySender);
            m_cbor.append(message.sender->toByteArray());
        }
        m_cbor.append(kKeyBody);
        if (!std::visit([this](const auto& body) { return writeBody(body); }, message.body))
            return false;
        if (!message.cookie.isEmpty()) {
            m_cbor.append(kKeyCookie);
            m_cbor.append(message.cookie);
        }
        if (message.padding > 0) {
            m_cbor.append(kKeyPadding);
            m_cbor.append(QByteArray(message.padding, '\0'));
        }
        return m_cbor.endMap();
    }

private:
    bool writeBody(const Ping& ping) {
        if (!ping.challenge.isEmpty() && ping.challenge.size() != kChallengeSize)
            return false;
        m_cbor.startMap(ping.challenge.isEmpty() ? 0 : 1);
        if (!ping.challenge.isEmpty()) {
            m_cbor.append(kPingChallenge);
            m_cbor.append(ping.challenge);
        }
        return m_cbor.endMap();
    }

    bool writeBody(const Pong& pong) {
        if (pong.publicKey.has_value() != pong.signature.has_value())
            return false;
        m_cbor.startMap(pong.publicKey ? 2 : 0);
        if (pong.publicKey) {
            m_cbor.append(kPongPublicKey);
            m_cbor.append(pong.publicKey->toByteArray());
            m_cbor.append(kPongSignature);
            m_cbor.append(pong.signature->toByteArray());
        }
        return m_cbor.endMap();
    }

    bool writeBody(const Neighbors& neighbors) {
        return writeNeighborhood(kNeighborsPredecessor, neighbors.predecessor, kNeighborsSuccessors,
                                 neighbors.successors);
    }

    bool writeBody(const FindNode& findNode) {
        m_cbor.startMap(1);
        m_cbor.append(kFindNodeTarget);
        m_cbor.append(findNode.target.toByteArray());
        return m_cbor.endMap();
    }

    bool writeBody(const FindNodeReply& reply) {
        m_cbor.startMap(2);
        m_cbor.append(kFindNodeReplyOwnerFound);
        m_cbor.append(reply.ownerFound);
        m_cbor.append(kFindNodeReplyNodes);
        if (!writeNodeRefs(reply.nodes))
            return false;
        return m_cbor.endMap();
    }

    bool writeBody(const Store& store) {
        if (store.record.size() > kMaxRecordSize)
            return false;
        m_cbor.startMap(1);
        m_cbor.append(kStoreRecord);
        m_cbor.append(store.record);
        return m_cbor.endMap();
    }

    bool writeBody(const StoreReply& reply) {
        if (quint64(reply.status) > kMaxStoreStatus)
            return false;
        m_cbor.startMap(1);
        m_cbor.append(kStoreReplyStatus);
        m_cbor.append(quint64(reply.status));
        return m_cbor.endMap();
    }

    bool writeBody(const Get& get) {
        m_cbor.startMap(2);
        m_cbor.append(kGetKey);
        m_cbor.append(get.key.toByteArray());
        m_cbor.append(kGetOffset);
        m_cbor.append(quint64(get.offset));
        return m_cbor.endMap();
    }

    bool writeBody(const GetReply& reply) {
        if (reply.records.size() > kMaxRecordsPerReply)
            return false;
        m_cbor.startMap(2);
        m_cbor.append(kGetReplyRecords);
        m_cbor.startArray(quint64(reply.records.size()));
        for (const QByteArray& record : reply.records) {
            if (record.size() > kMaxRecordSize)
                return false;
            m_cbor.append(record);
        }
        m_cbor.endArray();
        m_cbor.append(kGetReplyMore);
        m_cbor.append(reply.more);
        return m_cbor.endMap();
    }

    bool writeBody(const Leave& leave) {
        return writeNeighborhood(kLeavePredecessor, leave.predecessor, kLeaveSuccessors, leave.successors);
    }

    // GetNeighbors, Notify, NotifyAck, LeaveAck.
    template <typename Empty>
    bool writeBody(const Empty&) {
        static_assert(std::is_empty_v<Empty>, "a message type with fields needs its own writeBody()");
        m_cbor.startMap(0);
        return m_cbor.endMap();
    }

    bool writeNeighborhood(quint64 predecessorKey, const std::optional<NodeRef>& predecessor,
                           quint64 successorsKey, const QList<NodeRef>& successors) {
        m_cbor.startMap(predecessor ? 2 : 1);
        if (predecessor) {
            m_cbor.append(predecessorKey);
            if (!writeNodeRef(*predecessor))
                return false;
        }
        m_cbor.append(successorsKey);
        if (!writeNodeRefs(successors))
            return false;
        return m_cbor.endMap();
    }

    bool writeNodeRefs(const QList<NodeRef>& refs) {
        if (refs.size() > kMaxNodeRefs)
            return false;
        m_cbor.startArray(quint64(refs.size()));
        for (const NodeRef& ref : refs) {
            if (!writeNodeRef(ref))
                return false;
        }
        return m_cbor.endArray();
    }

    bool writeNodeRef(const NodeRef& ref) {
        const QByteArray address = addressBytes(ref.endpoint.address);
        if (address.isEmpty() || ref.endpoint.port == 0)
            return false;
        m_cbor.startArray(kNodeRefItems);
        m_cbor.append(ref.id.toByteArray());
        m_cbor.append(address);
        m_cbor.append(quint64(ref.endpoint.port));
        return m_cbor.endArray();
    }

    QCborStreamWriter m_cbor;
};

// Reads one message with a StrictCborReader; this class knows the format. The first failure is the verdict.
class MessageReader final {
public:
    explicit MessageReader(QByteArrayView datagram) : m_datagram(datagram), m_in(datagram) {}

    Decoded read() {
        Message message;
        if (!readMessage(message))
            return Decoded{std::nullopt, m_in.error(), m_in.detail()};
        return Decoded{std::move(message), DecodeError::None, QString()};
    }

private:
    bool readAddress(const char* field, QHostAddress& address) {
        QByteArray bytes;
        if (!m_in.readBytesOfSize(field, {kIPv4Size, kIPv6Size}, bytes))
            return false;
        address = addressFromBytes(bytes);
        return true;
    }

    bool readNodeRef(const char* field, NodeRef& ref) {
        quint64 count = 0;
        if (!m_in.enterArray(field, std::numeric_limits<quint64>::max(), count))
            return false;
        if (count != kNodeRefItems)
            return m_in.badField(
                field, QStringLiteral("a node of %1 items, expected [id, address, port]").arg(count));
        quint64 port = 0;
        if (!m_in.readFixed(field, NodeId::kBytes, ref.id) || !readAddress(field, ref.endpoint.address) ||
            !m_in.readUnsigned(field, kMaxPort, port))
            return false;
        if (port == 0)
            return m_in.badField(field, QStringLiteral("port 0"));
        ref.endpoint.port = quint16(port);
        return m_in.leaveArray();
    }

    bool readNodeRefs(const char* field, QList<NodeRef>& refs) {
        quint64 count = 0;
        if (!m_in.enterArray(field, kMaxNodeRefs, count))
            return false;
        refs.reserve(qsizetype(count));
        for (quint64 i = 0; i < count; ++i) {
            if (!readNodeRef(field, refs.emplace_back()))
                return false;
        }
        return m_in.leaveArray();
    }

    bool readBody(Ping& ping) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == kPingChallenge)
                return m_in.readBytes("challenge", kChallengeSize, kChallengeSize, ping.challenge);
            return m_in.unknownField(key);
        });
    }

    bool readBody(Pong& pong) {
        quint64 seen = 0;
        const bool read = m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            switch (key) {
            case kPongPublicKey:
                return m_in.readFixed("publicKey", crypto::PublicKey::kSize, pong.publicKey.emplace());
            case kPongSignature:
                return m_in.readFixed("signature", crypto::Signature::kSize, pong.signature.emplace());
            default:
                return m_in.unknownField(key);
            }
        });
        if (!read)
            return false;
        if (pong.publicKey.has_value() != pong.signature.has_value())
            return m_in.badField(pong.publicKey ? "signature" : "publicKey",
                                 QStringLiteral("missing from a proof"));
        return true;
    }

    bool readBody(Neighbors& neighbors) {
        return readNeighborhood(kNeighborsPredecessor, neighbors.predecessor, kNeighborsSuccessors,
                                neighbors.successors);
    }

    bool readBody(FindNode& findNode) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == kFindNodeTarget)
                return m_in.readFixed("target", NodeId::kBytes, findNode.target);
            return m_in.unknownField(key);
        }) && m_in.required(seen, kFindNodeTarget, "target");
    }

    bool readBody(FindNodeReply& reply) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen,
                            [&](quint64 key) {
                                switch (key) {
                                case kFindNodeReplyOwnerFound:
                                    return m_in.readBool("ownerFound", reply.ownerFound);
                                case kFindNodeReplyNodes:
                                    return readNodeRefs("nodes", reply.nodes);
                                default:
                                    return m_in.unknownField(key);
                                }
                            }) &&
               m_in.required(seen, kFindNodeReplyOwnerFound, "ownerFound") &&
               m_in.required(seen, kFindNodeReplyNodes, "nodes");
    }

    bool readBody(Store& store) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == kStoreRecord)
                return m_in.readBytes("record", 0, kMaxRecordSize, store.record);
            return m_in.unknownField(key);
        }) && m_in.required(seen, kStoreRecord, "record");
    }

    bool readBody(StoreReply& reply) {
        quint64 seen = 0;
        quint64 status = 0;
        const bool read = m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == kStoreReplyStatus)
                return m_in.readUnsigned("status", kMaxStoreStatus, status);
            return m_in.unknownField(key);
        });
        reply.status = StoreStatus(status);
        return read && m_in.required(seen, kStoreReplyStatus, "status");
    }

    bool readBody(Get& get) {
        quint64 seen = 0;
        quint64 offset = 0;
        const bool read = m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            switch (key) {
            case kGetKey:
                return m_in.readFixed("key", NodeId::kBytes, get.key);
            case kGetOffset:
                return m_in.readUnsigned("offset", kMaxOffset, offset);
            default:
                return m_in.unknownField(key);
            }
        });
        get.offset = quint32(offset);
        return read && m_in.required(seen, kGetKey, "key") && m_in.required(seen, kGetOffset, "offset");
    }

    bool readRecords(QList<QByteArray>& records) {
        quint64 count = 0;
        if (!m_in.enterArray("records", kMaxRecordsPerReply, count))
            return false;
        records.reserve(qsizetype(count));
        for (quint64 i = 0; i < count; ++i) {
            if (!m_in.readBytes("records", 0, kMaxRecordSize, records.emplace_back()))
                return false;
        }
        return m_in.leaveArray();
    }

    bool readBody(GetReply& reply) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen,
                            [&](quint64 key) {
                                switch (key) {
                                case kGetReplyRecords:
                                    return readRecords(reply.records);
                                case kGetReplyMore:
                                    return m_in.readBool("more", reply.more);
                                default:
                                    return m_in.unknownField(key);
                                }
                            }) &&
               m_in.required(seen, kGetReplyRecords, "records") && m_in.required(seen, kGetReplyMore, "more");
    }

    bool readBody(Leave& leave) {
        return readNeighborhood(kLeavePredecessor, leave.predecessor, kLeaveSuccessors, leave.successors);
    }

    // GetNeighbors, Notify, NotifyAck, LeaveAck.
    template <typename Empty>
    bool readBody(Empty&) {
        static_assert(std::is_empty_v<Empty>, "a message type with fields needs its own readBody()");
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) { return m_in.unknownField(key); });
    }

    bool readNeighborhood(quint64 predecessorKey, std::optional<NodeRef>& predecessor, quint64 successorsKey,
                          QList<NodeRef>& successors) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == predecessorKey)
                return readNodeRef("predecessor", predecessor.emplace());
            if (key == successorsKey)
                return readNodeRefs("successors", successors);
            return m_in.unknownField(key);
        }) && m_in.required(seen, successorsKey, "successors");
    }

    // Reads the body alternative whose index is `index`: the fold tries each alternative of Body in turn.
    template <std::size_t... I>
    bool readBodyAt(std::size_t index, Body& body, std::index_sequence<I...>) {
        bool read = false;
        (void)((index == I && (read = readBody(body.emplace<I>()), true)) || ...);
        return read;
    }

    // The version and the type decide how to read the rest, so they come first, in that order, and are judged
    // before anything after them is parsed.
    bool readEnvelopeField(quint64 key, std::optional<std::size_t>& typeIndex, Message& message) {
        if (key == kKeyVersion) {
            quint64 version = 0;
            if (!m_in.peekUnsigned("version", version))
                return false;
            if (version != quint64(kProtocolVersion))
                return m_in.fail(DecodeError::UnknownVersion, QStringLiteral("version %1").arg(version));
            m_haveVersion = true;
            return m_in.skip();
        }
        if (!m_haveVersion)
            return m_in.malformed(QStringLiteral("does not begin with the version"));
        if (key == kKeyType) {
            quint64 type = 0;
            if (!m_in.peekUnsigned("type", type))
                return false;
            if (type < 1 || type > std::variant_size_v<Body>)
                return m_in.fail(DecodeError::UnknownType, QStringLiteral("type %1").arg(type));
            typeIndex = std::size_t(type - 1);
            return m_in.skip();
        }
        if (!typeIndex)
            return m_in.malformed(QStringLiteral("the type does not follow the version"));
        switch (key) {
        case kKeyTransaction:
            return m_in.readUnsigned("transaction", std::numeric_limits<quint64>::max(),
                                     message.transactionId);
        case kKeySender:
            return m_in.readFixed("sender", NodeId::kBytes, message.sender.emplace());
        case kKeyBody: {
            m_in.setBodyScope(kTypeNames[*typeIndex]);
            const bool read =
                readBodyAt(*typeIndex, message.body, std::make_index_sequence<std::variant_size_v<Body>>());
            m_in.setBodyScope(nullptr);
            return read;
        }
        case kKeyCookie:
            return m_in.readBytes("cookie", kCookieSize, kCookieSize, message.cookie);
        case kKeyPadding: {
            QByteArray padding;
            if (!m_in.readBytes("padding", 1, kMaxDatagramSize, padding))
                return false;
            if (padding.count('\0') != padding.size())
                return m_in.badField("padding", QStringLiteral("not all zero bytes"));
            message.padding = int(padding.size());
            return true;
        }
        default:
            return m_in.unknownField(key);
        }
    }

    bool readMessage(Message& message) {
        std::optional<std::size_t> typeIndex;
        quint64 seen = 0;
        const bool read = m_in.readMap(DecodeError::Malformed, seen, [&](quint64 key) {
            return readEnvelopeField(key, typeIndex, message);
        });
        if (!read)
            return false;
        if (!m_haveVersion)
            return m_in.malformed(QStringLiteral("no version"));
        if (!typeIndex)
            return m_in.malformed(QStringLiteral("no type"));
        if (!m_in.required(seen, kKeyTransaction, "transaction") || !m_in.required(seen, kKeyBody, "body"))
            return false;
        if (m_in.offset() != m_datagram.size())
            return m_in.fail(DecodeError::TrailingData, QStringLiteral("the message ends at byte %1 of %2")
                                                            .arg(m_in.offset())
                                                            .arg(m_datagram.size()));
        // Everything above holds for any well-formed CBOR; what is left is the encoding itself, e.g. an
        // integer or a length written in more bytes than it needs.
        const std::optional<QByteArray> canonical = encode(message);
        if (!canonical || QByteArrayView(*canonical) != m_datagram)
            return m_in.malformed(QStringLiteral("not in the shortest encoding"));
        return true;
    }

    QByteArrayView m_datagram;
    StrictCborReader m_in;
    bool m_haveVersion = false;
};

} // namespace

QString describe(DecodeError error) {
    switch (error) {
    case DecodeError::None:
        return QStringLiteral("no error");
    case DecodeError::Oversize:
        return QStringLiteral("datagram longer than %1 bytes").arg(kMaxDatagramSize);
    case DecodeError::Malformed:
        return QStringLiteral("malformed message");
    case DecodeError::Truncated:
        return QStringLiteral("truncated message");
    case DecodeError::TrailingData:
        return QStringLiteral("unexpected bytes after the message");
    case DecodeError::UnknownVersion:
        return QStringLiteral("unknown protocol version");
    case DecodeError::UnknownType:
        return QStringLiteral("unknown message type");
    case DecodeError::BadField:
        return QStringLiteral("invalid message field");
    }
    return QStringLiteral("unknown decode error %1").arg(int(error));
}

std::optional<QByteArray> encode(const Message& message) {
    QByteArray bytes;
    {
        Writer writer(&bytes);
        if (!writer.write(message))
            return std::nullopt;
    }
    if (bytes.size() > kMaxDatagramSize)
        return std::nullopt;
    return bytes;
}

Decoded decode(QByteArrayView datagram) {
    // Before the reader takes its copy.
    if (datagram.size() > kMaxDatagramSize)
        return Decoded{
            std::nullopt, DecodeError::Oversize,
            QStringLiteral("%1 bytes, at most %2 allowed").arg(datagram.size()).arg(kMaxDatagramSize)};
    if (datagram.isEmpty())
        return Decoded{std::nullopt, DecodeError::Malformed, QStringLiteral("empty datagram")};
    return MessageReader(datagram).read();
}

} // namespace ringshare::net
