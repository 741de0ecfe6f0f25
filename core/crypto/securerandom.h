// SecureRandom: the operating system's randomness (via libsodium), the Random of real nodes.
#pragma once

#include "base/random.h"

namespace ringshare::crypto {

// Randomness from the operating system via libsodium, for real nodes: unpredictable challenges and ids.
class SecureRandom final : public Random {
public:
    SecureRandom();
    [[nodiscard]] quint64 next64() override;
};

} // namespace ringshare::crypto
