// ContentId: the BLAKE2b-256 name of a file's bytes on the network (one swarm per content).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>
#include <array>
#include <compare>
#include <cstdint>
#include <optional>

namespace ringshare::share {

// What names a file's bytes on the network: BLAKE2b-256 over its size and its chunk hashes (see
// Manifest::contentIdFor). The same bytes shared by two people have one content id, so they form one swarm.
class ContentId final {
public:
    static constexpr int kSize = 32;
    using Bytes = std::array<std::uint8_t, kSize>;

    ContentId() = default;
    explicit ContentId(const Bytes& bytes) : m_bytes(bytes) {}

    [[nodiscard]] static std::optional<ContentId> fromBytes(QByteArrayView bytes);
    // Accepts exactly 64 hex digits, either case.
    [[nodiscard]] static std::optional<ContentId> fromHex(QStringView hex);

    [[nodiscard]] const Bytes& bytes() const { return m_bytes; }
    [[nodiscard]] QByteArray toByteArray() const;
    // 64 lower-case hex digits.
    [[nodiscard]] QString toHex() const;
    [[nodiscard]] QString shortHex() const { return toHex().left(12); }
    [[nodiscard]] bool isNull() const { return m_bytes == Bytes{}; }

    friend auto operator<=>(const ContentId&, const ContentId&) = default;
    friend bool operator==(const ContentId&, const ContentId&) = default;

private:
    Bytes m_bytes{};
};

inline size_t qHash(const ContentId& id, size_t seed = 0) {
    return qHashBits(id.bytes().data(), id.bytes().size(), seed);
}

} // namespace ringshare::share
