// Identity: this node's Ed25519 key pair, kept in DATA/identity.key; the secret never leaves it.
#pragma once

#include "base/result.h"
#include "crypto/keys.h"
#include "crypto/nodeid.h"

#include <QByteArrayView>
#include <QString>
#include <array>
#include <cstdint>

namespace ringshare::crypto {

// This node's Ed25519 key pair. The secret never leaves the object and is wiped when it dies.
class Identity final {
public:
    static constexpr int kSeedSize = 32;
    using Seed = std::array<std::uint8_t, kSeedSize>;
    static constexpr char kFileName[] = "identity.key";

    [[nodiscard]] static Identity generate();
    // The same seed always gives the same key pair (simulations and known-answer tests).
    [[nodiscard]] static Identity fromSeed(const Seed& seed);

    // Loads `dataDir`/identity.key, creating the directory (0700) and a new key file (0600) on first start.
    // A key file that exists but cannot be read or fails its checks is an error; it is never replaced.
    [[nodiscard]] static Result<Identity> loadOrCreate(const QString& dataDir);
    [[nodiscard]] static Result<Identity> load(const QString& path);
    [[nodiscard]] Result<void> save(const QString& path) const;

    // A second holder of the same key pair, for a part of the program that signs on its own (the library
    // signs manifests while the DHT node signs records).
    [[nodiscard]] Identity clone() const;

    Identity(Identity&& other) noexcept;
    Identity& operator=(Identity&& other) noexcept;
    Identity(const Identity&) = delete;
    Identity& operator=(const Identity&) = delete;
    ~Identity();

    [[nodiscard]] const PublicKey& publicKey() const { return m_publicKey; }
    [[nodiscard]] NodeId nodeId() const { return m_nodeId; }
    [[nodiscard]] Signature sign(QByteArrayView message) const;

private:
    Identity() = default;
    void wipe();

    std::array<std::uint8_t, 64> m_secretKey{};
    PublicKey m_publicKey;
    NodeId m_nodeId;
};

} // namespace ringshare::crypto
