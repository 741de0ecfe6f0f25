// initialize()/requireInitialized(): sodium_init() once per process, thread-safe.
#include "crypto/cryptoinit.h"

#include "base/logging.h"

#include <sodium.h>

namespace ringshare::crypto {

bool initialize() {
    // A function-local static runs sodium_init() exactly once, even under concurrent first calls.
    static const bool ready = [] {
        const bool ok = sodium_init() >= 0;
        if (!ok)
            qCCritical(lcCrypto) << "libsodium failed to initialise (no secure randomness available)";
        return ok;
    }();
    return ready;
}

void requireInitialized() {
    if (!initialize())
        qFatal("Ringshare cannot start: libsodium failed to initialise");
}

} // namespace ringshare::crypto
