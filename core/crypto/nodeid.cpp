// NodeId: hex and byte parsing, BLAKE2b-160 hashing, and the modulo-2^160 arithmetic.
#include "crypto/nodeid.h"

#include "crypto/blake2b.h"

#include <cmath>

namespace ringshare {

std::optional<NodeId> NodeId::fromBytes(QByteArrayView bytes) {
    if (bytes.size() != kBytes)
        return std::nullopt;
    Bytes out;
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return NodeId(out);
}

std::optional<NodeId> NodeId::fromHex(QStringView hex) {
    if (hex.size() != 2 * kBytes)
        return std::nullopt;
    for (const QChar c : hex) {
        const char16_t u = c.unicode();
        const bool isHex = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
        if (!isHex)
            return std::nullopt;
    }
    return fromBytes(QByteArray::fromHex(hex.toLatin1()));
}

NodeId NodeId::hashOf(QByteArrayView data) {
    return *fromBytes(crypto::Blake2b::hash(data, kBytes));
}

NodeId NodeId::powerOfTwo(int exponent) {
    Q_ASSERT(exponent >= 0 && exponent < kBits);
    Bytes out{};
    out[kBytes - 1 - exponent / 8] = static_cast<std::uint8_t>(1u << (exponent % 8));
    return NodeId(out);
}

NodeId NodeId::fromInteger(std::uint64_t value) {
    Bytes out{};
    for (int i = 0; i < 8; ++i)
        out[kBytes - 1 - i] = static_cast<std::uint8_t>(value >> (8 * i));
    return NodeId(out);
}

QByteArray NodeId::toByteArray() const {
    return QByteArray(reinterpret_cast<const char*>(m_bytes.data()), kBytes);
}

QString NodeId::toHex() const {
    return QString::fromLatin1(toByteArray().toHex());
}

QString NodeId::shortHex() const {
    return toHex().left(8);
}

double NodeId::toUnitInterval() const {
    // The top 53 bits fill a double's mantissa exactly; the rest cannot change the result.
    std::uint64_t top = 0;
    for (int i = 0; i < 8; ++i)
        top = (top << 8) | m_bytes[i];
    return std::ldexp(static_cast<double>(top >> 11), -53);
}

bool NodeId::isZero() const {
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](std::uint8_t b) { return b == 0; });
}

NodeId operator+(const NodeId& a, const NodeId& b) {
    NodeId::Bytes out{};
    unsigned carry = 0;
    for (int i = NodeId::kBytes - 1; i >= 0; --i) {
        const unsigned sum = unsigned(a.m_bytes[i]) + unsigned(b.m_bytes[i]) + carry;
        out[i] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
    }
    return NodeId(out);
}

NodeId operator-(const NodeId& a, const NodeId& b) {
    NodeId::Bytes out{};
    int borrow = 0;
    for (int i = NodeId::kBytes - 1; i >= 0; --i) {
        int diff = int(a.m_bytes[i]) - int(b.m_bytes[i]) - borrow;
        borrow = diff < 0 ? 1 : 0;
        out[i] = static_cast<std::uint8_t>(diff + 256 * borrow);
    }
    return NodeId(out);
}

} // namespace ringshare
