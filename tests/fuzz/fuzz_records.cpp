// Fuzz target for the DHT's stored values: dht::Record::decode() on what other nodes store and return, and
// the index values inside records, share::ProviderValue and share::KeywordValue, that a search reads.
// Whatever a decoder accepts must be exactly the bytes encode() writes for it, so that one value has one
// encoding and a record's slot and signature cannot be dodged by writing it another way.
//
// Record::decode() does not check signatures, so the fuzzer reaches every field by itself. A second pass
// signs a record whose value is the input, and a third makes a keyword value named by the input, so that
// the encoders see every byte sequence too.

#include "crypto/cryptoinit.h"
#include "crypto/identity.h"
#include "dht/record.h"
#include "share/indexrecords.h"
#include "share/manifest.h"

#include <QString>
#include <QtEndian>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace {

using ringshare::NodeId;
using ringshare::dht::Record;
using ringshare::share::KeywordValue;
using ringshare::share::ProviderValue;

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_records: %s\n", what);
        std::abort();
    }
}

const ringshare::crypto::Identity& publisher() {
    static const ringshare::crypto::Identity identity = [] {
        ringshare::crypto::requireInitialized();
        ringshare::crypto::Identity::Seed seed;
        seed.fill(7);
        return ringshare::crypto::Identity::fromSeed(seed);
    }();
    return identity;
}

bool validSize(qint64 size) {
    return size >= 0 && size <= ringshare::share::Manifest::kMaxFileSize;
}

void checkProvider(QByteArrayView input) {
    const auto decoded = ProviderValue::decode(input);
    if (!decoded) {
        require(!decoded.error().isEmpty(), "a provider value rejected without a reason");
        return;
    }
    require(validSize(decoded->size), "a provider value with an impossible size");
    require(QByteArrayView(decoded->encode()) == input, "a provider value re-encodes differently");
}

void checkKeyword(QByteArrayView input) {
    const auto decoded = KeywordValue::decode(input);
    if (!decoded) {
        require(!decoded.error().isEmpty(), "a keyword value rejected without a reason");
        return;
    }
    require(validSize(decoded->size), "a keyword value with an impossible size");
    require(!decoded->name.isEmpty(), "a keyword value without a name");
    require(decoded->name.toUtf8().size() <= KeywordValue::kMaxNameBytes,
            "a keyword value's name is too long");
    require(QByteArrayView(decoded->encode()) == input, "a keyword value re-encodes differently");
}

// Any name a publisher has goes out cut to the limit and comes back as exactly that cut, or is refused
// only when nothing of it is left.
void checkKeywordNamed(const QString& name) {
    KeywordValue value;
    value.size = 1;
    value.name = name;
    const QByteArray kept = ringshare::share::truncatedUtf8(name, KeywordValue::kMaxNameBytes);
    require(kept.size() <= KeywordValue::kMaxNameBytes, "truncatedUtf8() keeps too much");
    const auto decoded = KeywordValue::decode(value.encode());
    if (kept.isEmpty()) {
        require(!decoded.ok(), "a keyword value with an empty name accepted");
        return;
    }
    require(decoded.ok(), "a keyword value as written by encode() is rejected");
    require(decoded->name == QString::fromUtf8(kept), "a keyword value's name changed on the way");
    require(decoded->id == value.id && decoded->size == value.size, "a keyword value's header changed");
}

void checkRecord(QByteArrayView input) {
    const auto decoded = Record::decode(input);
    if (!decoded) {
        require(!decoded.error().isEmpty(), "a record rejected without a reason");
        return;
    }
    const Record& record = decoded.value();
    require(input.size() <= Record::kMaxEncodedSize, "a record over its size bound accepted");
    require(record.value.size() <= Record::kMaxValueSize, "a record value over its size bound accepted");
    require(record.ttlSeconds <= Record::kMaxTtlSeconds, "a record TTL over its bound accepted");
    require(record.timestampMs >= 0 && record.expiresAtMs() >= record.timestampMs,
            "a record's expiry overflows");
    require(QByteArrayView(record.encode()) == input, "a record re-encodes differently");
    // The fuzzer cannot sign, so this only has to answer (no) without tripping over any field.
    (void)record.hasValidSignature();
    (void)record.slot();
    checkProvider(record.value);
    checkKeyword(record.value);
}

// A record signed by publisher() with the start of the input as its value, and a timestamp and TTL taken
// from the input's last bytes.
void checkSigned(QByteArrayView input) {
    qint64 timestampMs = 0;
    quint32 ttlSeconds = 0;
    if (input.size() >= 12) {
        const char* tail = input.data() + input.size() - 12;
        timestampMs = qint64(qFromBigEndian<quint64>(tail) >> 2); // non-negative, far beyond any clock
        timestampMs =
            qMin(timestampMs, std::numeric_limits<qint64>::max() - qint64(Record::kMaxTtlSeconds) * 1000);
        ttlSeconds = qFromBigEndian<quint32>(tail + 8) % (Record::kMaxTtlSeconds + 1);
    }
    const QByteArray value = input.first(qMin<qsizetype>(input.size(), Record::kMaxValueSize)).toByteArray();
    const Record record = Record::create(publisher(), NodeId::hashOf(value), value, timestampMs, ttlSeconds);
    const QByteArray encoded = record.encode();
    require(encoded.size() <= Record::kMaxEncodedSize, "a signed record encodes over its size bound");
    const auto decoded = Record::decode(encoded);
    require(decoded.ok(), "a signed record as written by encode() is rejected");
    require(decoded.value() == record, "a signed record changed on the way");
    require(decoded->hasValidSignature(), "a signed record's signature does not verify after decoding");
    if (!value.isEmpty()) {
        Record tampered = record;
        tampered.value[0] = char(tampered.value[0] ^ 0x01);
        require(!tampered.hasValidSignature(), "a changed value kept its signature");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArrayView input(data, qsizetype(size));
    checkRecord(input);
    checkProvider(input);
    checkKeyword(input);
    checkSigned(input);
    const auto* bytes = reinterpret_cast<const char*>(data);
    checkKeywordNamed(QString::fromUtf8(bytes, qsizetype(size)));
    checkKeywordNamed(QString::fromLatin1(bytes, qsizetype(size)));
    return 0;
}
