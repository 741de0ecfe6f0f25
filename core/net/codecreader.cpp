// Decoding DHT datagrams: the strict reader that accepts exactly the bytes encode() writes (the format is
// in codecformat.h) and names the first problem it meets.
#include "net/codec.h"
#include "net/codecformat.h"
#include "net/strictcborreader.h"

#include <QtEndian>
#include <limits>
#include <type_traits>
#include <utility>

namespace ringshare::net {

namespace {

using namespace wire;

QHostAddress addressFromBytes(const QByteArray& bytes) {
    if (bytes.size() == kIPv4Size)
        return QHostAddress(qFromBigEndian<quint32>(bytes.constData()));
    return QHostAddress(reinterpret_cast<const quint8*>(bytes.constData()));
}

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

    bool readPort(const char* field, quint16& port) {
        quint64 value = 0;
        if (!m_in.readUnsigned(field, kMaxPort, value))
            return false;
        if (value == 0)
            return m_in.badField(field, QStringLiteral("port 0"));
        port = quint16(value);
        return true;
    }

    bool readEndpoint(const char* field, Endpoint& endpoint) {
        quint64 count = 0;
        if (!m_in.enterArray(field, std::numeric_limits<quint64>::max(), count))
            return false;
        if (count != kEndpointItems)
            return m_in.badField(
                field, QStringLiteral("an endpoint of %1 items, expected [address, port]").arg(count));
        if (!readAddress(field, endpoint.address) || !readPort(field, endpoint.port))
            return false;
        return m_in.leaveArray();
    }

    bool readNodeRef(const char* field, NodeRef& ref) {
        quint64 count = 0;
        if (!m_in.enterArray(field, std::numeric_limits<quint64>::max(), count))
            return false;
        if (count != kNodeRefItems)
            return m_in.badField(
                field, QStringLiteral("a node of %1 items, expected [id, address, port]").arg(count));
        if (!m_in.readFixed(field, NodeId::kBytes, ref.id) || !readAddress(field, ref.endpoint.address) ||
            !readPort(field, ref.endpoint.port))
            return false;
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
            case kPongObserved:
                return readEndpoint("observed", pong.observed.emplace());
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

    bool readBody(DialBack& dial) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen,
                            [&](quint64 key) {
                                switch (key) {
                                case kDialBackNonce:
                                    return m_in.readBytes("nonce", kDialNonceSize, kDialNonceSize,
                                                          dial.nonce);
                                case kDialBackPort:
                                    return readPort("port", dial.port);
                                default:
                                    return m_in.unknownField(key);
                                }
                            }) &&
               m_in.required(seen, kDialBackNonce, "nonce") && m_in.required(seen, kDialBackPort, "port");
    }

    bool readBody(DialBackReply& reply) { return readDialStatus(reply.status); }
    bool readBody(DialForMeReply& reply) { return readDialStatus(reply.status); }

    bool readBody(DialForMe& dial) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen,
                            [&](quint64 key) {
                                switch (key) {
                                case kDialForMeNonce:
                                    return m_in.readBytes("nonce", kDialNonceSize, kDialNonceSize,
                                                          dial.nonce);
                                case kDialForMeTarget:
                                    return readEndpoint("target", dial.target);
                                default:
                                    return m_in.unknownField(key);
                                }
                            }) &&
               m_in.required(seen, kDialForMeNonce, "nonce") &&
               m_in.required(seen, kDialForMeTarget, "target");
    }

    bool readBody(DialProbe& probe) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == kDialProbeNonce)
                return m_in.readBytes("nonce", kDialNonceSize, kDialNonceSize, probe.nonce);
            return m_in.unknownField(key);
        }) && m_in.required(seen, kDialProbeNonce, "nonce");
    }

    // Refused with the envelope already; here for the fold over every alternative.
    bool readBody(Unused20&) { return m_in.fail(DecodeError::UnknownType, QStringLiteral("type 20")); }

    bool readBody(Attach& attach) {
        quint64 seen = 0;
        quint64 timestamp = 0;
        const bool read =
            m_in.readMap(
                DecodeError::BadField, seen,
                [&](quint64 key) {
                    switch (key) {
                    case kAttachPublicKey:
                        return m_in.readFixed("publicKey", crypto::PublicKey::kSize, attach.publicKey);
                    case kAttachTimestamp:
                        return m_in.readUnsigned("timestamp", kMaxTimestampMs, timestamp);
                    case kAttachSignature:
                        return m_in.readFixed("signature", crypto::Signature::kSize, attach.signature);
                    default:
                        return m_in.unknownField(key);
                    }
                }) &&
            m_in.required(seen, kAttachPublicKey, "publicKey") &&
            m_in.required(seen, kAttachTimestamp, "timestamp") &&
            m_in.required(seen, kAttachSignature, "signature");
        attach.timestampMs = qint64(timestamp);
        return read;
    }

    bool readBody(AttachReply& reply) {
        quint64 value = 0;
        const bool read = readStatus(kMaxAttachStatus, value);
        reply.status = AttachStatus(value);
        return read;
    }

    bool readBody(CallMeReply& reply) {
        quint64 value = 0;
        const bool read = readStatus(kMaxCallStatus, value);
        reply.status = CallStatus(value);
        return read;
    }

    bool readBody(CallMe& call) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen,
                            [&](quint64 key) {
                                switch (key) {
                                case kCallMeTarget:
                                    return m_in.readFixed("target", NodeId::kBytes, call.target);
                                case kCallMePort:
                                    return readPort("port", call.port);
                                case kCallMeRequester:
                                    return m_in.readFixed("requester", NodeId::kBytes, call.requester);
                                default:
                                    return m_in.unknownField(key);
                                }
                            }) &&
               m_in.required(seen, kCallMeTarget, "target") && m_in.required(seen, kCallMePort, "port") &&
               m_in.required(seen, kCallMeRequester, "requester");
    }

    bool readBody(Connect& connect) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == kConnectRequester)
                return readNodeRef("requester", connect.requester);
            return m_in.unknownField(key);
        }) && m_in.required(seen, kConnectRequester, "requester");
    }

    // The answers that are a status alone: DialBackReply, DialForMeReply, AttachReply, CallMeReply.
    bool readStatus(quint64 max, quint64& value) {
        quint64 seen = 0;
        return m_in.readMap(DecodeError::BadField, seen, [&](quint64 key) {
            if (key == kStatusField)
                return m_in.readUnsigned("status", max, value);
            return m_in.unknownField(key);
        }) && m_in.required(seen, kStatusField, "status");
    }

    bool readDialStatus(DialStatus& status) {
        quint64 value = 0;
        const bool read = readStatus(kMaxDialStatus, value);
        status = DialStatus(value);
        return read;
    }

    // GetNeighbors, Notify, NotifyAck, LeaveAck, ConnectReply.
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
            if (type < 1 || type > std::variant_size_v<Body> || type == quint64(MessageType::Unused20))
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
