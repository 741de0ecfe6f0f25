// The draws every Random offers on top of next64(): bounded (rejection sampling, no modulo bias), uniform,
// bytes.
#include "base/random.h"

#include <cstring>

namespace ringshare {

quint64 Random::bounded(quint64 bound) {
    Q_ASSERT(bound > 0);
    // Rejection sampling removes the bias of a plain modulo.
    const quint64 limit = ~quint64(0) - (~quint64(0) % bound);
    quint64 value;
    do {
        value = next64();
    } while (value >= limit);
    return value % bound;
}

double Random::uniform() {
    return double(next64() >> 11) * 0x1.0p-53;
}

QByteArray Random::bytes(int count) {
    QByteArray out(count, Qt::Uninitialized);
    for (int i = 0; i < count; i += 8) {
        const quint64 value = next64();
        std::memcpy(out.data() + i, &value, size_t(qMin(8, count - i)));
    }
    return out;
}

} // namespace ringshare
