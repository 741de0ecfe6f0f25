// Signature and PublicKey (parsing, hex, node id, Ed25519 verification), constantTimeEqual() and
// randomBytes().
#include "crypto/keys.h"

#include "crypto/cryptoinit.h"

#include <algorithm>
#include <sodium.h>

namespace ringshare::crypto {

static_assert(PublicKey::kSize == crypto_sign_PUBLICKEYBYTES);
static_assert(Signature::kSize == crypto_sign_BYTES);

std::optional<Signature> Signature::fromBytes(QByteArrayView data) {
    if (data.size() != kSize)
        return std::nullopt;
    Signature signature;
    std::copy(data.begin(), data.end(), signature.bytes.begin());
    return signature;
}

QByteArray Signature::toByteArray() const {
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), kSize);
}

std::optional<PublicKey> PublicKey::fromBytes(QByteArrayView data) {
    if (data.size() != kSize)
        return std::nullopt;
    Bytes bytes;
    std::copy(data.begin(), data.end(), bytes.begin());
    return PublicKey(bytes);
}

QByteArray PublicKey::toByteArray() const {
    return QByteArray(reinterpret_cast<const char*>(m_bytes.data()), kSize);
}

QString PublicKey::toHex() const {
    return QString::fromLatin1(toByteArray().toHex());
}

NodeId PublicKey::nodeId() const {
    return NodeId::hashOf(toByteArray());
}

bool PublicKey::verify(QByteArrayView message, const Signature& signature) const {
    requireInitialized();
    return crypto_sign_verify_detached(signature.bytes.data(),
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       static_cast<unsigned long long>(message.size()), m_bytes.data()) == 0;
}

bool constantTimeEqual(QByteArrayView a, QByteArrayView b) {
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return sodium_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

QByteArray randomBytes(int count) {
    requireInitialized();
    QByteArray out(count, Qt::Uninitialized);
    randombytes_buf(out.data(), static_cast<size_t>(count));
    return out;
}

} // namespace ringshare::crypto
