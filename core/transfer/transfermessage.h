// The messages peers exchange inside a transfer connection, and their strict encoding.
#pragma once

#include "base/result.h"
#include "crypto/nodeid.h"
#include "net/message.h"
#include "share/contentid.h"
#include "share/manifest.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <optional>

namespace ringshare::transfer {

// The messages peers exchange inside a secure channel. Every message but Hello names the content it is
// about, so one connection can serve several swarms.
enum class MessageType : quint8 {
    Hello = 1,        // first message each way: the port the sender accepts transfer connections on
    Interested = 2,   // "I want or hold this content; here is what I have" (data: bitfield, may be empty)
    Bitfield = 3,     // the answer to Interested: the chunks the sender holds
    NotFound = 4,     // the sender does not have this content
    Have = 5,         // the sender just verified chunk `index`
    GetManifest = 6,  // asks for the manifest
    ManifestData = 7, // data: Manifest::encode() bytes
    Request = 8,      // asks for chunk `index`
    Block = 9,        // data: bytes of chunk `index` starting at `offset`; a chunk comes as blocks in order
    Reject = 10,      // the sender will not serve chunk `index` (does not have it, or too many requests)
    Cancel = 11,      // the chunk `index` is no longer wanted
    Peers = 12,       // other peers in this content's swarm
};

// A peer in a swarm, as another peer knows it.
// Where a peer is: its address and transfer port, or, for a client that cannot be dialled, no address and
// the rendezvous that can ask it to connect here (a reverse connection).
struct PeerAddress {
    QHostAddress address;
    quint16 port = 0;
    NodeId id;
    std::optional<net::NodeRef> rendezvous;
    friend bool operator==(const PeerAddress&, const PeerAddress&) = default;
};

struct TransferMessage {
    static constexpr int kBlockSize = 64 * 1024;
    static constexpr int kMaxPeers = 32;
    static constexpr int kMaxBitfieldBytes = 8 * 1024; // 65,536 chunks
    // The largest plaintext a channel must carry: a manifest and its envelope.
    static constexpr int kMaxEncodedSize = share::Manifest::kMaxEncodedSize + 64;

    MessageType type = MessageType::Hello;
    share::ContentId id;
    quint16 listenPort = 0; // Hello
    quint32 index = 0;      // Have, Request, Block, Reject, Cancel
    quint32 offset = 0;     // Block
    QByteArray data;        // Interested, Bitfield, ManifestData, Block
    QList<PeerAddress> peers;

    [[nodiscard]] QByteArray encode() const;
    // Strict: sizes are bounded per type and nothing may follow the message.
    [[nodiscard]] static Result<TransferMessage> decode(QByteArrayView bytes);

    friend bool operator==(const TransferMessage&, const TransferMessage&) = default;
};

} // namespace ringshare::transfer
