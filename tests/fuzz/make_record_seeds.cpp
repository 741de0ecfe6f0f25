// Writes the seed corpus of fuzz_records: DHT records (holding provider and keyword values, as the index
// stores them), bare index values, and near misses of each. The output is committed under corpus/records:
//   build/dev/tests/fuzz/fuzz_record_seeds tests/fuzz/corpus/records

#include "crypto/cryptoinit.h"
#include "crypto/identity.h"
#include "dht/record.h"
#include "seedfiles.h"
#include "share/indexrecords.h"
#include "share/manifest.h"

#include <QDir>
#include <QFile>
#include <QtEndian>
#include <cstdio>
#include <limits>
#include <utility>

using namespace ringshare;

namespace {

using fuzzseeds::identityFrom;
using fuzzseeds::Seeds;

// Where the timestamp sits in an encoded record: after the array head, the key and the publisher key.
constexpr int kTimestampAt = 1 + 1 + NodeId::kBytes + 2 + crypto::PublicKey::kSize;
// Where a keyword value's name length sits: after magic, version, content id and size.
constexpr int kNameLengthAt = 2 + share::ContentId::kSize + 8;

QByteArray be64(quint64 value) {
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(value, out.data());
    return out;
}

share::ContentId someContent() {
    return share::Manifest::contentIdFor(300 * 1024, "seed");
}

QByteArray providerBytes(qint64 size) {
    return share::ProviderValue{someContent(), size}.encode();
}

QByteArray keywordBytes(const QString& name, qint64 size = 300 * 1024) {
    return share::KeywordValue{someContent(), size, name}.encode();
}

// A keyword value whose name field holds exactly `nameBytes`, which encode() could not be made to write.
QByteArray keywordWithRawName(QByteArrayView nameBytes) {
    QByteArray out = keywordBytes(QStringLiteral("x")).first(kNameLengthAt);
    QByteArray length(2, Qt::Uninitialized);
    qToBigEndian(quint16(nameBytes.size()), length.data());
    return out + length + nameBytes.toByteArray();
}

dht::Record recordOf(const QByteArray& value, qint64 timestampMs = 1'700'000'000'000,
                     quint32 ttlSeconds = share::kIndexRecordTtlSeconds) {
    return dht::Record::create(identityFrom(3), NodeId::hashOf(value), value, timestampMs, ttlSeconds);
}

Seeds seeds() {
    const QByteArray provider = recordOf(providerBytes(300 * 1024)).encode();
    QByteArray longTimestamp = recordOf({}, 5).encode();
    longTimestamp.replace(kTimestampAt, 1, QByteArray(1, '\x1b') + be64(5));
    QByteArray negativeTimestamp = recordOf({}, 5).encode();
    negativeTimestamp[kTimestampAt] = '\x24'; // -5
    QByteArray shortKey = provider;
    shortKey[1] = char(0x40 + NodeId::kBytes - 1);
    shortKey.remove(2, 1);
    QByteArray fiveFields = provider;
    fiveFields[0] = '\x85';
    QByteArray oversizeValue = recordOf(QByteArray(dht::Record::kMaxValueSize, 'v')).encode();
    // Grow the value's 2-byte length head by one and add the byte it now counts.
    const qsizetype valueAt = oversizeValue.indexOf(QByteArray(dht::Record::kMaxValueSize, 'v'));
    qToBigEndian(quint16(dht::Record::kMaxValueSize + 1), oversizeValue.data() + valueAt - 2);
    oversizeValue.insert(valueAt, 'v');
    QByteArray badSignature = provider;
    badSignature[badSignature.size() - 1] = char(badSignature.back() ^ 0x01);

    QByteArray providerVersion2 = providerBytes(1);
    providerVersion2[1] = 2;
    QByteArray keywordLongerThanSaid = keywordBytes(QStringLiteral("holiday")) + 'x';

    return {
        // Records, as stored and returned by the DHT.
        {QStringLiteral("record_provider"), provider},
        {QStringLiteral("record_keyword"),
         recordOf(keywordBytes(QStringLiteral("holiday photos.zip"))).encode()},
        {QStringLiteral("record_empty_value"), recordOf({}).encode()},
        {QStringLiteral("record_largest_value"),
         recordOf(QByteArray(dht::Record::kMaxValueSize, 'v'), 1, dht::Record::kMaxTtlSeconds).encode()},
        {QStringLiteral("record_zero_ttl"), recordOf(providerBytes(0), 0, 0).encode()},
        {QStringLiteral("record_far_timestamp"),
         recordOf(providerBytes(1),
                  std::numeric_limits<qint64>::max() - qint64(dht::Record::kMaxTtlSeconds) * 1000)
             .encode()},
        {QStringLiteral("record_bad_signature"), badSignature},
        {QStringLiteral("bad_record_truncated"), provider.chopped(1)},
        {QStringLiteral("bad_record_trailing"), provider + '\0'},
        {QStringLiteral("bad_record_long_timestamp"), longTimestamp},
        {QStringLiteral("bad_record_negative_timestamp"), negativeTimestamp},
        {QStringLiteral("bad_record_short_key"), shortKey},
        {QStringLiteral("bad_record_five_fields"), fiveFields},
        {QStringLiteral("bad_record_oversize_value"), oversizeValue},
        {QStringLiteral("bad_record_long_ttl"),
         [] {
             dht::Record record = recordOf({});
             record.ttlSeconds = dht::Record::kMaxTtlSeconds + 1;
             return record.encode();
         }()},
        // Index values on their own, as a search reads them out of records.
        {QStringLiteral("provider"), providerBytes(300 * 1024)},
        {QStringLiteral("provider_largest"), providerBytes(share::Manifest::kMaxFileSize)},
        {QStringLiteral("keyword"), keywordBytes(QStringLiteral("report.pdf"))},
        {QStringLiteral("keyword_unicode"), keywordBytes(QStringLiteral("Früh 東京 🎞.mkv"))},
        {QStringLiteral("keyword_longest_name"),
         keywordBytes(QString(share::KeywordValue::kMaxNameBytes, u'n'))},
        {QStringLiteral("keyword_name_with_nul"), keywordWithRawName(QByteArrayView("a\0b", 3))},
        {QStringLiteral("keyword_name_with_bom"), keywordWithRawName("\xef\xbb\xbf"
                                                                     "bom.txt")},
        {QStringLiteral("bad_keyword_bom_only"), keywordWithRawName("\xef\xbb\xbf")},
        {QStringLiteral("bad_keyword_empty_name"), keywordWithRawName({})},
        {QStringLiteral("bad_keyword_overlong_utf8"), keywordWithRawName("a\xc0\xaf")},
        {QStringLiteral("bad_keyword_surrogate_utf8"), keywordWithRawName("\xed\xa0\x80")},
        {QStringLiteral("bad_keyword_longer_than_said"), keywordLongerThanSaid},
        {QStringLiteral("bad_keyword_name_too_long"),
         keywordWithRawName(QByteArray(share::KeywordValue::kMaxNameBytes + 1, 'n'))},
        {QStringLiteral("bad_provider_version"), providerVersion2},
        {QStringLiteral("bad_provider_trailing"), providerBytes(1) + '\0'},
        {QStringLiteral("bad_provider_huge_size"), providerBytes(1).first(2 + share::ContentId::kSize) +
                                                       be64(quint64(share::Manifest::kMaxFileSize) + 1)},
        {QStringLiteral("bad_provider_as_keyword"), 'K' + providerBytes(1).sliced(1)},
    };
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIRECTORY\n", argv[0]);
        return 2;
    }
    crypto::requireInitialized();
    return fuzzseeds::writeSeeds(QDir(QString::fromLocal8Bit(argv[1])), seeds(), "fuzz_record_seeds") ? 0 : 1;
}
