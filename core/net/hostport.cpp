// HostPort: strict parsing of "host:port" (a literal address through Endpoint::parse, or a DNS name) and
// its one printed form.
#include "net/hostport.h"

#include <QCoreApplication>
#include <QUrl>
#include <algorithm>

namespace ringshare::net {

namespace {

constexpr qsizetype kMaxNameLength = 253;
constexpr qsizetype kMaxLabelLength = 63;
constexpr qsizetype kMaxPortDigits = 5;

QString reason(const char* text) {
    return QCoreApplication::translate("ringshare::net::HostPort", text);
}

bool isAsciiDigit(QChar c) {
    return c >= u'0' && c <= u'9';
}

bool isPort(QStringView text, quint16* port) {
    if (text.isEmpty() || text.size() > kMaxPortDigits ||
        !std::all_of(text.begin(), text.end(), isAsciiDigit))
        return false;
    const uint value = text.toUInt();
    if (value == 0 || value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

bool isLabelCharacter(QChar c) {
    return (c >= u'a' && c <= u'z') || isAsciiDigit(c) || c == u'-';
}

// RFC 1123 host names (ASCII, lower case by now); the caller has refused an all-digit last label.
bool isHostName(QStringView name) {
    if (name.isEmpty() || name.size() > kMaxNameLength)
        return false;
    for (const QStringView label : name.split(u'.')) {
        if (label.isEmpty() || label.size() > kMaxLabelLength || label.startsWith(u'-') ||
            label.endsWith(u'-') || !std::all_of(label.begin(), label.end(), isLabelCharacter))
            return false;
    }
    return true;
}

} // namespace

HostPort::HostPort(const Endpoint& endpoint) : m_literal(endpoint), m_port(endpoint.port) {}

std::optional<Endpoint> HostPort::endpoint() const {
    if (isName())
        return std::nullopt;
    return m_literal;
}

QString HostPort::host() const {
    return isName() ? m_name : m_literal.address.toString();
}

QString HostPort::toString() const {
    return isName() ? QStringLiteral("%1:%2").arg(m_name).arg(m_port) : m_literal.toString();
}

Result<HostPort> HostPort::parse(QStringView text) {
    if (text.isEmpty())
        return Error{reason(QT_TRANSLATE_NOOP("ringshare::net::HostPort", "it is empty"))};
    if (text.size() > kMaxTextLength)
        return Error{
            QCoreApplication::translate("ringshare::net::HostPort", "it is longer than %1 characters")
                .arg(kMaxTextLength)};
    if (std::any_of(text.begin(), text.end(), [](QChar c) {
            return c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
        }))
        return Error{reason(
            QT_TRANSLATE_NOOP("ringshare::net::HostPort", "it contains a blank or a control character"))};
    // Literal addresses exactly as before names were accepted.
    if (const std::optional<Endpoint> literal = Endpoint::parse(text))
        return HostPort(*literal);

    if (text.contains(QLatin1String("://")))
        return Error{reason(QT_TRANSLATE_NOOP("ringshare::net::HostPort",
                                              "write HOST:PORT alone, without a scheme like udp://"))};
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        quint16 port = 0;
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':' ||
            !isPort(text.sliced(close + 2), &port))
            return Error{reason(QT_TRANSLATE_NOOP("ringshare::net::HostPort",
                                                  "an IPv6 address is written [ADDRESS]:PORT, like "
                                                  "[2001:db8::1]:4000"))};
        return Error{reason(
            QT_TRANSLATE_NOOP("ringshare::net::HostPort", "the part in brackets is not an IPv6 address"))};
    }
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return Error{reason(QT_TRANSLATE_NOOP(
            "ringshare::net::HostPort", "it has no port (write HOST:PORT, like seed.example.org:4000)"))};
    const QStringView host = text.first(colon);
    HostPort result;
    if (!isPort(text.sliced(colon + 1), &result.m_port))
        return Error{reason(
            QT_TRANSLATE_NOOP("ringshare::net::HostPort", "the port is not a number from 1 to 65535"))};
    if (host.isEmpty())
        return Error{
            reason(QT_TRANSLATE_NOOP("ringshare::net::HostPort", "there is no host before the port"))};
    if (host.contains(u':'))
        return Error{reason(QT_TRANSLATE_NOOP("ringshare::net::HostPort",
                                              "an IPv6 address goes in brackets, like [2001:db8::1]:4000"))};

    QString name = host.toString().toLower();
    if (std::any_of(name.begin(), name.end(), [](QChar c) { return c.unicode() > 0x7f; }))
        name = QString::fromLatin1(QUrl::toAce(name, QUrl::AceTransitionalProcessing)); // empty if not a name
    // "127.1", "010.0.0.1" and "300.1.1.1" are not names, and a resolver would read some as addresses.
    const QStringView last = QStringView(name).sliced(name.lastIndexOf(u'.') + 1);
    if (!last.isEmpty() && std::all_of(last.begin(), last.end(), isAsciiDigit))
        return Error{reason(QT_TRANSLATE_NOOP("ringshare::net::HostPort", "it is not an IPv4 address"))};
    if (!isHostName(name))
        return Error{reason(QT_TRANSLATE_NOOP("ringshare::net::HostPort",
                                              "a host name has only letters, digits, hyphens and dots, in "
                                              "parts of at most 63 characters"))};
    result.m_name = std::move(name);
    return result;
}

} // namespace ringshare::net
