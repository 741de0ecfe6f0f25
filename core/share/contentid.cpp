// ContentId: parsing from bytes and hex, and its hex form.
#include "share/contentid.h"

#include <algorithm>

namespace ringshare::share {

std::optional<ContentId> ContentId::fromBytes(QByteArrayView bytes) {
    if (bytes.size() != kSize)
        return std::nullopt;
    Bytes out;
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return ContentId(out);
}

std::optional<ContentId> ContentId::fromHex(QStringView hex) {
    if (hex.size() != 2 * kSize)
        return std::nullopt;
    for (QChar c : hex) {
        const char16_t u = c.unicode();
        const bool digit = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
        if (!digit)
            return std::nullopt;
    }
    return fromBytes(QByteArray::fromHex(hex.toLatin1()));
}

QByteArray ContentId::toByteArray() const {
    return QByteArray(reinterpret_cast<const char*>(m_bytes.data()), kSize);
}

QString ContentId::toHex() const {
    return QString::fromLatin1(toByteArray().toHex());
}

} // namespace ringshare::share
