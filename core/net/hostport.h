// HostPort: a node named by a host name or a literal address, and a port, as people write bootstrap nodes
// and links carry contacts. Separate from Endpoint, which is always an address: a name is resolved later.
#pragma once

#include "base/result.h"
#include "net/endpoint.h"

#include <QHashFunctions>
#include <QString>
#include <QStringView>
#include <optional>

namespace ringshare::net {

// "seed.example.org:4000", "192.0.2.1:4000" or "[2001:db8::1]:4000". A literal address is kept as the
// Endpoint it is and needs no lookup; a name is kept in lower case, checked against the DNS rules (letters,
// digits and hyphens in labels of 1 to 63, 253 in all, not ending in an all-digit label) and resolved only
// when it is used (see HostResolver).
class HostPort {
public:
    // Longest text parse() looks at: a full-length name, a colon and five digits.
    static constexpr qsizetype kMaxTextLength = 253 + 1 + 5;

    HostPort() = default;
    // Not explicit: every endpoint is a host and port, and the older code that names nodes by endpoint
    // keeps working unchanged.
    HostPort(const Endpoint& endpoint); // NOLINT(google-explicit-constructor)

    // The forms above, nothing else: no blanks, no scheme, IPv6 only in brackets, an IPv4 address only as
    // a dotted quad, ports 1 to 65535. The error says what is wrong, quoting the text.
    [[nodiscard]] static Result<HostPort> parse(QStringView text);

    [[nodiscard]] bool isValid() const { return m_port != 0 && (isName() || m_literal.isValid()); }
    [[nodiscard]] bool isName() const { return !m_name.isEmpty(); }
    // The address when the host is a literal one (even an invalid one, for a default-made HostPort).
    [[nodiscard]] std::optional<Endpoint> endpoint() const;
    // The name, or the address as text (without brackets).
    [[nodiscard]] QString host() const;
    [[nodiscard]] quint16 port() const { return m_port; }
    // What parse() reads back: the name or Endpoint::toString()'s form.
    [[nodiscard]] QString toString() const;

    friend bool operator==(const HostPort& a, const HostPort& b) {
        return a.m_port == b.m_port && a.m_name == b.m_name && a.m_literal == b.m_literal;
    }

private:
    QString m_name;     // lower case; empty for a literal address
    Endpoint m_literal; // when m_name is empty
    quint16 m_port = 0;
};

inline size_t qHash(const HostPort& hostPort, size_t seed = 0) {
    return qHashMulti(seed, hostPort.host(), hostPort.port());
}

} // namespace ringshare::net
