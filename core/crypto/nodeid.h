// NodeId: a position on the 160-bit ring (BLAKE2b-160 of a public key or a typed key string).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>
#include <array>
#include <compare>
#include <cstdint>
#include <optional>

namespace ringshare {

// A position on the 160-bit identifier ring: an unsigned big-endian integer modulo 2^160.
// Node IDs are BLAKE2b-160 of the node's public key; record keys are BLAKE2b-160 of a typed string.
class NodeId final {
public:
    static constexpr int kBits = 160;
    static constexpr int kBytes = kBits / 8;
    using Bytes = std::array<std::uint8_t, kBytes>;

    constexpr NodeId() = default;
    constexpr explicit NodeId(const Bytes& bytes) : m_bytes(bytes) {}

    [[nodiscard]] static std::optional<NodeId> fromBytes(QByteArrayView bytes);
    // Accepts exactly 40 hex digits, either case.
    [[nodiscard]] static std::optional<NodeId> fromHex(QStringView hex);
    // BLAKE2b-160 of `data`.
    [[nodiscard]] static NodeId hashOf(QByteArrayView data);
    // 2^exponent for exponent in [0, 160).
    [[nodiscard]] static NodeId powerOfTwo(int exponent);
    // The small integer `value` as an ID (for tests and small rings).
    [[nodiscard]] static NodeId fromInteger(std::uint64_t value);

    [[nodiscard]] const Bytes& bytes() const { return m_bytes; }
    [[nodiscard]] QByteArray toByteArray() const;
    [[nodiscard]] QString toHex() const;
    // The first 8 hex digits: enough to tell nodes apart in logs and on screen.
    [[nodiscard]] QString shortHex() const;
    // Position on the ring as a fraction of a full turn, in [0, 1).
    [[nodiscard]] double toUnitInterval() const;
    [[nodiscard]] bool isZero() const;

    // Ring arithmetic, modulo 2^160.
    friend NodeId operator+(const NodeId& a, const NodeId& b);
    friend NodeId operator-(const NodeId& a, const NodeId& b);
    [[nodiscard]] NodeId plusPowerOfTwo(int exponent) const { return *this + powerOfTwo(exponent); }

    friend constexpr auto operator<=>(const NodeId&, const NodeId&) = default;
    friend constexpr bool operator==(const NodeId&, const NodeId&) = default;

private:
    Bytes m_bytes{};
};

inline size_t qHash(const NodeId& id, size_t seed = 0) {
    return qHashBits(id.bytes().data(), id.bytes().size(), seed);
}

} // namespace ringshare

template <>
struct std::hash<ringshare::NodeId> {
    size_t operator()(const ringshare::NodeId& id) const noexcept { return ringshare::qHash(id); }
};
