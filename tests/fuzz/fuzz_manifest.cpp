// Fuzz target for Manifest::decode(), which reads file descriptions fetched from peers (and from the
// resume maps on disk). Whatever it accepts must be exactly what encode() writes for it, verify, and be
// accepted again as the content its chunk hashes name, and as no other.

#include "crypto/cryptoinit.h"
#include "share/manifest.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_manifest: %s\n", what);
        std::abort();
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using ringshare::share::ContentId;
    using ringshare::share::Manifest;
    ringshare::crypto::requireInitialized();
    const QByteArrayView input(data, qsizetype(size));
    // Some content id, fixed, that no input is likely to match.
    const ContentId unrelated = Manifest::contentIdFor(0, {});

    const auto decoded = Manifest::decode(input);
    if (!decoded.ok()) {
        require(!decoded.error().isEmpty(), "a rejection without a reason");
        const auto expecting = Manifest::decode(input, &unrelated);
        require(!expecting.ok() && !expecting.error().isEmpty(), "an expected id made bad bytes good");
        return 0;
    }
    const Manifest& manifest = decoded.value();
    require(manifest.hasValidSignature(), "accepted without a valid signature");
    require(manifest.chunkCount() == Manifest::chunkCountFor(manifest.size, manifest.chunkSize),
            "the chunk hashes do not cover the size");
    require(QByteArrayView(manifest.encode()) == input, "re-encoding differs from the accepted bytes");

    const ContentId id = manifest.contentId();
    const auto asExpected = Manifest::decode(input, &id);
    require(asExpected.ok() && asExpected.value() == manifest, "not accepted as its own content");
    ContentId::Bytes otherBytes = id.bytes();
    otherBytes[0] ^= 1;
    const ContentId other(otherBytes);
    const auto asOther = Manifest::decode(input, &other);
    require(!asOther.ok() && !asOther.error().isEmpty(), "accepted as other content");
    return 0;
}
