// Encoding and strict decoding of transfer messages; see transfermessage.h.
#include "transfer/transfermessage.h"

#include "base/bytereader.h"

#include <QCoreApplication>
#include <QtEndian>
#include <algorithm>
#include <iterator>

namespace ringshare::transfer {

namespace {

constexpr int kPeerSize = 16 + 2 + NodeId::kBytes;

template <typename T>
void put(QByteArray& out, T value) {
    char buffer[sizeof(T)];
    qToBigEndian(value, buffer);
    out.append(buffer, qsizetype(sizeof(T)));
}

bool hasIndex(MessageType type) {
    switch (type) {
    case MessageType::Have:
    case MessageType::Request:
    case MessageType::Block:
    case MessageType::Reject:
    case MessageType::Cancel:
        return true;
    default:
        return false;
    }
}

// The most data bytes a message of this type may carry; -1 when it carries none.
qsizetype maxData(MessageType type) {
    switch (type) {
    case MessageType::Interested:
    case MessageType::Bitfield:
        return TransferMessage::kMaxBitfieldBytes;
    case MessageType::ManifestData:
        return share::Manifest::kMaxEncodedSize;
    case MessageType::Block:
        return TransferMessage::kBlockSize;
    default:
        return -1;
    }
}

// :: and ::ffff:0.0.0.0 name no peer (connecting to either reaches this host), and they are two spellings
// of one address, which would give one message two encodings.
bool isUnspecified(const Q_IPV6ADDR& v6) {
    Q_IPV6ADDR mappedAny{};
    mappedAny.c[10] = mappedAny.c[11] = 0xff;
    return std::all_of(std::begin(v6.c), std::end(v6.c), [](quint8 byte) { return byte == 0; }) ||
           std::equal(std::begin(v6.c), std::end(v6.c), std::begin(mappedAny.c));
}

Error bad(const QString& why) {
    return Error{
        QCoreApplication::translate("ringshare::transfer::TransferMessage", "malformed transfer message: %1")
            .arg(why)};
}

} // namespace

QByteArray TransferMessage::encode() const {
    QByteArray out;
    out.reserve(1 + share::ContentId::kSize + 12 + data.size() + peers.size() * kPeerSize);
    out.append(char(type));
    if (type == MessageType::Hello) {
        put(out, listenPort);
        return out;
    }
    out += id.toByteArray();
    if (hasIndex(type))
        put(out, index);
    if (type == MessageType::Block)
        put(out, offset);
    if (maxData(type) >= 0) {
        put(out, quint32(data.size()));
        out += data;
    }
    if (type == MessageType::Peers) {
        put(out, quint8(peers.size()));
        for (const PeerAddress& peer : peers) {
            const Q_IPV6ADDR v6 = peer.address.toIPv6Address();
            out.append(reinterpret_cast<const char*>(v6.c), 16);
            put(out, peer.port);
            out += peer.id.toByteArray();
        }
    }
    return out;
}

Result<TransferMessage> TransferMessage::decode(QByteArrayView bytes) {
    ByteReader reader(bytes);
    quint8 type = 0;
    if (!reader.takeBigEndian(type) || type < quint8(MessageType::Hello) || type > quint8(MessageType::Peers))
        return bad(
            QCoreApplication::translate("ringshare::transfer::TransferMessage", "unknown type %1").arg(type));
    TransferMessage message;
    message.type = MessageType(type);
    if (message.type == MessageType::Hello) {
        if (!reader.takeBigEndian(message.listenPort))
            return bad(
                QCoreApplication::translate("ringshare::transfer::TransferMessage", "truncated Hello"));
    } else {
        QByteArrayView id;
        if (!reader.take(share::ContentId::kSize, id))
            return bad(
                QCoreApplication::translate("ringshare::transfer::TransferMessage", "truncated content id"));
        message.id = *share::ContentId::fromBytes(id);
        if (hasIndex(message.type) && !reader.takeBigEndian(message.index))
            return bad(
                QCoreApplication::translate("ringshare::transfer::TransferMessage", "truncated index"));
        if (message.type == MessageType::Block && !reader.takeBigEndian(message.offset))
            return bad(
                QCoreApplication::translate("ringshare::transfer::TransferMessage", "truncated offset"));
        if (const qsizetype limit = maxData(message.type); limit >= 0) {
            quint32 size = 0;
            QByteArrayView data;
            if (!reader.takeBigEndian(size) || qsizetype(size) > limit || !reader.take(size, data))
                return bad(QCoreApplication::translate("ringshare::transfer::TransferMessage",
                                                       "data of a wrong size"));
            message.data = data.toByteArray();
        }
        if (message.type == MessageType::Peers) {
            quint8 count = 0;
            if (!reader.takeBigEndian(count))
                return bad(QCoreApplication::translate("ringshare::transfer::TransferMessage",
                                                       "truncated peer count"));
            if (count > kMaxPeers)
                return bad(
                    QCoreApplication::translate("ringshare::transfer::TransferMessage", "too many peers"));
            for (int i = 0; i < count; ++i) {
                QByteArrayView address, id;
                PeerAddress peer;
                if (!reader.take(16, address) || !reader.takeBigEndian(peer.port) ||
                    !reader.take(NodeId::kBytes, id))
                    return bad(QCoreApplication::translate("ringshare::transfer::TransferMessage",
                                                           "truncated peer list"));
                Q_IPV6ADDR v6;
                std::copy(address.begin(), address.end(), v6.c);
                if (isUnspecified(v6))
                    return bad(QCoreApplication::translate("ringshare::transfer::TransferMessage",
                                                           "a peer without an address"));
                peer.address = QHostAddress(v6);
                // Addresses travel in IPv6 form; an IPv4 peer is written as ::ffff:a.b.c.d.
                bool isV4 = false;
                const quint32 v4 = peer.address.toIPv4Address(&isV4);
                if (isV4)
                    peer.address = QHostAddress(v4);
                peer.id = *NodeId::fromBytes(id);
                if (peer.port == 0 || peer.address.isNull())
                    return bad(QCoreApplication::translate("ringshare::transfer::TransferMessage",
                                                           "a peer without an address"));
                message.peers.append(peer);
            }
        }
    }
    if (reader.left() != 0)
        return bad(
            QCoreApplication::translate("ringshare::transfer::TransferMessage", "%1 bytes after the end")
                .arg(reader.left()));
    return message;
}

} // namespace ringshare::transfer
