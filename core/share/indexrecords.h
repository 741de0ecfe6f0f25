// Index record keys and values: who provides a content id, and which files a keyword names.
#pragma once

#include "base/result.h"
#include "crypto/nodeid.h"
#include "net/message.h"
#include "share/contentid.h"

#include <optional>

#include <QByteArray>
#include <QString>

namespace ringshare::share {

// How long index records live without a republish. Publishers renew them every 30 minutes, so a file that
// stops being shared drops out of search within this time even though no delete is ever sent.
inline constexpr quint32 kIndexRecordTtlSeconds = 2 * 3600;

// The DHT key of the providers of some content: "file:<content id hex>".
[[nodiscard]] NodeId providerKey(const ContentId& id);
// The DHT key of a folded keyword: "kw:<word>".
[[nodiscard]] NodeId keywordKey(const QString& word);

// The value of a record under providerKey(id): the record's publisher holds the content. A member's node ID
// locates it on the ring (its transfer port is its DHT port). A client, which is not on the ring and cannot
// be dialled, names its rendezvous instead: the member that passes on a request to connect to it.
//
// Layout: 'P', version, content id (32 bytes), size (8 bytes, big-endian); version 1 ends there. Version 2,
// for a client, adds its rendezvous: node ID (20 bytes), address length (4 or 16), address, port (2 bytes,
// big-endian, not 0).
struct ProviderValue {
    ContentId id;
    qint64 size = 0;
    std::optional<net::NodeRef> rendezvous;

    [[nodiscard]] QByteArray encode() const;
    [[nodiscard]] static Result<ProviderValue> decode(QByteArrayView bytes);
    friend bool operator==(const ProviderValue&, const ProviderValue&) = default;
};

// The value of a record under keywordKey(word): a file whose name holds the word.
struct KeywordValue {
    // Leaves room for the rest of the record inside dht::Record::kMaxValueSize.
    static constexpr int kMaxNameBytes = 512;

    ContentId id;
    qint64 size = 0;
    QString name; // encode() shortens it to kMaxNameBytes of UTF-8, never splitting a character

    [[nodiscard]] QByteArray encode() const;
    [[nodiscard]] static Result<KeywordValue> decode(QByteArrayView bytes);
    friend bool operator==(const KeywordValue&, const KeywordValue&) = default;
};

// `name` as UTF-8 of at most `maxBytes`, cut at a character boundary.
[[nodiscard]] QByteArray truncatedUtf8(const QString& name, int maxBytes);

} // namespace ringshare::share
