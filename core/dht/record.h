// Record: the signed value stored under a DHT key, with its exact signing bytes and its CBOR codec.
#pragma once

#include "base/result.h"
#include "crypto/identity.h"
#include "crypto/keys.h"
#include "crypto/nodeid.h"

#include <QByteArray>
#include <QByteArrayView>

namespace ringshare::dht {

// A signed value stored under a key in the DHT. Anyone may store; only the publisher's key can produce the
// signature, so holders and readers check every record and refuse what does not verify.
struct Record {
    static constexpr int kMaxValueSize = 640;
    static constexpr quint32 kMaxTtlSeconds = 7 * 24 * 3600;
    // The largest encode() output; it leaves room in a datagram for the message around it.
    static constexpr int kMaxEncodedSize = 900;

    NodeId key;
    crypto::PublicKey publisher;
    qint64 timestampMs = 0; // when the publisher signed it (Unix milliseconds)
    quint32 ttlSeconds = 0; // valid until timestampMs + ttl
    QByteArray value;
    crypto::Signature signature;

    // Builds and signs a record.
    [[nodiscard]] static Record create(const crypto::Identity& publisher, const NodeId& key, QByteArray value,
                                       qint64 timestampMs, quint32 ttlSeconds);

    // Exactly what the signature covers: a domain tag and every field but the signature, in a fixed layout.
    [[nodiscard]] QByteArray bytesToSign() const;
    [[nodiscard]] bool hasValidSignature() const;
    [[nodiscard]] qint64 expiresAtMs() const { return timestampMs + qint64(ttlSeconds) * 1000; }
    [[nodiscard]] bool isExpiredAt(qint64 nowMs) const { return nowMs >= expiresAtMs(); }
    // Names the record within its key: one publisher's one value. A newer record with the same slot
    // replaces the older (a republish).
    [[nodiscard]] QByteArray slot() const;

    // Compact CBOR. decode() is strict (sizes, types, bounds) but does not check the signature.
    [[nodiscard]] QByteArray encode() const;
    [[nodiscard]] static Result<Record> decode(QByteArrayView bytes);

    friend bool operator==(const Record&, const Record&) = default;
};

// Record keys are BLAKE2b-160 of a typed string such as "kw:holiday" or "file:<content id>".
[[nodiscard]] NodeId recordKey(QStringView typedName);

} // namespace ringshare::dht
