// CookieMint and its counterpart: a keyed BLAKE2b of epoch, port and address, checked for this epoch
// and the last.
#include "net/cookies.h"

#include "crypto/blake2b.h"
#include "net/message.h"

#include <QtEndian>

namespace ringshare::net {

CookieMint::CookieMint(Clock& clock, QByteArray secret, Millis epoch)
    : m_clock(clock), m_secret(std::move(secret)), m_epoch(std::max(epoch, Millis(1))) {
    Q_ASSERT(m_secret.size() >= crypto::Blake2b::kMinDigestSize && m_secret.size() <= 64);
}

qint64 CookieMint::currentEpoch() const {
    return m_clock.now().count() / m_epoch.count();
}

QByteArray CookieMint::make(const Endpoint& requester, qint64 epochNumber) const {
    crypto::Blake2b mac(kCookieSize, m_secret);
    unsigned char header[10];
    qToBigEndian(quint64(epochNumber), header);
    qToBigEndian(requester.port, header + 8);
    mac.update(QByteArrayView(header, sizeof header));
    // One form per address: an IPv4 peer is hashed the same however the socket reported it.
    const Q_IPV6ADDR address = requester.address.toIPv6Address();
    mac.update(QByteArrayView(reinterpret_cast<const char*>(address.c), sizeof address.c));
    return mac.finish();
}

QByteArray CookieMint::issue(const Endpoint& requester) const {
    return make(requester, currentEpoch());
}

CookieMint::Verdict CookieMint::verify(const Endpoint& requester, QByteArrayView cookie) const {
    if (cookie.size() != kCookieSize)
        return Verdict::Invalid;
    const qint64 epoch = currentEpoch();
    if (make(requester, epoch) == cookie)
        return Verdict::Valid;
    if (make(requester, epoch - 1) == cookie)
        return Verdict::ValidButOld;
    return Verdict::Invalid;
}

CookieJar::CookieJar(Clock& clock, Millis lifetime, int capacity)
    : m_clock(clock), m_lifetime(lifetime), m_capacity(std::max(capacity, 1)) {}

void CookieJar::store(const Endpoint& peer, const QByteArray& cookie) {
    if (cookie.size() != kCookieSize)
        return;
    if (m_cookies.size() >= m_capacity && !m_cookies.contains(peer))
        prune();
    m_cookies.insert(peer, Entry{cookie, m_clock.now()});
}

QByteArray CookieJar::find(const Endpoint& peer) const {
    const auto it = m_cookies.constFind(peer);
    if (it == m_cookies.constEnd() || m_clock.now() - it->received >= m_lifetime)
        return {};
    return it->cookie;
}

void CookieJar::prune() {
    const Millis now = m_clock.now();
    m_cookies.removeIf([&](const auto& entry) { return now - entry.value().received >= m_lifetime; });
    // All still young: drop an arbitrary half rather than grow; those peers are asked with padding again.
    for (auto it = m_cookies.begin(); it != m_cookies.end() && m_cookies.size() >= m_capacity / 2 + 1;)
        it = m_cookies.erase(it);
}

} // namespace ringshare::net
