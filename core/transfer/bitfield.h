// Chunk bitfields on the wire: a QBitArray packed most significant bit first, and back.
#pragma once

#include <QBitArray>
#include <QByteArray>

namespace ringshare::transfer {

// Which chunks a peer has, as it travels and as it is stored: one bit per chunk, the first chunk in the
// high bit of the first byte.
[[nodiscard]] inline QByteArray bitfieldBytes(const QBitArray& bits) {
    QByteArray out((bits.size() + 7) / 8, '\0');
    for (int i = 0; i < bits.size(); ++i)
        if (bits.testBit(i))
            out[i / 8] = char(out[i / 8] | (0x80 >> (i % 8)));
    return out;
}

// The first `count` bits of `bytes`; bits beyond the bytes given are clear, bytes beyond `count` ignored.
[[nodiscard]] inline QBitArray bitfieldBits(const QByteArray& bytes, int count) {
    QBitArray bits(count);
    for (int i = 0; i < count && i / 8 < bytes.size(); ++i)
        if (quint8(bytes[i / 8]) & (0x80 >> (i % 8)))
            bits.setBit(i);
    return bits;
}

} // namespace ringshare::transfer
