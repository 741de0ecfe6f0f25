// Record: creating and signing, the bytes the signature covers, and the strict CBOR encoder and decoder.
#include "dht/record.h"

#include "crypto/blake2b.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QtEndian>
#include <limits>
#include <optional>

namespace ringshare::dht {

namespace {

// The NUL ends the tag, so no other kind of signed message can share a prefix with a record.
constexpr char kDomainTag[] = "ringshare-record-v1";
constexpr int kSlotDigestSize = 16;
constexpr int kFieldCount = 6;

// Keeps expiresAtMs() free of overflow for every record decode() accepts.
constexpr qint64 kMaxTimestampMs = std::numeric_limits<qint64>::max() - qint64(Record::kMaxTtlSeconds) * 1000;

// The largest encoding: array head, then each field's head and payload. Integers take at most 9 bytes
// (a timestamp) or 5 bytes (a TTL below 2^32); byte strings up to 255 bytes have a 2-byte head (1 below 24),
// longer ones up to 65535 bytes a 3-byte head.
constexpr int kLargestEncoding = 1                               // array of 6
                                 + 1 + NodeId::kBytes            // key
                                 + 2 + crypto::PublicKey::kSize  // publisher
                                 + 9                             // timestamp
                                 + 5                             // ttl
                                 + 3 + Record::kMaxValueSize     // value
                                 + 2 + crypto::Signature::kSize; // signature
static_assert(NodeId::kBytes < 24 && crypto::PublicKey::kSize <= 255 && crypto::Signature::kSize <= 255);
static_assert(Record::kMaxValueSize <= 65535);
static_assert(kLargestEncoding <= Record::kMaxEncodedSize, "a maximal record must fit its encoding budget");

template <typename T>
void appendBigEndian(QByteArray& out, T value) {
    char buffer[sizeof(T)];
    qToBigEndian(value, buffer);
    out.append(buffer, qsizetype(sizeof(T)));
}

// A definite-length byte string of [minSize, maxSize] bytes, or nothing.
std::optional<QByteArray> readByteString(QCborStreamReader& reader, qsizetype minSize, qsizetype maxSize) {
    if (!reader.isByteArray() || !reader.isLengthKnown())
        return std::nullopt;
    const quint64 length = reader.length();
    if (length < quint64(minSize) || length > quint64(maxSize))
        return std::nullopt;
    QByteArray bytes;
    auto chunk = reader.readByteArray();
    while (chunk.status == QCborStreamReader::Ok) {
        bytes += chunk.data;
        chunk = reader.readByteArray();
    }
    if (chunk.status != QCborStreamReader::EndOfString || quint64(bytes.size()) != length)
        return std::nullopt;
    return bytes;
}

Error malformed(const QString& reason) {
    return Error{QStringLiteral("Malformed record: %1.").arg(reason)};
}

} // namespace

Record Record::create(const crypto::Identity& publisher, const NodeId& key, QByteArray value,
                      qint64 timestampMs, quint32 ttlSeconds) {
    Record record;
    record.key = key;
    record.publisher = publisher.publicKey();
    record.timestampMs = timestampMs;
    record.ttlSeconds = ttlSeconds;
    record.value = std::move(value);
    record.signature = publisher.sign(record.bytesToSign());
    return record;
}

QByteArray Record::bytesToSign() const {
    QByteArray out;
    out.reserve(qsizetype(sizeof(kDomainTag)) + NodeId::kBytes + crypto::PublicKey::kSize + 8 + 4 + 4 +
                value.size());
    out.append(kDomainTag, qsizetype(sizeof(kDomainTag))); // with its NUL
    out.append(reinterpret_cast<const char*>(key.bytes().data()), NodeId::kBytes);
    out.append(reinterpret_cast<const char*>(publisher.bytes().data()), crypto::PublicKey::kSize);
    appendBigEndian<qint64>(out, timestampMs);
    appendBigEndian<quint32>(out, ttlSeconds);
    appendBigEndian<quint32>(out, quint32(value.size()));
    out.append(value);
    return out;
}

bool Record::hasValidSignature() const {
    return publisher.verify(bytesToSign(), signature);
}

QByteArray Record::slot() const {
    return publisher.toByteArray() + crypto::Blake2b::hash(value, kSlotDigestSize);
}

QByteArray Record::encode() const {
    QByteArray out;
    out.reserve(kLargestEncoding);
    QCborStreamWriter writer(&out);
    writer.startArray(kFieldCount);
    writer.append(key.toByteArray());
    writer.append(publisher.toByteArray());
    writer.append(qint64(timestampMs));
    writer.append(quint64(ttlSeconds));
    writer.append(value);
    writer.append(signature.toByteArray());
    writer.endArray();
    return out;
}

Result<Record> Record::decode(QByteArrayView bytes) {
    if (bytes.size() > kMaxEncodedSize)
        return malformed(QStringLiteral("larger than %1 bytes").arg(kMaxEncodedSize));

    QCborStreamReader reader(bytes.data(), bytes.size());
    if (!reader.isArray() || !reader.isLengthKnown() || reader.length() != kFieldCount)
        return malformed(QStringLiteral("not an array of %1 fields").arg(kFieldCount));
    if (!reader.enterContainer())
        return malformed(QStringLiteral("not well-formed CBOR"));

    Record record;
    const auto keyBytes = readByteString(reader, NodeId::kBytes, NodeId::kBytes);
    if (!keyBytes)
        return malformed(QStringLiteral("the key is not %1 bytes").arg(NodeId::kBytes));
    record.key = *NodeId::fromBytes(*keyBytes);

    const auto publisherBytes = readByteString(reader, crypto::PublicKey::kSize, crypto::PublicKey::kSize);
    if (!publisherBytes)
        return malformed(QStringLiteral("the publisher key is not %1 bytes").arg(crypto::PublicKey::kSize));
    record.publisher = *crypto::PublicKey::fromBytes(*publisherBytes);

    if (reader.isNegativeInteger())
        return malformed(QStringLiteral("the timestamp is negative"));
    if (!reader.isUnsignedInteger())
        return malformed(QStringLiteral("the timestamp is not an integer"));
    if (reader.toUnsignedInteger() > quint64(kMaxTimestampMs))
        return malformed(QStringLiteral("the timestamp is out of range"));
    record.timestampMs = qint64(reader.toUnsignedInteger());
    if (!reader.next())
        return malformed(QStringLiteral("not well-formed CBOR"));

    if (!reader.isUnsignedInteger())
        return malformed(QStringLiteral("the TTL is not a non-negative integer"));
    if (reader.toUnsignedInteger() > kMaxTtlSeconds)
        return malformed(QStringLiteral("the TTL is longer than %1 seconds").arg(kMaxTtlSeconds));
    record.ttlSeconds = quint32(reader.toUnsignedInteger());
    if (!reader.next())
        return malformed(QStringLiteral("not well-formed CBOR"));

    auto value = readByteString(reader, 0, kMaxValueSize);
    if (!value)
        return malformed(
            QStringLiteral("the value is not a byte string of at most %1 bytes").arg(kMaxValueSize));
    record.value = std::move(*value);

    const auto signatureBytes = readByteString(reader, crypto::Signature::kSize, crypto::Signature::kSize);
    if (!signatureBytes)
        return malformed(QStringLiteral("the signature is not %1 bytes").arg(crypto::Signature::kSize));
    record.signature = *crypto::Signature::fromBytes(*signatureBytes);

    if (reader.hasNext() || !reader.leaveContainer() || reader.lastError() != QCborError::NoError)
        return malformed(QStringLiteral("not well-formed CBOR"));
    if (reader.currentOffset() != bytes.size())
        return malformed(QStringLiteral("trailing bytes after the record"));
    // One record has exactly one encoding: non-minimal integer or length heads are refused, so equal
    // records are equal bytes and the size bound above holds for everything accepted.
    if (QByteArrayView(record.encode()) != bytes)
        return malformed(QStringLiteral("not in canonical CBOR form"));
    return record;
}

NodeId recordKey(QStringView typedName) {
    return NodeId::hashOf(typedName.toUtf8());
}

} // namespace ringshare::dht
