// Which chunk to ask a peer for next: rarest first, ties at random, and the endgame.
#pragma once

#include "base/random.h"

#include <QBitArray>
#include <QList>
#include <vector>

namespace ringshare::transfer {

// Decides which chunk to ask a peer for next: the rarest chunk the peer has that we lack and nobody is
// fetching yet, ties broken at random so that downloaders spread over the file and can trade with each
// other. When every missing chunk is already on its way (the endgame), a chunk may be asked of a second
// peer too, so one slow peer cannot hold back the end of a download. It only counts; the manager acts.
class PiecePicker final {
public:
    static constexpr int kMaxEndgameDuplicates = 2;

    PiecePicker() = default;
    explicit PiecePicker(int chunkCount);

    [[nodiscard]] int chunkCount() const { return int(m_have.size()); }
    [[nodiscard]] const QBitArray& have() const { return m_have; }
    [[nodiscard]] int haveCount() const { return m_haveCount; }
    [[nodiscard]] bool isComplete() const { return m_haveCount == chunkCount(); }
    [[nodiscard]] int availability(int index) const { return m_availability[size_t(index)]; }
    [[nodiscard]] int inFlight(int index) const { return m_inFlight[size_t(index)]; }

    // Peers coming and going, and what they announce.
    void addPeer(const QBitArray& has);
    void removePeer(const QBitArray& has);
    void peerHas(int index);
    // A peer that said it will not serve a chunk after all.
    void peerLacks(int index);

    void setHave(int index);
    // A chunk requested from a peer, and the end of that request (arrived, rejected, cancelled, peer gone).
    void requested(int index) { ++m_inFlight[size_t(index)]; }
    void released(int index);
    // A chunk that arrived and is being checked: asked of nobody, not even in the endgame, until it is
    // either had or found bad.
    void setPending(int index, bool pending) { m_pending.setBit(index, pending); }

    // The next chunk to ask a peer that has `peerHas` and is already fetching `askedOfPeer`; -1 for none.
    [[nodiscard]] int pick(const QBitArray& peerHas, const QList<int>& askedOfPeer, Random& random) const;

private:
    QBitArray m_have;
    QBitArray m_pending;
    int m_haveCount = 0;
    std::vector<int> m_availability;
    std::vector<int> m_inFlight;
};

} // namespace ringshare::transfer
