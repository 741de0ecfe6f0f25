// The index keys ("file:<id hex>", "kw:<word>", hashed to ring positions) and the binary values
// of provider ("P") and keyword ("K") records.
#include "share/indexrecords.h"

#include "dht/record.h"
#include "share/manifest.h"

#include <QStringDecoder>
#include <QtEndian>

namespace ringshare::share {

namespace {

constexpr char kProviderMagic = 'P';
constexpr char kKeywordMagic = 'K';
constexpr char kVersion = 1;
constexpr int kHeaderSize = 2 + ContentId::kSize + 8;

static_assert(kHeaderSize + 2 + KeywordValue::kMaxNameBytes <= dht::Record::kMaxValueSize,
              "a keyword record must fit a DHT record");

QByteArray header(char magic, const ContentId& id, qint64 size) {
    QByteArray out;
    out.reserve(kHeaderSize + 2 + KeywordValue::kMaxNameBytes);
    out.append(magic);
    out.append(kVersion);
    out += id.toByteArray();
    char buffer[8];
    qToBigEndian(quint64(size), buffer);
    out.append(buffer, 8);
    return out;
}

// Checks the common head and returns the size, or an error.
Result<qint64> readHeader(QByteArrayView bytes, char magic, ContentId& id) {
    if (bytes.size() < kHeaderSize || bytes[0] != magic)
        return Error{QStringLiteral("not an index record")};
    if (bytes[1] != kVersion)
        return Error{QStringLiteral("an index record of an unknown version")};
    id = *ContentId::fromBytes(bytes.sliced(2, ContentId::kSize));
    const quint64 size = qFromBigEndian<quint64>(bytes.data() + 2 + ContentId::kSize);
    if (size > quint64(Manifest::kMaxFileSize))
        return Error{QStringLiteral("an index record with an impossible size")};
    return qint64(size);
}

} // namespace

NodeId providerKey(const ContentId& id) {
    return dht::recordKey(QStringLiteral("file:") + id.toHex());
}

NodeId keywordKey(const QString& word) {
    return dht::recordKey(QStringLiteral("kw:") + word);
}

QByteArray truncatedUtf8(const QString& name, int maxBytes) {
    QByteArray utf8 = name.toUtf8();
    if (utf8.size() <= maxBytes)
        return utf8;
    qsizetype cut = maxBytes;
    // Step back over continuation bytes (10xxxxxx) to the start of the character that would be split.
    while (cut > 0 && (quint8(utf8[cut]) & 0xC0) == 0x80)
        --cut;
    return utf8.left(cut);
}

QByteArray ProviderValue::encode() const {
    return header(kProviderMagic, id, size);
}

Result<ProviderValue> ProviderValue::decode(QByteArrayView bytes) {
    ProviderValue value;
    const auto size = readHeader(bytes, kProviderMagic, value.id);
    if (!size.ok())
        return Error{size.error()};
    if (bytes.size() != kHeaderSize)
        return Error{QStringLiteral("a provider record of the wrong length")};
    value.size = size.value();
    return value;
}

QByteArray KeywordValue::encode() const {
    QByteArray out = header(kKeywordMagic, id, size);
    const QByteArray utf8 = truncatedUtf8(name, kMaxNameBytes);
    char length[2];
    qToBigEndian(quint16(utf8.size()), length);
    out.append(length, 2);
    out += utf8;
    return out;
}

Result<KeywordValue> KeywordValue::decode(QByteArrayView bytes) {
    KeywordValue value;
    const auto size = readHeader(bytes, kKeywordMagic, value.id);
    if (!size.ok())
        return Error{size.error()};
    value.size = size.value();
    if (bytes.size() < kHeaderSize + 2)
        return Error{QStringLiteral("a keyword record without a name")};
    const quint16 nameSize = qFromBigEndian<quint16>(bytes.data() + kHeaderSize);
    if (nameSize > kMaxNameBytes || bytes.size() != kHeaderSize + 2 + nameSize)
        return Error{QStringLiteral("a keyword record of the wrong length")};
    // ConvertInitialBom: a leading U+FEFF is part of the name (as encode() wrote it), not a marker to drop,
    // which would give one value two encodings and turn a name of only U+FEFF into none.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    value.name = decoder.decode(bytes.sliced(kHeaderSize + 2));
    if (decoder.hasError() || value.name.isEmpty())
        return Error{QStringLiteral("a keyword record whose name is not valid UTF-8")};
    return value;
}

} // namespace ringshare::share
