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
// uint 1..65535].
//
// decode() checks the envelope first: the version before anything else, then the type, so that a newer peer's
// message is reported as such however its body looks. It accepts exactly the bytes encode() would write for
// the message it returns, so every message has one encoding (which also means signatures over encoded
// messages and duplicate detection by bytes stay sound). Errors are reported in the order the bytes are read.

#include "net/codec.h"

#include <QCborStreamReader>
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
        m_cbor.startMap(message.sender ? 5 : 4);
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

// Reads one message. Every step returns false after recording why it failed; the first failure is the
// verdict.
class Reader final {
public:
    explicit Reader(QByteArrayView datagram)
        : m_datagram(datagram), m_cbor(datagram.data(), datagram.size()) {}

    Decoded read() {
        Message message;
        if (!readMessage(message))
            return Decoded{std::nullopt, m_error, m_detail};
        return Decoded{std::move(message), DecodeError::None, QString()};
    }

private:
    bool fail(DecodeError error, const QString& detail) {
        m_error = error;
        m_detail = detail;
        return false;
    }

    // Where the reader is, for the details: "message", or "FindNode body" once inside a body.
    QString where() const {
        return m_bodyType ? QStringLiteral("%1 body").arg(QLatin1String(m_bodyType))
                          : QStringLiteral("message");
    }

    bool badField(const char* field, const QString& problem) {
        const QLatin1String owner(m_bodyType ? m_bodyType : "message");
        return fail(DecodeError::BadField,
                    QStringLiteral("%1.%2: %3").arg(owner, QLatin1String(field), problem));
    }

    bool malformed(const QString& problem) {
        return fail(DecodeError::Malformed, QStringLiteral("%1: %2").arg(where(), problem));
    }

    // The CBOR reader's own verdict on the bytes so far.
    bool streamOk() {
        const QCborError error = m_cbor.lastError();
        if (error == QCborError::NoError)
            return true;
        if (error == QCborError::EndOfFile)
            return fail(DecodeError::Truncated,
                        QStringLiteral("%1: ends in the middle of an item").arg(where()));
        return malformed(QStringLiteral("not well-formed CBOR at byte %1: %2")
                             .arg(m_cbor.currentOffset())
                             .arg(error.toString()));
    }

    // For the reader's bool-returning steps (next, enterContainer, leaveContainer).
    bool stepped(bool succeeded) {
        if (!streamOk())
            return false;
        return succeeded ||
               malformed(QStringLiteral("unreadable item at byte %1").arg(m_cbor.currentOffset()));
    }

    // Positioned at a data item that is not tagged: no value of ours carries a tag.
    bool atItem() {
        if (!streamOk())
            return false;
        if (m_cbor.isTag())
            return malformed(QStringLiteral("tag at byte %1").arg(m_cbor.currentOffset()));
        return true;
    }

    // Reads a definite-length map with unsigned-integer keys in ascending order, handing each value to
    // readField(key) with the reader positioned on it. `notAMap` is the error when the item is something
    // else.
    template <typename ReadField>
    bool readMap(DecodeError notAMap, ReadField&& readField) {
        if (!atItem())
            return false;
        if (!m_cbor.isMap())
            return fail(notAMap, QStringLiteral("%1: not a map").arg(where()));
        if (!m_cbor.isLengthKnown())
            return malformed(QStringLiteral("indefinite-length map"));
        if (!stepped(m_cbor.enterContainer()))
            return false;
        std::optional<quint64> previous;
        while (m_cbor.hasNext()) {
            if (!atItem())
                return false;
            if (!m_cbor.isUnsignedInteger())
                return malformed(QStringLiteral("a key that is not an unsigned integer"));
            const quint64 key = m_cbor.toUnsignedInteger();
            if (previous && key <= *previous)
                return malformed(
                    QStringLiteral("key %1 after key %2, keys must ascend").arg(key).arg(*previous));
            previous = key;
            if (!stepped(m_cbor.next()) || !readField(key))
                return false;
        }
        return stepped(m_cbor.leaveContainer());
    }

    // Enters a definite-length array of at most `maxCount` items.
    bool enterArray(const char* field, quint64 maxCount, quint64& count) {
        if (!atItem())
            return false;
        if (!m_cbor.isArray())
            return badField(field, QStringLiteral("not an array"));
        if (!m_cbor.isLengthKnown())
            return malformed(QStringLiteral("%1 is an indefinite-length array").arg(QLatin1String(field)));
        count = m_cbor.length();
        if (count > maxCount)
            return badField(field, QStringLiteral("%1 items, at most %2 allowed").arg(count).arg(maxCount));
        return stepped(m_cbor.enterContainer());
    }

    bool leaveArray() { return stepped(m_cbor.leaveContainer()); }

    bool readUnsigned(const char* field, quint64 max, quint64& out) {
        if (!atItem())
            return false;
        if (!m_cbor.isUnsignedInteger())
            return badField(field, QStringLiteral("not an unsigned integer"));
        out = m_cbor.toUnsignedInteger();
        if (out > max)
            return badField(field, QStringLiteral("%1 is out of range").arg(out));
        return stepped(m_cbor.next());
    }

    bool readBool(const char* field, bool& out) {
        if (!atItem())
            return false;
        if (!m_cbor.isBool())
            return badField(field, QStringLiteral("not a boolean"));
        out = m_cbor.toBool();
        return stepped(m_cbor.next());
    }

    // At a definite-length byte string of `length` bytes, none of them read yet.
    bool atByteString(const char* field, quint64& length) {
        if (!atItem())
            return false;
        if (!m_cbor.isByteArray())
            return badField(field, QStringLiteral("not a byte string"));
        if (!m_cbor.isLengthKnown())
            return malformed(
                QStringLiteral("%1 is an indefinite-length byte string").arg(QLatin1String(field)));
        length = m_cbor.length();
        return true;
    }

    // Only after the caller has checked `length` against its bound.
    bool readByteContent(quint64 length, QByteArray& out) {
        out.clear();
        out.reserve(qsizetype(length));
        auto chunk = m_cbor.readByteArray();
        while (chunk.status == QCborStreamReader::Ok) {
            out += chunk.data;
            chunk = m_cbor.readByteArray();
        }
        return stepped(chunk.status == QCborStreamReader::EndOfString);
    }

    bool readBytes(const char* field, qsizetype minSize, qsizetype maxSize, QByteArray& out) {
        quint64 length = 0;
        if (!atByteString(field, length))
            return false;
        if (length < quint64(minSize) || length > quint64(maxSize)) {
            const QString expected = minSize == maxSize
                                         ? QString::number(minSize)
                                         : QStringLiteral("%1 to %2").arg(minSize).arg(maxSize);
            return badField(field, QStringLiteral("%1 bytes, expected %2").arg(length).arg(expected));
        }
        return readByteContent(length, out);
    }

    // NodeId, PublicKey or Signature: a byte string of exactly `size` bytes.
    template <typename T>
    bool readFixed(const char* field, qsizetype size, T& out) {
        QByteArray bytes;
        if (!readBytes(field, size, size, bytes))
            return false;
        out = *T::fromBytes(bytes);
        return true;
    }

    bool readAddress(const char* field, QHostAddress& address) {
        quint64 length = 0;
        if (!atByteString(field, length))
            return false;
        if (length != quint64(kIPv4Size) && length != quint64(kIPv6Size))
            return badField(field, QStringLiteral("an address of %1 bytes, expected %2 or %3")
                                       .arg(length)
                                       .arg(kIPv4Size)
                                       .arg(kIPv6Size));
        QByteArray bytes;
        if (!readByteContent(length, bytes))
            return false;
        address = addressFromBytes(bytes);
        return true;
    }

    bool readNodeRef(const char* field, NodeRef& ref) {
        quint64 count = 0;
        if (!enterArray(field, std::numeric_limits<quint64>::max(), count))
            return false;
        if (count != kNodeRefItems)
            return badField(field,
                            QStringLiteral("a node of %1 items, expected [id, address, port]").arg(count));
        quint64 port = 0;
        if (!readFixed(field, NodeId::kBytes, ref.id) || !readAddress(field, ref.endpoint.address) ||
            !readUnsigned(field, kMaxPort, port))
            return false;
        if (port == 0)
            return badField(field, QStringLiteral("port 0"));
        ref.endpoint.port = quint16(port);
        return leaveArray();
    }

    bool readNodeRefs(const char* field, QList<NodeRef>& refs) {
        quint64 count = 0;
        if (!enterArray(field, kMaxNodeRefs, count))
            return false;
        refs.reserve(qsizetype(count));
        for (quint64 i = 0; i < count; ++i) {
            NodeRef ref;
            if (!readNodeRef(field, ref))
                return false;
            refs.append(ref);
        }
        return leaveArray();
    }

    bool unknownField(quint64 key) {
        return fail(DecodeError::BadField, QStringLiteral("%1: unknown field %2").arg(where()).arg(key));
    }

    bool missingField(const char* field) { return badField(field, QStringLiteral("missing")); }

    bool readBody(Ping& ping) {
        return readMap(DecodeError::BadField, [&](quint64 key) {
            if (key == kPingChallenge)
                return readBytes("challenge", kChallengeSize, kChallengeSize, ping.challenge);
            return unknownField(key);
        });
    }

    bool readBody(Pong& pong) {
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            switch (key) {
            case kPongPublicKey:
                return readFixed("publicKey", crypto::PublicKey::kSize, pong.publicKey.emplace());
            case kPongSignature:
                return readFixed("signature", crypto::Signature::kSize, pong.signature.emplace());
            default:
                return unknownField(key);
            }
        });
        if (!read)
            return false;
        if (pong.publicKey.has_value() != pong.signature.has_value())
            return badField(pong.publicKey ? "signature" : "publicKey",
                            QStringLiteral("missing from a proof"));
        return true;
    }

    bool readBody(Neighbors& neighbors) {
        return readNeighborhood(kNeighborsPredecessor, neighbors.predecessor, kNeighborsSuccessors,
                                neighbors.successors);
    }

    bool readBody(FindNode& findNode) {
        bool haveTarget = false;
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            if (key == kFindNodeTarget) {
                haveTarget = true;
                return readFixed("target", NodeId::kBytes, findNode.target);
            }
            return unknownField(key);
        });
        return read && (haveTarget || missingField("target"));
    }

    bool readBody(FindNodeReply& reply) {
        bool haveOwnerFound = false;
        bool haveNodes = false;
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            switch (key) {
            case kFindNodeReplyOwnerFound:
                haveOwnerFound = true;
                return readBool("ownerFound", reply.ownerFound);
            case kFindNodeReplyNodes:
                haveNodes = true;
                return readNodeRefs("nodes", reply.nodes);
            default:
                return unknownField(key);
            }
        });
        return read && (haveOwnerFound || missingField("ownerFound")) && (haveNodes || missingField("nodes"));
    }

    bool readBody(Store& store) {
        bool haveRecord = false;
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            if (key == kStoreRecord) {
                haveRecord = true;
                return readBytes("record", 0, kMaxRecordSize, store.record);
            }
            return unknownField(key);
        });
        return read && (haveRecord || missingField("record"));
    }

    bool readBody(StoreReply& reply) {
        bool haveStatus = false;
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            if (key == kStoreReplyStatus) {
                haveStatus = true;
                quint64 status = 0;
                if (!readUnsigned("status", kMaxStoreStatus, status))
                    return false;
                reply.status = StoreStatus(status);
                return true;
            }
            return unknownField(key);
        });
        return read && (haveStatus || missingField("status"));
    }

    bool readBody(Get& get) {
        bool haveKey = false;
        bool haveOffset = false;
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            switch (key) {
            case kGetKey:
                haveKey = true;
                return readFixed("key", NodeId::kBytes, get.key);
            case kGetOffset: {
                haveOffset = true;
                quint64 offset = 0;
                if (!readUnsigned("offset", kMaxOffset, offset))
                    return false;
                get.offset = quint32(offset);
                return true;
            }
            default:
                return unknownField(key);
            }
        });
        return read && (haveKey || missingField("key")) && (haveOffset || missingField("offset"));
    }

    bool readBody(GetReply& reply) {
        bool haveRecords = false;
        bool haveMore = false;
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            switch (key) {
            case kGetReplyRecords: {
                haveRecords = true;
                quint64 count = 0;
                if (!enterArray("records", kMaxRecordsPerReply, count))
                    return false;
                reply.records.reserve(qsizetype(count));
                for (quint64 i = 0; i < count; ++i) {
                    if (!readBytes("records", 0, kMaxRecordSize, reply.records.emplace_back()))
                        return false;
                }
                return leaveArray();
            }
            case kGetReplyMore:
                haveMore = true;
                return readBool("more", reply.more);
            default:
                return unknownField(key);
            }
        });
        return read && (haveRecords || missingField("records")) && (haveMore || missingField("more"));
    }

    bool readBody(Leave& leave) {
        return readNeighborhood(kLeavePredecessor, leave.predecessor, kLeaveSuccessors, leave.successors);
    }

    // GetNeighbors, Notify, NotifyAck, LeaveAck.
    template <typename Empty>
    bool readBody(Empty&) {
        static_assert(std::is_empty_v<Empty>, "a message type with fields needs its own readBody()");
        return readMap(DecodeError::BadField, [&](quint64 key) { return unknownField(key); });
    }

    bool readNeighborhood(quint64 predecessorKey, std::optional<NodeRef>& predecessor, quint64 successorsKey,
                          QList<NodeRef>& successors) {
        bool haveSuccessors = false;
        const bool read = readMap(DecodeError::BadField, [&](quint64 key) {
            if (key == predecessorKey)
                return readNodeRef("predecessor", predecessor.emplace());
            if (key == successorsKey) {
                haveSuccessors = true;
                return readNodeRefs("successors", successors);
            }
            return unknownField(key);
        });
        return read && (haveSuccessors || missingField("successors"));
    }

    // Reads the body alternative whose index is `index`: the fold tries each alternative of Body in turn.
    template <std::size_t... I>
    bool readBodyAt(std::size_t index, Body& body, std::index_sequence<I...>) {
        bool read = false;
        (void)((index == I && (read = readBody(body.emplace<I>()), true)) || ...);
        return read;
    }

    // Version and type say how to read everything else, so they must come first and be what they seem.
    bool readEnvelopeNumber(const char* field, quint64& out) {
        if (!atItem())
            return false;
        if (!m_cbor.isUnsignedInteger())
            return malformed(QStringLiteral("%1 is not an unsigned integer").arg(QLatin1String(field)));
        out = m_cbor.toUnsignedInteger();
        return true;
    }

    bool readMessage(Message& message) {
        bool haveVersion = false;
        std::optional<std::size_t> typeIndex;
        bool haveTransaction = false;
        bool haveBody = false;
        const bool read = readMap(DecodeError::Malformed, [&](quint64 key) {
            if (key == kKeyVersion) {
                quint64 version = 0;
                if (!readEnvelopeNumber("version", version))
                    return false;
                if (version != quint64(kProtocolVersion))
                    return fail(DecodeError::UnknownVersion, QStringLiteral("version %1").arg(version));
                haveVersion = true;
                return stepped(m_cbor.next());
            }
            if (!haveVersion)
                return malformed(QStringLiteral("does not begin with the version"));
            if (key == kKeyType) {
                quint64 type = 0;
                if (!readEnvelopeNumber("type", type))
                    return false;
                if (type < 1 || type > std::variant_size_v<Body>)
                    return fail(DecodeError::UnknownType, QStringLiteral("type %1").arg(type));
                typeIndex = std::size_t(type - 1);
                return stepped(m_cbor.next());
            }
            if (!typeIndex)
                return malformed(QStringLiteral("the type does not follow the version"));
            switch (key) {
            case kKeyTransaction:
                haveTransaction = true;
                return readUnsigned("transaction", std::numeric_limits<quint64>::max(),
                                    message.transactionId);
            case kKeySender:
                return readFixed("sender", NodeId::kBytes, message.sender.emplace());
            case kKeyBody: {
                haveBody = true;
                m_bodyType = kTypeNames[*typeIndex];
                const bool bodyRead = readBodyAt(*typeIndex, message.body,
                                                 std::make_index_sequence<std::variant_size_v<Body>>());
                m_bodyType = nullptr;
                return bodyRead;
            }
            default:
                return unknownField(key);
            }
        });
        if (!read)
            return false;
        if (!haveVersion)
            return malformed(QStringLiteral("no version"));
        if (!typeIndex)
            return malformed(QStringLiteral("no type"));
        if (!haveTransaction)
            return missingField("transaction");
        if (!haveBody)
            return missingField("body");

        if (m_cbor.currentOffset() != m_datagram.size())
            return fail(DecodeError::TrailingData, QStringLiteral("the message ends at byte %1 of %2")
                                                       .arg(m_cbor.currentOffset())
                                                       .arg(m_datagram.size()));
        // Everything above holds for any well-formed CBOR; what is left is the encoding itself, e.g. an
        // integer or a length written in more bytes than it needs.
        const std::optional<QByteArray> canonical = encode(message);
        if (!canonical || QByteArrayView(*canonical) != m_datagram)
            return malformed(QStringLiteral("not in the shortest encoding"));
        return true;
    }

    QByteArrayView m_datagram;
    QCborStreamReader m_cbor;
    const char* m_bodyType = nullptr; // while reading a body: its type's name
    DecodeError m_error = DecodeError::None;
    QString m_detail;
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
    return Reader(datagram).read();
}

} // namespace ringshare::net
