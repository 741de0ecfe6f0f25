// Blake2b: streaming, optionally keyed BLAKE2b (node ids, content ids, chunk hashes, cookies).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>

namespace ringshare::crypto {

// Streaming BLAKE2b with a digest of 16 to 64 bytes, optionally keyed (key of 16 to 64 bytes).
class Blake2b final {
public:
    static constexpr int kMinDigestSize = 16;
    static constexpr int kMaxDigestSize = 64;
    static constexpr std::size_t kStateSize = 384;

    explicit Blake2b(int digestSize = 32, QByteArrayView key = {});
    ~Blake2b();
    Blake2b(const Blake2b&) = default;
    Blake2b& operator=(const Blake2b&) = default;

    void update(QByteArrayView data);
    // Returns the digest and resets the hasher to its initial state (same size and key).
    [[nodiscard]] QByteArray finish();

    [[nodiscard]] static QByteArray hash(QByteArrayView data, int digestSize = 32);

private:
    void reset();

    // Storage for libsodium's crypto_generichash_state, kept opaque so this header needs no <sodium.h>.
    alignas(64) unsigned char m_state[kStateSize];
    int m_digestSize;
    QByteArray m_key;
};

} // namespace ringshare::crypto
