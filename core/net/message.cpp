// The bytes an identity proof signs, and the check of a Pong that claims one.
#include "net/message.h"

namespace ringshare::net {

namespace {
// Separates these signatures from every other thing a node's key signs (records, handshakes).
constexpr char kProofTag[] = "ringshare-proof-v1";
constexpr char kAttachTag[] = "ringshare-attach-v1";
} // namespace

QByteArray proofBytes(QByteArrayView challenge, const NodeId& nodeId) {
    Q_ASSERT(challenge.size() == kChallengeSize);
    const QByteArrayView tag(kProofTag);
    QByteArray bytes;
    bytes.reserve(tag.size() + challenge.size() + NodeId::kBytes);
    bytes.append(tag);
    bytes.append(challenge);
    bytes.append(reinterpret_cast<const char*>(nodeId.bytes().data()), NodeId::kBytes);
    return bytes;
}

QByteArray attachBytes(const NodeId& rendezvous, const NodeId& client, qint64 timestampMs) {
    const QByteArrayView tag(kAttachTag);
    QByteArray bytes;
    bytes.reserve(tag.size() + 2 * NodeId::kBytes + 8);
    bytes.append(tag);
    bytes.append(reinterpret_cast<const char*>(rendezvous.bytes().data()), NodeId::kBytes);
    bytes.append(reinterpret_cast<const char*>(client.bytes().data()), NodeId::kBytes);
    for (int shift = 56; shift >= 0; shift -= 8)
        bytes.append(char(quint64(timestampMs) >> shift));
    return bytes;
}

std::optional<NodeId> provenSender(const Message* reply, QByteArrayView challenge) {
    const auto* pong = reply ? std::get_if<Pong>(&reply->body) : nullptr;
    if (!pong || !reply->sender || !pong->publicKey || !pong->signature ||
        pong->publicKey->nodeId() != *reply->sender ||
        !pong->publicKey->verify(proofBytes(challenge, *reply->sender), *pong->signature))
        return std::nullopt;
    return reply->sender;
}

} // namespace ringshare::net
