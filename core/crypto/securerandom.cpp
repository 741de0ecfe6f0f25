// SecureRandom: randombytes_buf() from libsodium.
#include "crypto/securerandom.h"

#include "crypto/cryptoinit.h"

#include <sodium.h>

namespace ringshare::crypto {

SecureRandom::SecureRandom() {
    requireInitialized();
}

quint64 SecureRandom::next64() {
    quint64 value;
    randombytes_buf(&value, sizeof value);
    return value;
}

} // namespace ringshare::crypto
