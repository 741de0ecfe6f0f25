// Random (the injected randomness of protocol code) and SeededRandom, which replays from its seed.
#pragma once

#include <QByteArray>
#include <QtGlobal>
#include <random>

namespace ringshare {

// Randomness for protocol code (transaction ids, jitter, challenges), injected so that a simulation
// seeded the same way replays exactly. Real nodes use crypto::SecureRandom.
class Random {
public:
    virtual ~Random() = default;
    [[nodiscard]] virtual quint64 next64() = 0;

    // Uniform in [0, bound); bound must be positive.
    [[nodiscard]] quint64 bounded(quint64 bound);
    // Uniform in [0, 1).
    [[nodiscard]] double uniform();
    [[nodiscard]] QByteArray bytes(int count);
};

// Deterministic from its seed. Not for secrets.
class SeededRandom final : public Random {
public:
    explicit SeededRandom(quint64 seed) : m_engine(seed) {}
    [[nodiscard]] quint64 next64() override { return m_engine(); }

private:
    std::mt19937_64 m_engine;
};

} // namespace ringshare
