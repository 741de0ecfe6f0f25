// StrictCborReader: the one CBOR subset the wire format allows, read with every bound checked.
#pragma once

#include "net/codec.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCborStreamReader>
#include <QString>
#include <optional>

namespace ringshare::net {

// Reads CBOR the way the wire format allows it and nothing more: definite lengths only, no tags, map keys
// unsigned and strictly ascending, every length checked against its bound before a byte is copied. It knows
// no message; the codec says what to read. Each read returns false after recording the first failure as a
// DecodeError and a detail for logs ("FindNode.target: 19 bytes, expected 20").
class StrictCborReader final {
public:
    // Copies `data`; the caller has already bounded its size.
    explicit StrictCborReader(QByteArrayView data) : m_cbor(data.data(), data.size()) {}

    // Names what is being read in the details: the message envelope by default, or a body type ("FindNode").
    void setBodyScope(const char* bodyType) { m_bodyType = bodyType; }

    [[nodiscard]] DecodeError error() const { return m_error; }
    [[nodiscard]] const QString& detail() const { return m_detail; }
    [[nodiscard]] qint64 offset() const { return m_cbor.currentOffset(); }

    bool fail(DecodeError error, const QString& detail);
    bool malformed(const QString& problem);
    bool badField(const char* field, const QString& problem);
    bool unknownField(quint64 key);
    // Whether `key` was among the map's keys (see readMap), failing with BadField when it was not.
    bool required(quint64 seenKeys, quint64 key, const char* field);

    // Reads a map, handing each value to readField(key) with the reader positioned on it; readField reads
    // exactly that value or fails. Keys below 64 that were read are set as bits in `seenKeys`. `notAMap`
    // is the error when the item is something else.
    template <typename ReadField>
    bool readMap(DecodeError notAMap, quint64& seenKeys, ReadField&& readField);

    // Enters a definite-length array of at most `maxCount` items; leaveArray() after reading all of them.
    bool enterArray(const char* field, quint64 maxCount, quint64& count);
    bool leaveArray();

    bool readUnsigned(const char* field, quint64 max, quint64& out);
    bool readBool(const char* field, bool& out);
    bool readBytes(const char* field, qsizetype minSize, qsizetype maxSize, QByteArray& out);
    // A byte string whose length is one of `sizes`.
    bool readBytesOfSize(const char* field, std::initializer_list<qsizetype> sizes, QByteArray& out);
    // NodeId, PublicKey or Signature from exactly `size` bytes.
    template <typename T>
    bool readFixed(const char* field, qsizetype size, T& out);

    // The unsigned integer at the reader, left unread so that its value can be judged before anything after
    // it is parsed; anything else is Malformed. skip() then steps past it.
    bool peekUnsigned(const char* field, quint64& out);
    bool skip();

private:
    // The CBOR reader's own verdict on the bytes so far.
    bool streamOk();
    // For the reader's steps that return bool (next, enterContainer, leaveContainer).
    bool stepped(bool succeeded);
    // Positioned at an untagged data item.
    bool atItem();
    bool atByteString(const char* field, quint64& length);
    bool readByteContent(quint64 length, QByteArray& out);
    QString where() const;

    QCborStreamReader m_cbor;
    const char* m_bodyType = nullptr;
    DecodeError m_error = DecodeError::None;
    QString m_detail;
};

template <typename ReadField>
bool StrictCborReader::readMap(DecodeError notAMap, quint64& seenKeys, ReadField&& readField) {
    if (!atItem())
        return false;
    if (!m_cbor.isMap())
        return fail(notAMap, QStringLiteral("%1: not a map").arg(where()));
    if (!m_cbor.isLengthKnown())
        return malformed(QStringLiteral("indefinite-length map"));
    if (!stepped(m_cbor.enterContainer()))
        return false;
    std::optional<quint64> previous;
    while (m_cbor.hasNext()) {
        if (!atItem())
            return false;
        if (!m_cbor.isUnsignedInteger())
            return malformed(QStringLiteral("a key that is not an unsigned integer"));
        const quint64 key = m_cbor.toUnsignedInteger();
        if (previous && key <= *previous)
            return malformed(QStringLiteral("key %1 after key %2, keys must ascend").arg(key).arg(*previous));
        previous = key;
        if (!stepped(m_cbor.next()) || !readField(key))
            return false;
        if (key < 64)
            seenKeys |= quint64(1) << key;
    }
    return stepped(m_cbor.leaveContainer());
}

template <typename T>
bool StrictCborReader::readFixed(const char* field, qsizetype size, T& out) {
    QByteArray bytes;
    if (!readBytes(field, size, size, bytes))
        return false;
    out = *T::fromBytes(bytes);
    return true;
}

} // namespace ringshare::net
