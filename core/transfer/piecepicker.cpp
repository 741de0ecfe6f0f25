// The piece picker's counting and choosing; see piecepicker.h.
#include "transfer/piecepicker.h"

#include <limits>

namespace ringshare::transfer {

PiecePicker::PiecePicker(int chunkCount)
    : m_have(chunkCount), m_pending(chunkCount), m_availability(size_t(chunkCount), 0),
      m_inFlight(size_t(chunkCount), 0) {}

void PiecePicker::addPeer(const QBitArray& has) {
    for (int i = 0; i < chunkCount() && i < has.size(); ++i)
        if (has.testBit(i))
            ++m_availability[size_t(i)];
}

void PiecePicker::removePeer(const QBitArray& has) {
    for (int i = 0; i < chunkCount() && i < has.size(); ++i)
        if (has.testBit(i) && m_availability[size_t(i)] > 0)
            --m_availability[size_t(i)];
}

void PiecePicker::peerHas(int index) {
    if (index >= 0 && index < chunkCount())
        ++m_availability[size_t(index)];
}

void PiecePicker::peerLacks(int index) {
    if (index >= 0 && index < chunkCount() && m_availability[size_t(index)] > 0)
        --m_availability[size_t(index)];
}

void PiecePicker::setHave(int index) {
    if (index < 0 || index >= chunkCount() || m_have.testBit(index))
        return;
    m_have.setBit(index);
    ++m_haveCount;
}

void PiecePicker::released(int index) {
    if (index >= 0 && index < chunkCount() && m_inFlight[size_t(index)] > 0)
        --m_inFlight[size_t(index)];
}

int PiecePicker::pick(const QBitArray& peerHas, const QList<int>& askedOfPeer, Random& random) const {
    const int count = chunkCount();
    if (count == 0 || isComplete())
        return -1;
    // Scan from a random place so that equally rare chunks are chosen evenly.
    const int start = int(random.bounded(quint64(count)));
    int best = -1;
    int bestAvailability = std::numeric_limits<int>::max();
    bool anyUnrequested = false;
    for (int step = 0; step < count; ++step) {
        const int i = (start + step) % count;
        if (m_have.testBit(i) || m_pending.testBit(i) || m_inFlight[size_t(i)] > 0)
            continue;
        anyUnrequested = true;
        if (i >= peerHas.size() || !peerHas.testBit(i))
            continue;
        if (m_availability[size_t(i)] < bestAvailability) {
            best = i;
            bestAvailability = m_availability[size_t(i)];
        }
    }
    if (best >= 0 || anyUnrequested)
        return best;
    // Endgame: everything missing is on its way; ask this peer for the chunk fetched by the fewest.
    int fewest = kMaxEndgameDuplicates;
    for (int step = 0; step < count; ++step) {
        const int i = (start + step) % count;
        if (m_have.testBit(i) || m_pending.testBit(i) || i >= peerHas.size() || !peerHas.testBit(i) ||
            askedOfPeer.contains(i))
            continue;
        if (m_inFlight[size_t(i)] < fewest) {
            best = i;
            fewest = m_inFlight[size_t(i)];
        }
    }
    return best;
}

} // namespace ringshare::transfer
