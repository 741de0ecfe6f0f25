// Endpoint, an address and port, with its one printed form and parser, and plainAddress() for the one
// form of an IPv4 address a dual-stack socket reports.
#pragma once

#include <QHashFunctions>
#include <QHostAddress>
#include <QString>
#include <optional>

namespace ringshare::net {

// Where a peer receives datagrams (and, on the same port, transfer connections).
struct Endpoint {
    QHostAddress address;
    quint16 port = 0;

    [[nodiscard]] bool isValid() const { return !address.isNull() && port != 0; }
    // "192.0.2.1:4000" or "[2001:db8::1]:4000".
    [[nodiscard]] QString toString() const;
    // Parses the toString() forms; a host name is not resolved here and is rejected.
    [[nodiscard]] static std::optional<Endpoint> parse(QStringView text);

    friend bool operator==(const Endpoint& a, const Endpoint& b) {
        return a.port == b.port && a.address == b.address;
    }
};

// One address, one form: an IPv4 address that a dual-stack socket reports as IPv4-mapped IPv6 (with or
// without a scope) comes back as plain IPv4; anything else as it is.
[[nodiscard]] QHostAddress plainAddress(const QHostAddress& address);

// Where traffic comes from, for caps and votes: one IPv4 address, or one IPv6 /64 (what one host or one
// home network is usually given; single IPv6 addresses cost an attacker nothing).
[[nodiscard]] QHostAddress sourceOf(const QHostAddress& address);

inline size_t qHash(const Endpoint& endpoint, size_t seed = 0) {
    return qHashMulti(seed, endpoint.address, endpoint.port);
}

} // namespace ringshare::net
