// Blake2b over libsodium's crypto_generichash state, and the one-shot Blake2b::hash().
#include "crypto/blake2b.h"

#include "crypto/cryptoinit.h"

#include <sodium.h>
#include <stdexcept>

namespace ringshare::crypto {

static_assert(sizeof(crypto_generichash_state) <= Blake2b::kStateSize);
static_assert(alignof(crypto_generichash_state) <= 64);

namespace {
crypto_generichash_state* stateOf(unsigned char* storage) {
    return reinterpret_cast<crypto_generichash_state*>(storage);
}
} // namespace

Blake2b::Blake2b(int digestSize, QByteArrayView key) : m_digestSize(digestSize), m_key(key.toByteArray()) {
    if (digestSize < kMinDigestSize || digestSize > kMaxDigestSize)
        throw std::invalid_argument("BLAKE2b digest size must be between 16 and 64 bytes");
    if (!key.isEmpty() &&
        (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX))
        throw std::invalid_argument("BLAKE2b key size must be between 16 and 64 bytes");
    requireInitialized();
    reset();
}

Blake2b::~Blake2b() {
    sodium_memzero(m_state, kStateSize);
}

void Blake2b::reset() {
    crypto_generichash_init(stateOf(m_state), reinterpret_cast<const unsigned char*>(m_key.constData()),
                            static_cast<size_t>(m_key.size()), static_cast<size_t>(m_digestSize));
}

void Blake2b::update(QByteArrayView data) {
    crypto_generichash_update(stateOf(m_state), reinterpret_cast<const unsigned char*>(data.data()),
                              static_cast<unsigned long long>(data.size()));
}

QByteArray Blake2b::finish() {
    QByteArray digest(m_digestSize, Qt::Uninitialized);
    crypto_generichash_final(stateOf(m_state), reinterpret_cast<unsigned char*>(digest.data()),
                             static_cast<size_t>(m_digestSize));
    reset();
    return digest;
}

QByteArray Blake2b::hash(QByteArrayView data, int digestSize) {
    Blake2b hasher(digestSize);
    hasher.update(data);
    return hasher.finish();
}

} // namespace ringshare::crypto
