// Fuzz target for TransferMessage::decode(), which reads every message a peer sends inside a transfer
// connection. Whatever it accepts must stay within the bounds of its type and be exactly what encode()
// writes for the decoded message: one message, one encoding.

#include "transfer/transfermessage.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using ringshare::transfer::MessageType;
using ringshare::transfer::TransferMessage;

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_transfermessage: %s\n", what);
        std::abort();
    }
}

// The most data bytes a message of this type may carry, stated here on its own.
qsizetype dataLimit(MessageType type) {
    switch (type) {
    case MessageType::Interested:
    case MessageType::Bitfield:
        return TransferMessage::kMaxBitfieldBytes;
    case MessageType::ManifestData:
        return ringshare::share::Manifest::kMaxEncodedSize;
    case MessageType::Block:
        return TransferMessage::kBlockSize;
    default:
        return 0;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArrayView input(data, qsizetype(size));
    const auto decoded = TransferMessage::decode(input);
    if (!decoded.ok()) {
        require(!decoded.error().isEmpty(), "a rejection without a reason");
        return 0;
    }
    const TransferMessage& message = decoded.value();
    require(message.data.size() <= dataLimit(message.type), "data beyond the bound of its type");
    require(message.peers.isEmpty() || message.type == MessageType::Peers, "peers in a message of no peers");
    require(message.peers.size() <= TransferMessage::kMaxPeers, "too many peers accepted");
    for (const auto& peer : message.peers)
        require(peer.port != 0 && !peer.address.isNull(), "a peer without an address accepted");
    const QByteArray encoded = message.encode();
    require(QByteArrayView(encoded) == input, "re-encoding differs from the accepted bytes");
    const auto again = TransferMessage::decode(encoded);
    require(again.ok() && again.value() == message, "the round trip is unstable");
    return 0;
}
