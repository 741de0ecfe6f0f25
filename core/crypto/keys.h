// Signature and PublicKey: what others know of an identity, and checking what it signed.
#pragma once

#include "crypto/nodeid.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <array>
#include <cstdint>
#include <optional>

namespace ringshare::crypto {

// An Ed25519 detached signature.
struct Signature {
    static constexpr int kSize = 64;
    std::array<std::uint8_t, kSize> bytes{};

    [[nodiscard]] static std::optional<Signature> fromBytes(QByteArrayView data);
    [[nodiscard]] QByteArray toByteArray() const;
    friend bool operator==(const Signature&, const Signature&) = default;
};

// An Ed25519 public key: a publisher's or a node's identity as others see it.
class PublicKey final {
public:
    static constexpr int kSize = 32;
    using Bytes = std::array<std::uint8_t, kSize>;

    PublicKey() = default;
    explicit PublicKey(const Bytes& bytes) : m_bytes(bytes) {}

    [[nodiscard]] static std::optional<PublicKey> fromBytes(QByteArrayView data);
    [[nodiscard]] const Bytes& bytes() const { return m_bytes; }
    [[nodiscard]] QByteArray toByteArray() const;
    [[nodiscard]] QString toHex() const;
    // The ring position a node with this key occupies: BLAKE2b-160 of the key.
    [[nodiscard]] NodeId nodeId() const;
    // True only for a valid signature by this key over exactly `message`.
    [[nodiscard]] bool verify(QByteArrayView message, const Signature& signature) const;

    friend bool operator==(const PublicKey&, const PublicKey&) = default;

private:
    Bytes m_bytes{};
};

// Compares secrets (or MACs) in time independent of where they differ. Unequal sizes compare unequal.
[[nodiscard]] bool constantTimeEqual(QByteArrayView a, QByteArrayView b);

// Cryptographically secure random bytes.
[[nodiscard]] QByteArray randomBytes(int count);

} // namespace ringshare::crypto
