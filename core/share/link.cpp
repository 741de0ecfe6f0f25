// Link: writing and leniently parsing `ringshare:?xt=...&dn=...&xl=...&x.pe=...` links.
#include "share/link.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringDecoder>
#include <QStringTokenizer>
#include <algorithm>
#include <utility>

namespace ringshare::share {

namespace {

const QLatin1String kScheme("ringshare:");
const QLatin1String kContentIdKey("xt");
const QLatin1String kNameKey("dn");
const QLatin1String kSizeKey("xl");
const QLatin1String kContactKey("x.pe");

enum class Parameter { ContentId, Name, Size, Contact, Unknown };

Parameter parameterNamed(QStringView key) {
    if (key.compare(kContentIdKey, Qt::CaseInsensitive) == 0)
        return Parameter::ContentId;
    if (key.compare(kNameKey, Qt::CaseInsensitive) == 0)
        return Parameter::Name;
    if (key.compare(kSizeKey, Qt::CaseInsensitive) == 0)
        return Parameter::Size;
    if (key.compare(kContactKey, Qt::CaseInsensitive) == 0)
        return Parameter::Contact;
    return Parameter::Unknown;
}

bool isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int hexValue(QChar c) {
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

bool isControl(char16_t u) {
    return u < 0x20 || (u >= 0x7f && u <= 0x9f);
}

// Error messages quote what they complain about. A hostile link must not make them huge, nor reorder the
// text around them with invisible bidi controls.
QString quoted(QStringView text) {
    constexpr qsizetype kMaxQuoted = 40;
    QString shown = text.left(kMaxQuoted).toString();
    if (shown.size() < text.size() && shown.back().isHighSurrogate())
        shown.chop(1); // not half a character
    for (QChar& c : shown) {
        if (c.category() == QChar::Other_Format)
            c = QChar::ReplacementCharacter;
    }
    if (text.size() > kMaxQuoted)
        shown += QStringLiteral("…");
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

QString encodeName(const QString& name) {
    static const char kHex[] = "0123456789ABCDEF";
    const QByteArray utf8 = name.toUtf8();
    QString out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        if (isUnreserved(c)) {
            out.append(QLatin1Char(c));
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append(QLatin1Char('%'));
            out.append(QLatin1Char(kHex[byte >> 4]));
            out.append(QLatin1Char(kHex[byte & 0xf]));
        }
    }
    return out;
}

// Characters other than %XX stand for themselves (as UTF-8), so a link whose name a chat program showed
// decoded still works; `+` is a plus, not a space, since this is not a form submission.
Result<QString> decodeName(QStringView value) {
    QByteArray bytes;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == u'%') {
            const int high = i + 1 < value.size() ? hexValue(value[i + 1]) : -1;
            const int low = i + 2 < value.size() ? hexValue(value[i + 2]) : -1;
            if (high < 0 || low < 0)
                return Error{QCoreApplication::translate("ringshare::share::Link",
                                                         "the name (dn=) has a broken percent escape: %1")
                                 .arg(quoted(value.mid(i, 3)))};
            bytes.append(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c.isHighSurrogate() && i + 1 < value.size() && value[i + 1].isLowSurrogate()) {
            bytes.append(value.mid(i, 2).toUtf8());
            ++i;
        } else {
            bytes.append(QStringView(&c, 1).toUtf8()); // lone surrogates were refused before
        }
        if (bytes.size() > Link::kMaxNameBytes)
            return Error{QCoreApplication::translate("ringshare::share::Link",
                                                     "the name (dn=) is too long: at most %1 bytes of UTF-8")
                             .arg(Link::kMaxNameBytes)};
    }
    // ConvertInitialBom: a leading U+FEFF is part of the name, not a marker to drop silently.
    QStringDecoder decoder(QStringConverter::Utf8,
                           QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom);
    QString name = decoder.decode(bytes);
    if (decoder.hasError())
        return Error{
            QCoreApplication::translate("ringshare::share::Link", "the name (dn=) is not valid UTF-8 text")};
    return name;
}

Result<qint64> parseSize(QStringView value) {
    if (value.isEmpty())
        return Error{QCoreApplication::translate("ringshare::share::Link", "xl is not a size: it is empty")};
    qint64 size = 0;
    for (const QChar c : value) {
        if (c < u'0' || c > u'9')
            return Error{QCoreApplication::translate("ringshare::share::Link",
                                                     "xl is not a size: %1 is not a whole number of bytes")
                             .arg(quoted(value))};
        size = size * 10 + (c.unicode() - u'0');
        if (size > Link::kMaxSize)
            return Error{QCoreApplication::translate("ringshare::share::Link",
                                                     "xl is not a size: %1 is more than %2 bytes")
                             .arg(quoted(value), QString::number(Link::kMaxSize))};
    }
    return size;
}

Result<ContentId> parseContentId(QStringView value) {
    const std::optional<ContentId> id = ContentId::fromHex(value);
    if (!id)
        return Error{QCoreApplication::translate("ringshare::share::Link",
                                                 "xt is not a content id: %1 is not 64 hex digits")
                         .arg(quoted(value))};
    if (id->isNull())
        return Error{QCoreApplication::translate("ringshare::share::Link",
                                                 "xt is not a content id: all zeros names no content")};
    return *id;
}

// A contact is ASCII: escapes (a mail program may write %5B for "[") decode to ASCII bytes only, and the
// result is checked as strictly as a bootstrap node typed into the settings.
Result<net::HostPort> parseContact(QStringView value) {
    if (value.size() > 3 * net::HostPort::kMaxTextLength)
        return Error{QCoreApplication::translate("ringshare::share::Link", "a contact (x.pe=) is too long")};
    QString text;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == u'%') {
            const int high = i + 1 < value.size() ? hexValue(value[i + 1]) : -1;
            const int low = i + 2 < value.size() ? hexValue(value[i + 2]) : -1;
            if (high < 0 || low < 0 || high > 7)
                return Error{QCoreApplication::translate("ringshare::share::Link",
                                                         "a contact (x.pe=) has a broken percent escape: %1")
                                 .arg(quoted(value.mid(i, 3)))};
            text.append(QChar(high * 16 + low));
            i += 2;
        } else {
            text.append(value[i]);
        }
    }
    Result<net::HostPort> contact = net::HostPort::parse(text);
    if (!contact)
        return Error{QCoreApplication::translate("ringshare::share::Link",
                                                 "the contact (x.pe=) %1 is not HOST:PORT: %2")
                         .arg(quoted(text), contact.error())};
    return contact;
}

Error duplicate(QLatin1String key) {
    return Error{
        QCoreApplication::translate("ringshare::share::Link", "the link has more than one %1=").arg(key)};
}

} // namespace

QString Link::toString() const {
    QString out = QString(kScheme) + QLatin1String("?xt=") + id.toHex();
    if (!name.isEmpty())
        out += QLatin1String("&dn=") + encodeName(name);
    if (size >= 0)
        out += QLatin1String("&xl=") + QString::number(size);
    for (const net::HostPort& contact : contacts.first(std::min(contacts.size(), kMaxContacts)))
        // A scoped IPv6 address ("fe80::1%eth0") is the only contact with a character to escape.
        out += QLatin1String("&x.pe=") + contact.toString().replace(u'%', QLatin1String("%25"));
    return out;
}

Result<Link> Link::parse(QStringView text) {
    text = text.trimmed();
    if (text.isEmpty())
        return Error{QCoreApplication::translate("ringshare::share::Link", "the link is empty")};
    if (text.size() > kMaxLength)
        return Error{QCoreApplication::translate("ringshare::share::Link",
                                                 "the link is too long: %1 characters, at most %2")
                         .arg(text.size())
                         .arg(kMaxLength)};
    if (!text.startsWith(kScheme, Qt::CaseInsensitive))
        return Error{QCoreApplication::translate(
            "ringshare::share::Link", "this is not a Ringshare link: it must start with ringshare:?")};
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (isControl(c.unicode()))
            return Error{QCoreApplication::translate(
                "ringshare::share::Link", "the link contains a control character (line break, tab, …)")};
        if (c.isSurrogate()) {
            const bool paired = c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
            if (!paired)
                return Error{QCoreApplication::translate(
                    "ringshare::share::Link", "the link contains broken text (a lone UTF-16 surrogate)")};
            ++i;
        }
    }
    QStringView query = text.mid(kScheme.size());
    if (!query.startsWith(u'?'))
        return Error{QCoreApplication::translate(
            "ringshare::share::Link", "the link has no parameters: ringshare: must be followed by ?")};
    query = query.mid(1);

    Link link;
    bool haveId = false, haveName = false, haveSize = false;
    for (const QStringView pair : QStringTokenizer(query, u'&')) {
        if (pair.isEmpty())
            continue; // "a&&b" or a trailing "&": harmless slips
        const qsizetype equals = pair.indexOf(u'=');
        const QStringView key = equals < 0 ? pair : pair.left(equals);
        const QStringView value = equals < 0 ? QStringView() : pair.mid(equals + 1);
        const Parameter parameter = parameterNamed(key);
        if (parameter == Parameter::Unknown)
            continue; // a later version's parameter
        if (equals < 0)
            return Error{
                QCoreApplication::translate("ringshare::share::Link", "%1 has no value (expected %1=…)")
                    .arg(key.toString().toLower())};
        switch (parameter) {
        case Parameter::ContentId: {
            if (std::exchange(haveId, true))
                return duplicate(kContentIdKey);
            const Result<ContentId> id = parseContentId(value);
            if (!id)
                return Error{id.error()};
            link.id = id.value();
            break;
        }
        case Parameter::Name: {
            if (std::exchange(haveName, true))
                return duplicate(kNameKey);
            Result<QString> name = decodeName(value);
            if (!name)
                return Error{name.error()};
            link.name = std::move(name).value();
            break;
        }
        case Parameter::Size: {
            if (std::exchange(haveSize, true))
                return duplicate(kSizeKey);
            const Result<qint64> size = parseSize(value);
            if (!size)
                return Error{size.error()};
            link.size = size.value();
            break;
        }
        case Parameter::Contact: {
            Result<net::HostPort> contact = parseContact(value);
            if (!contact)
                return Error{contact.error()};
            if (link.contacts.contains(contact.value()))
                break; // said twice: harmless
            if (link.contacts.size() >= kMaxContacts)
                return Error{QCoreApplication::translate("ringshare::share::Link",
                                                         "the link names more than %1 contacts (x.pe=)")
                                 .arg(kMaxContacts)};
            link.contacts.append(std::move(contact).value());
            break;
        }
        case Parameter::Unknown:
            break;
        }
    }
    if (!haveId)
        return Error{
            QCoreApplication::translate("ringshare::share::Link", "the link has no content id (xt=)")};
    return link;
}

} // namespace ringshare::share
