// Index record keys and values: who provides a content id, and which files a keyword names.
#pragma once

#include "base/result.h"
#include "crypto/nodeid.h"
#include "share/contentid.h"

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

// The value of a record under providerKey(id): the record's publisher holds the content. The publisher's
// node ID locates it on the ring; its transfer port is its DHT port.
struct ProviderValue {
    ContentId id;
    qint64 size = 0;

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
