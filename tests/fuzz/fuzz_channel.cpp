// Fuzz target for SecureChannel::feed(), which reads every byte a peer sends, before and after the handshake.
// The input after its first byte goes, in two pieces cut where that byte says, to a fresh responder and to an
// initiator that has sent its hello. Neither may crash; and as no input can know their fresh ephemeral keys,
// neither may become established, hand out a message or answer with more than a responder's reply.

#include "crypto/identity.h"
#include "crypto/securechannel.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using ringshare::crypto::Identity;
using ringshare::crypto::SecureChannel;

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_channel: %s\n", what);
        std::abort();
    }
}

const Identity& identity() {
    static const Identity self = [] {
        Identity::Seed seed;
        seed.fill(7);
        return Identity::fromSeed(seed);
    }();
    return self;
}

// Feeds `input` in two pieces and returns what the channel wanted to write.
QByteArray feedInTwoPieces(SecureChannel& channel, QByteArrayView input, qsizetype cut) {
    QByteArray toWrite;
    QList<QByteArray> messages;
    const bool first = channel.feed(input.first(cut), toWrite, messages);
    const bool second = channel.feed(input.sliced(cut), toWrite, messages);
    require(first || !second, "a failed channel came back to life");
    require(second == !channel.hasFailed(), "feed() and hasFailed() disagree");
    require(channel.hasFailed() == !channel.errorString().isEmpty(),
            "a failure needs a reason, and only a failure");
    require(!channel.isEstablished(), "established by bytes that cannot be authentic");
    require(messages.isEmpty(), "a message from bytes that cannot be authentic");
    require(channel.seal("x").isEmpty(), "sealed on a channel that is not established");
    return toWrite;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const QByteArrayView input(data + 1, qsizetype(size - 1));
    const qsizetype cut = input.size() * data[0] / 255;

    SecureChannel responder(identity(), SecureChannel::Role::Responder);
    const QByteArray reply = feedInTwoPieces(responder, input, cut);
    require(reply.isEmpty() || reply.size() == 4 + 169, "a responder wrote something other than one reply");

    SecureChannel initiator(identity(), SecureChannel::Role::Initiator);
    require(initiator.start().size() == 4 + 36, "the hello has the wrong size");
    require(feedInTwoPieces(initiator, input, cut).isEmpty(),
            "an initiator answered a reply it cannot trust");
    return 0;
}
