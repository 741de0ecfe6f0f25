// Encoding DHT datagrams (the format is in codecformat.h) and describing why one was rejected.
#include "net/codec.h"

#include "net/codecformat.h"

#include <QCborStreamWriter>
#include <QtEndian>
#include <limits>
#include <type_traits>
#include <utility>

namespace ringshare::net {

namespace {

using namespace wire;

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
        m_cbor.startMap((pong.publicKey ? 2 : 0) + (pong.observed ? 1 : 0));
        if (pong.publicKey) {
            m_cbor.append(kPongPublicKey);
            m_cbor.append(pong.publicKey->toByteArray());
            m_cbor.append(kPongSignature);
            m_cbor.append(pong.signature->toByteArray());
        }
        if (pong.observed) {
            m_cbor.append(kPongObserved);
            if (!writeEndpoint(*pong.observed))
                return false;
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

    bool writeBody(const DialBack& dial) {
        if (dial.nonce.size() != kDialNonceSize || dial.port == 0)
            return false;
        m_cbor.startMap(2);
        m_cbor.append(kDialBackNonce);
        m_cbor.append(dial.nonce);
        m_cbor.append(kDialBackPort);
        m_cbor.append(quint64(dial.port));
        return m_cbor.endMap();
    }

    bool writeBody(const DialBackReply& reply) { return writeStatus(quint64(reply.status), kMaxDialStatus); }
    bool writeBody(const DialForMeReply& reply) { return writeStatus(quint64(reply.status), kMaxDialStatus); }

    bool writeBody(const DialForMe& dial) {
        if (dial.nonce.size() != kDialNonceSize)
            return false;
        m_cbor.startMap(2);
        m_cbor.append(kDialForMeNonce);
        m_cbor.append(dial.nonce);
        m_cbor.append(kDialForMeTarget);
        if (!writeEndpoint(dial.target))
            return false;
        return m_cbor.endMap();
    }

    bool writeBody(const DialProbe& probe) {
        if (probe.nonce.size() != kDialNonceSize)
            return false;
        m_cbor.startMap(1);
        m_cbor.append(kDialProbeNonce);
        m_cbor.append(probe.nonce);
        return m_cbor.endMap();
    }

    bool writeBody(const Unused20&) { return false; }

    bool writeBody(const Attach& attach) {
        if (attach.timestampMs < 0 || quint64(attach.timestampMs) > kMaxTimestampMs)
            return false;
        m_cbor.startMap(3);
        m_cbor.append(kAttachPublicKey);
        m_cbor.append(attach.publicKey.toByteArray());
        m_cbor.append(kAttachTimestamp);
        m_cbor.append(quint64(attach.timestampMs));
        m_cbor.append(kAttachSignature);
        m_cbor.append(attach.signature.toByteArray());
        return m_cbor.endMap();
    }

    bool writeBody(const AttachReply& reply) { return writeStatus(quint64(reply.status), kMaxAttachStatus); }
    bool writeBody(const CallMeReply& reply) { return writeStatus(quint64(reply.status), kMaxCallStatus); }

    bool writeBody(const CallMe& call) {
        if (call.port == 0)
            return false;
        m_cbor.startMap(3);
        m_cbor.append(kCallMeTarget);
        m_cbor.append(call.target.toByteArray());
        m_cbor.append(kCallMePort);
        m_cbor.append(quint64(call.port));
        m_cbor.append(kCallMeRequester);
        m_cbor.append(call.requester.toByteArray());
        return m_cbor.endMap();
    }

    bool writeBody(const Connect& connect) {
        m_cbor.startMap(1);
        m_cbor.append(kConnectRequester);
        if (!writeNodeRef(connect.requester))
            return false;
        return m_cbor.endMap();
    }

    // The answers that are a status alone: DialBackReply, DialForMeReply, AttachReply, CallMeReply.
    bool writeStatus(quint64 status, quint64 max) {
        if (status > max)
            return false;
        m_cbor.startMap(1);
        m_cbor.append(kStatusField);
        m_cbor.append(status);
        return m_cbor.endMap();
    }

    // GetNeighbors, Notify, NotifyAck, LeaveAck, ConnectReply.
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

    bool writeEndpoint(const Endpoint& endpoint) {
        const QByteArray address = addressBytes(endpoint.address);
        if (address.isEmpty() || endpoint.port == 0)
            return false;
        m_cbor.startArray(kEndpointItems);
        m_cbor.append(address);
        m_cbor.append(quint64(endpoint.port));
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

} // namespace ringshare::net
