// Manifest: one file's name, size, chunk size and chunk hashes, signed by its publisher.
#pragma once

#include "base/result.h"
#include "crypto/identity.h"
#include "crypto/keys.h"
#include "share/contentid.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace ringshare::share {

// Describes one file's bytes: its name, size, chunk size and the BLAKE2b-256 hash of every chunk, signed by
// the peer that published it. The content id covers the size and the chunk hashes, so a manifest fetched
// from anyone can be checked against the id in a link; the signature binds the name to the publisher.
struct Manifest {
    static constexpr int kHashSize = 32;
    static constexpr int kMinChunkSize = 256 * 1024;
    static constexpr int kMaxChunkSize = 4 * 1024 * 1024;
    // Chunks grow (in powers of two) until a file has at most this many, then stay at kMaxChunkSize.
    static constexpr int kTargetChunkCount = 2048;
    // Bounds the manifest to 2 MiB of hashes (65,536 chunks of 4 MiB).
    static constexpr qint64 kMaxFileSize = qint64(256) * 1024 * 1024 * 1024;
    static constexpr int kMaxNameBytes = 1024;
    static constexpr qint64 kMaxChunkCount = kMaxFileSize / kMaxChunkSize;
    static constexpr int kMaxEncodedSize = 4 + 1 + 8 + 4 + 2 + kMaxNameBytes + crypto::PublicKey::kSize +
                                           int(kMaxChunkCount) * kHashSize + crypto::Signature::kSize;

    QString name;
    qint64 size = 0;
    int chunkSize = kMinChunkSize;
    QByteArray chunkHashes; // kHashSize bytes per chunk, in file order
    crypto::PublicKey publisher;
    crypto::Signature signature;

    [[nodiscard]] static int chunkSizeFor(qint64 fileSize);
    [[nodiscard]] static int chunkCountFor(qint64 fileSize, int chunkSize);
    [[nodiscard]] static ContentId contentIdFor(qint64 fileSize, QByteArrayView chunkHashes);
    [[nodiscard]] static QByteArray hashChunk(QByteArrayView data);

    [[nodiscard]] int chunkCount() const { return int(chunkHashes.size() / kHashSize); }
    [[nodiscard]] QByteArrayView chunkHash(int index) const {
        return QByteArrayView(chunkHashes).sliced(qsizetype(index) * kHashSize, kHashSize);
    }
    [[nodiscard]] qint64 chunkOffset(int index) const { return qint64(index) * chunkSize; }
    [[nodiscard]] int chunkLength(int index) const;
    [[nodiscard]] bool chunkMatches(int index, QByteArrayView data) const;
    [[nodiscard]] ContentId contentId() const { return contentIdFor(size, chunkHashes); }

    // Fills in the publisher and signs.
    void sign(const crypto::Identity& identity);
    // Exactly what the signature covers: a domain tag, the content id, the chunk size and the name.
    [[nodiscard]] QByteArray bytesToSign() const;
    [[nodiscard]] bool hasValidSignature() const;

    // A fixed binary layout; decode() checks every size and bound and the signature, and, when given, that
    // the manifest is the one `expected` names. Anything else is an error a user can read.
    [[nodiscard]] QByteArray encode() const;
    [[nodiscard]] static Result<Manifest> decode(QByteArrayView bytes, const ContentId* expected = nullptr);

    friend bool operator==(const Manifest&, const Manifest&) = default;
};

} // namespace ringshare::share
