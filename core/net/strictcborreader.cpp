// StrictCborReader: definite lengths, ascending unsigned keys, no tags; the first failure is kept.
#include "net/strictcborreader.h"

#include <algorithm>

namespace ringshare::net {

bool StrictCborReader::fail(DecodeError error, const QString& detail) {
    m_error = error;
    m_detail = detail;
    return false;
}

QString StrictCborReader::where() const {
    return m_bodyType ? QStringLiteral("%1 body").arg(QLatin1String(m_bodyType)) : QStringLiteral("message");
}

bool StrictCborReader::malformed(const QString& problem) {
    return fail(DecodeError::Malformed, QStringLiteral("%1: %2").arg(where(), problem));
}

bool StrictCborReader::badField(const char* field, const QString& problem) {
    const QLatin1String owner(m_bodyType ? m_bodyType : "message");
    return fail(DecodeError::BadField, QStringLiteral("%1.%2: %3").arg(owner, QLatin1String(field), problem));
}

bool StrictCborReader::unknownField(quint64 key) {
    return fail(DecodeError::BadField, QStringLiteral("%1: unknown field %2").arg(where()).arg(key));
}

bool StrictCborReader::required(quint64 seenKeys, quint64 key, const char* field) {
    Q_ASSERT(key < 64);
    return (seenKeys >> key & 1) || badField(field, QStringLiteral("missing"));
}

bool StrictCborReader::streamOk() {
    const QCborError error = m_cbor.lastError();
    if (error == QCborError::NoError)
        return true;
    if (error == QCborError::EndOfFile)
        return fail(DecodeError::Truncated, QStringLiteral("%1: ends in the middle of an item").arg(where()));
    return malformed(
        QStringLiteral("not well-formed CBOR at byte %1: %2").arg(offset()).arg(error.toString()));
}

bool StrictCborReader::stepped(bool succeeded) {
    if (!streamOk())
        return false;
    return succeeded || malformed(QStringLiteral("unreadable item at byte %1").arg(offset()));
}

bool StrictCborReader::atItem() {
    if (!streamOk())
        return false;
    if (m_cbor.isTag())
        return malformed(QStringLiteral("tag at byte %1").arg(offset()));
    return true;
}

bool StrictCborReader::enterArray(const char* field, quint64 maxCount, quint64& count) {
    if (!atItem())
        return false;
    if (!m_cbor.isArray())
        return badField(field, QStringLiteral("not an array"));
    if (!m_cbor.isLengthKnown())
        return malformed(QStringLiteral("%1 is an indefinite-length array").arg(QLatin1String(field)));
    count = m_cbor.length();
    if (count > maxCount)
        return badField(field, QStringLiteral("%1 items, at most %2 allowed").arg(count).arg(maxCount));
    return stepped(m_cbor.enterContainer());
}

bool StrictCborReader::leaveArray() {
    return stepped(m_cbor.leaveContainer());
}

bool StrictCborReader::readUnsigned(const char* field, quint64 max, quint64& out) {
    if (!atItem())
        return false;
    if (!m_cbor.isUnsignedInteger())
        return badField(field, QStringLiteral("not an unsigned integer"));
    out = m_cbor.toUnsignedInteger();
    if (out > max)
        return badField(field, QStringLiteral("%1 is out of range").arg(out));
    return stepped(m_cbor.next());
}

bool StrictCborReader::readBool(const char* field, bool& out) {
    if (!atItem())
        return false;
    if (!m_cbor.isBool())
        return badField(field, QStringLiteral("not a boolean"));
    out = m_cbor.toBool();
    return stepped(m_cbor.next());
}

bool StrictCborReader::atByteString(const char* field, quint64& length) {
    if (!atItem())
        return false;
    if (!m_cbor.isByteArray())
        return badField(field, QStringLiteral("not a byte string"));
    if (!m_cbor.isLengthKnown())
        return malformed(QStringLiteral("%1 is an indefinite-length byte string").arg(QLatin1String(field)));
    length = m_cbor.length();
    return true;
}

bool StrictCborReader::readByteContent(quint64 length, QByteArray& out) {
    out.clear();
    out.reserve(qsizetype(length));
    auto chunk = m_cbor.readByteArray();
    while (chunk.status == QCborStreamReader::Ok) {
        out += chunk.data;
        chunk = m_cbor.readByteArray();
    }
    return stepped(chunk.status == QCborStreamReader::EndOfString);
}

bool StrictCborReader::readBytes(const char* field, qsizetype minSize, qsizetype maxSize, QByteArray& out) {
    quint64 length = 0;
    if (!atByteString(field, length))
        return false;
    if (length < quint64(minSize) || length > quint64(maxSize)) {
        const QString expected = minSize == maxSize ? QString::number(minSize)
                                                    : QStringLiteral("%1 to %2").arg(minSize).arg(maxSize);
        return badField(field, QStringLiteral("%1 bytes, expected %2").arg(length).arg(expected));
    }
    return readByteContent(length, out);
}

bool StrictCborReader::readBytesOfSize(const char* field, std::initializer_list<qsizetype> sizes,
                                       QByteArray& out) {
    quint64 length = 0;
    if (!atByteString(field, length))
        return false;
    if (std::none_of(sizes.begin(), sizes.end(), [&](qsizetype size) { return quint64(size) == length; })) {
        QStringList expected;
        for (const qsizetype size : sizes)
            expected << QString::number(size);
        return badField(
            field,
            QStringLiteral("%1 bytes, expected %2").arg(length).arg(expected.join(QStringLiteral(" or "))));
    }
    return readByteContent(length, out);
}

bool StrictCborReader::peekUnsigned(const char* field, quint64& out) {
    if (!atItem())
        return false;
    if (!m_cbor.isUnsignedInteger())
        return malformed(QStringLiteral("%1 is not an unsigned integer").arg(QLatin1String(field)));
    out = m_cbor.toUnsignedInteger();
    return true;
}

bool StrictCborReader::skip() {
    return stepped(m_cbor.next());
}

} // namespace ringshare::net
