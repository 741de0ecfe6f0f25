// Manifest: chunk size choice, the content id, the bytes that get signed, and the binary encoding
// (magic "RSMF", version 1) with its strict decoder.
#include "share/manifest.h"

#include "base/bytereader.h"
#include "crypto/blake2b.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QtEndian>

namespace ringshare::share {

namespace {

constexpr char kMagic[4] = {'R', 'S', 'M', 'F'};
constexpr quint8 kVersion = 1;
// The NUL ends each tag, so no other signed or hashed message shares a prefix with these.
constexpr char kContentTag[] = "ringshare-content-v1";
constexpr char kSignTag[] = "ringshare-manifest-v1";

template <typename T>
void appendBigEndian(QByteArray& out, T value) {
    char buffer[sizeof(T)];
    qToBigEndian(value, buffer);
    out.append(buffer, qsizetype(sizeof(T)));
}

Error invalid(const QString& reason) {
    return Error{
        QCoreApplication::translate("ringshare::share::Manifest", "The file description is invalid: %1.")
            .arg(reason)};
}

} // namespace

int Manifest::chunkSizeFor(qint64 fileSize) {
    int chunk = kMinChunkSize;
    while (chunk < kMaxChunkSize && fileSize > qint64(chunk) * kTargetChunkCount)
        chunk *= 2;
    return chunk;
}

int Manifest::chunkCountFor(qint64 fileSize, int chunkSize) {
    return int((fileSize + chunkSize - 1) / chunkSize);
}

ContentId Manifest::contentIdFor(qint64 fileSize, QByteArrayView chunkHashes) {
    crypto::Blake2b hasher(ContentId::kSize);
    hasher.update(QByteArrayView(kContentTag, sizeof kContentTag));
    QByteArray size;
    appendBigEndian(size, quint64(fileSize));
    hasher.update(size);
    hasher.update(chunkHashes);
    return *ContentId::fromBytes(hasher.finish());
}

QByteArray Manifest::hashChunk(QByteArrayView data) {
    return crypto::Blake2b::hash(data, kHashSize);
}

int Manifest::chunkLength(int index) const {
    return int(qMin<qint64>(chunkSize, size - chunkOffset(index)));
}

bool Manifest::chunkMatches(int index, QByteArrayView data) const {
    return index >= 0 && index < chunkCount() && data.size() == chunkLength(index) &&
           hashChunk(data) == chunkHash(index);
}

void Manifest::sign(const crypto::Identity& identity) {
    publisher = identity.publicKey();
    signature = identity.sign(bytesToSign());
}

QByteArray Manifest::bytesToSign() const {
    QByteArray out(kSignTag, sizeof kSignTag);
    out += contentId().toByteArray();
    appendBigEndian(out, quint32(chunkSize));
    const QByteArray utf8 = name.toUtf8();
    appendBigEndian(out, quint32(utf8.size()));
    out += utf8;
    out += publisher.toByteArray();
    return out;
}

bool Manifest::hasValidSignature() const {
    return publisher.verify(bytesToSign(), signature);
}

QByteArray Manifest::encode() const {
    const QByteArray utf8 = name.toUtf8();
    QByteArray out;
    out.reserve(4 + 1 + 8 + 4 + 2 + utf8.size() + crypto::PublicKey::kSize + chunkHashes.size() +
                crypto::Signature::kSize);
    out.append(kMagic, sizeof kMagic);
    out.append(char(kVersion));
    appendBigEndian(out, quint64(size));
    appendBigEndian(out, quint32(chunkSize));
    appendBigEndian(out, quint16(utf8.size()));
    out += utf8;
    out += publisher.toByteArray();
    out += chunkHashes;
    out += signature.toByteArray();
    return out;
}

Result<Manifest> Manifest::decode(QByteArrayView bytes, const ContentId* expected) {
    if (bytes.size() > kMaxEncodedSize)
        return invalid(QCoreApplication::translate("ringshare::share::Manifest",
                                                   "%1 bytes is larger than any description can be")
                           .arg(bytes.size()));
    ByteReader cursor(bytes);
    QByteArrayView magic;
    quint8 version = 0;
    quint64 size = 0;
    quint32 chunkSize = 0;
    quint16 nameSize = 0;
    if (!cursor.take(sizeof kMagic, magic) || magic != QByteArrayView(kMagic, sizeof kMagic))
        return invalid(
            QCoreApplication::translate("ringshare::share::Manifest", "it does not start like one"));
    if (!cursor.takeBigEndian(version) || version != kVersion)
        return invalid(QCoreApplication::translate("ringshare::share::Manifest",
                                                   "version %1 is not one this program reads")
                           .arg(version));
    if (!cursor.takeBigEndian(size) || !cursor.takeBigEndian(chunkSize) || !cursor.takeBigEndian(nameSize))
        return invalid(QCoreApplication::translate("ringshare::share::Manifest", "it is truncated"));
    if (size > quint64(kMaxFileSize))
        return invalid(QCoreApplication::translate("ringshare::share::Manifest",
                                                   "a size of %1 bytes is beyond the limit")
                           .arg(size));
    Manifest manifest;
    manifest.size = qint64(size);
    if (chunkSize != quint32(chunkSizeFor(manifest.size)))
        return invalid(QCoreApplication::translate("ringshare::share::Manifest",
                                                   "chunk size %1 does not suit a file of %2 bytes")
                           .arg(chunkSize)
                           .arg(size));
    manifest.chunkSize = int(chunkSize);
    if (nameSize > kMaxNameBytes)
        return invalid(QCoreApplication::translate("ringshare::share::Manifest", "the name is %1 bytes long")
                           .arg(nameSize));

    QByteArrayView name, publisher, hashes, signature;
    const qsizetype hashBytes = qsizetype(chunkCountFor(manifest.size, manifest.chunkSize)) * kHashSize;
    if (!cursor.take(nameSize, name) || !cursor.take(crypto::PublicKey::kSize, publisher) ||
        !cursor.take(hashBytes, hashes) || !cursor.take(crypto::Signature::kSize, signature))
        return invalid(QCoreApplication::translate("ringshare::share::Manifest", "it is truncated"));
    if (cursor.left() != 0)
        return invalid(QCoreApplication::translate("ringshare::share::Manifest", "%1 bytes follow its end")
                           .arg(cursor.left()));

    // A leading byte order mark stays part of the name: dropped, it would let one manifest be written
    // two ways.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    manifest.name = decoder.decode(name);
    if (decoder.hasError())
        return invalid(
            QCoreApplication::translate("ringshare::share::Manifest", "the name is not valid UTF-8"));
    manifest.publisher = *crypto::PublicKey::fromBytes(publisher);
    manifest.chunkHashes = hashes.toByteArray();
    manifest.signature = *crypto::Signature::fromBytes(signature);
    if (expected && manifest.contentId() != *expected)
        return invalid(QCoreApplication::translate("ringshare::share::Manifest",
                                                   "its chunk hashes do not belong to content %1")
                           .arg(expected->shortHex()));
    if (!manifest.hasValidSignature())
        return invalid(
            QCoreApplication::translate("ringshare::share::Manifest", "its signature does not verify"));
    return manifest;
}

} // namespace ringshare::share
