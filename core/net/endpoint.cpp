// Printing and strict parsing of endpoints ("192.0.2.1:4000", "[2001:db8::1]:4000"), plainAddress() and
// sourceOf().
#include "net/endpoint.h"

#include <algorithm>

namespace ringshare::net {

namespace {

// Longer than any address Qt can print, scope included: refuse to look at more.
constexpr qsizetype kMaxTextLength = 128;
constexpr int kMaxPortDigits = 5;

// ASCII digits only: QChar::isDigit() would also accept other scripts' digits.
std::optional<quint16> parsePort(QStringView text) {
    if (text.isEmpty() || text.size() > kMaxPortDigits)
        return std::nullopt;
    quint32 port = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        port = port * 10 + quint32(c.unicode() - u'0');
    }
    if (port == 0 || port > 65535)
        return std::nullopt;
    return quint16(port);
}

// ::ffff:0:0/96. (QHostAddress::toIPv4Address() also converts "::", which is no IPv4 address.)
bool isMappedIPv4(const Q_IPV6ADDR& ip6) {
    for (int i = 0; i < 10; ++i) {
        if (ip6[i] != 0)
            return false;
    }
    return ip6[10] == 0xff && ip6[11] == 0xff;
}

} // namespace

QString Endpoint::toString() const {
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
    return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
}

std::optional<Endpoint> Endpoint::parse(QStringView text) {
    if (text.isEmpty() || text.size() > kMaxTextLength)
        return std::nullopt;
    // QHostAddress forgives surrounding blanks; an endpoint written by us never has any.
    if (std::any_of(text.begin(), text.end(), [](QChar c) { return c.isSpace(); }))
        return std::nullopt;

    const bool bracketed = text.startsWith(u'[');
    QStringView host;
    QStringView port;
    if (bracketed) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':')
            return std::nullopt;
        host = text.sliced(1, close - 1);
        port = text.sliced(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return std::nullopt;
        host = text.first(colon);
        port = text.sliced(colon + 1);
    }

    const std::optional<quint16> portNumber = parsePort(port);
    if (!portNumber)
        return std::nullopt;

    QHostAddress address;
    if (host.isEmpty() || !address.setAddress(host.toString()))
        return std::nullopt;
    if (bracketed) {
        if (address.protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
        // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; one peer should have one name.
        if (isMappedIPv4(address.toIPv6Address()))
            address = QHostAddress(address.toIPv4Address());
    } else {
        // Only the dotted quad: Qt would also take "127.1", "0x7f.0.0.1" and "010.0.0.1".
        if (address.protocol() != QAbstractSocket::IPv4Protocol || address.toString() != host)
            return std::nullopt;
    }
    return Endpoint{address, *portNumber};
}

QHostAddress plainAddress(const QHostAddress& address) {
    bool isV4 = false;
    if (const quint32 v4 = address.toIPv4Address(&isV4);
        isV4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    return address;
}

QHostAddress sourceOf(const QHostAddress& address) {
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes);
}

} // namespace ringshare::net
