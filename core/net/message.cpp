#include "net/message.h"

namespace ringshare::net {

namespace {
// Separates these signatures from every other thing a node's key signs (records, handshakes).
constexpr char kProofTag[] = "ringshare-proof-v1";
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

} // namespace ringshare::net
