// Fuzz target for net::decode(), the parser every datagram from the network goes through. Whatever it
// accepts must be exactly what encode() writes for the decoded message, and must decode to it again.

#include "net/codec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_datagram: %s\n", what);
        std::abort();
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace ringshare::net;
    const QByteArrayView datagram(data, qsizetype(size));
    const Decoded decoded = decode(datagram);
    require(decoded.message.has_value() == (decoded.error == DecodeError::None), "message set iff no error");
    if (!decoded.message) {
        require(!decoded.detail.isEmpty(), "a rejection without a detail");
        require(!describe(decoded.error).isEmpty(), "an error without a description");
        return 0;
    }
    const std::optional<QByteArray> encoded = encode(*decoded.message);
    require(encoded.has_value(), "an accepted message does not encode");
    require(QByteArrayView(*encoded) == datagram, "re-encoding differs from the accepted bytes");
    const Decoded again = decode(*encoded);
    require(again.error == DecodeError::None && again.message == decoded.message,
            "the round trip is unstable");
    return 0;
}
