// ByteReader: bounds-checked reads of a fixed binary layout, for parsers of bytes from outside.
#pragma once

#include <QByteArrayView>
#include <QtEndian>

namespace ringshare {

// Reads a fixed binary layout front to back; every read checks what is left first and fails (returns
// false, reading nothing) rather than run past the end.
class ByteReader final {
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) {}

    [[nodiscard]] qsizetype left() const { return m_data.size() - m_offset; }

    [[nodiscard]] bool take(qsizetype count, QByteArrayView& out) {
        if (count < 0 || count > left())
            return false;
        out = m_data.sliced(m_offset, count);
        m_offset += count;
        return true;
    }

    template <typename T>
    [[nodiscard]] bool takeBigEndian(T& out) {
        QByteArrayView bytes;
        if (!take(qsizetype(sizeof(T)), bytes))
            return false;
        out = qFromBigEndian<T>(bytes.data());
        return true;
    }

private:
    QByteArrayView m_data;
    qsizetype m_offset = 0;
};

} // namespace ringshare
