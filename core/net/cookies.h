// Address cookies: proof, at no per-peer cost to the receiver, that a requester receives datagrams at the
// address it claims. The mint makes and checks them; the requester's side remembers what it was given.
#pragma once

#include "base/clock.h"
#include "net/endpoint.h"

#include <QByteArray>
#include <QHash>

namespace ringshare::net {

// Address cookies, the receiving side: a cookie is a keyed hash of the requester's address and port and the
// current epoch, so a requester that shows one has received a datagram at that address, and nothing is
// stored per requester. A cookie stays valid for the epoch it was made in and the next one.
class CookieMint final {
public:
    // `secret`: random bytes known only to this node (16 to 64).
    CookieMint(Clock& clock, QByteArray secret, Millis epoch = kDefaultEpoch);

    static constexpr Millis kDefaultEpoch{60'000};

    [[nodiscard]] QByteArray issue(const Endpoint& requester) const;
    enum class Verdict { Invalid, Valid, ValidButOld };
    // ValidButOld: made in the previous epoch; still accepted, but the requester should get a fresh one.
    [[nodiscard]] Verdict verify(const Endpoint& requester, QByteArrayView cookie) const;
    [[nodiscard]] Millis epoch() const { return m_epoch; }

private:
    [[nodiscard]] QByteArray make(const Endpoint& requester, qint64 epochNumber) const;
    [[nodiscard]] qint64 currentEpoch() const;

    Clock& m_clock;
    QByteArray m_secret;
    Millis m_epoch;
};

// Address cookies, the requesting side: the cookies other nodes gave us, used while they are surely still
// valid (one epoch from receipt), bounded in number.
class CookieJar final {
public:
    explicit CookieJar(Clock& clock, Millis lifetime = CookieMint::kDefaultEpoch, int capacity = 8192);

    void store(const Endpoint& peer, const QByteArray& cookie);
    // The cookie to show `peer`, or empty when there is none young enough.
    [[nodiscard]] QByteArray find(const Endpoint& peer) const;
    void forget(const Endpoint& peer) { m_cookies.remove(peer); }
    [[nodiscard]] int size() const { return int(m_cookies.size()); }

private:
    struct Entry {
        QByteArray cookie;
        Millis received;
    };
    void prune();

    Clock& m_clock;
    Millis m_lifetime;
    int m_capacity;
    QHash<Endpoint, Entry> m_cookies;
};

} // namespace ringshare::net
