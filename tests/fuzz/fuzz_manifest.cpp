// Fuzz target for Manifest::decode(), which reads file descriptions fetched from peers (and from the
// resume maps on disk). Whatever it accepts must be exactly what encode() writes for it, verify, and be
// accepted again as the content its chunk hashes name, and as no other.
//
// The fuzzer cannot forge signatures, so it seldom gets past the signature check by itself. A second pass
// therefore puts the start of the input in as a name, in a manifest signed for that name, so that every
// byte sequence reaches the name decoder under a valid signature.

#include "crypto/cryptoinit.h"
#include "crypto/identity.h"
#include "share/manifest.h"

#include <QtEndian>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using ringshare::share::ContentId;
using ringshare::share::Manifest;

// Where the name's length sits in an encoded manifest: after the magic, version, size and chunk size.
constexpr int kNameLengthAt = 4 + 1 + 8 + 4;

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_manifest: %s\n", what);
        std::abort();
    }
}

const ringshare::crypto::Identity& publisher() {
    static const ringshare::crypto::Identity identity = [] {
        ringshare::crypto::requireInitialized();
        ringshare::crypto::Identity::Seed seed;
        seed.fill(5);
        return ringshare::crypto::Identity::fromSeed(seed);
    }();
    return identity;
}

void check(QByteArrayView input) {
    // Some content id, fixed, that no input is likely to match.
    static const ContentId unrelated = Manifest::contentIdFor(0, {});

    const auto decoded = Manifest::decode(input);
    if (!decoded.ok()) {
        require(!decoded.error().isEmpty(), "a rejection without a reason");
        const auto expecting = Manifest::decode(input, &unrelated);
        require(!expecting.ok() && !expecting.error().isEmpty(), "an expected id made bad bytes good");
        return;
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
}

// A manifest of an empty file whose name field holds exactly `nameBytes`, signed for the name those bytes
// read as leniently.
QByteArray signedWithName(QByteArrayView nameBytes) {
    Manifest manifest;
    manifest.name = QString::fromUtf8(nameBytes);
    manifest.size = 0;
    manifest.chunkSize = Manifest::chunkSizeFor(0);
    manifest.sign(publisher());
    QByteArray encoded = manifest.encode();
    const quint16 signedLength = qFromBigEndian<quint16>(encoded.constData() + kNameLengthAt);
    encoded.replace(kNameLengthAt + 2, signedLength, nameBytes.toByteArray());
    qToBigEndian(quint16(nameBytes.size()), encoded.data() + kNameLengthAt);
    return encoded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArrayView input(data, qsizetype(size));
    check(input);
    check(signedWithName(input.first(qMin<qsizetype>(input.size(), Manifest::kMaxNameBytes))));
    return 0;
}
