// Flooding: the lab's Gnutella-style discovery (queries flooded to neighbours until their TTL ends).
#pragma once

#include "lab/labnetwork.h"

#include <QHash>
#include <QList>

namespace ringshare::lab {

// Gnutella's design: each peer asks a bootstrap node for peers it knows, connects to a few of them, and
// floods a query to all its neighbours, which pass it on until its TTL runs out. A peer that has seen a
// query drops it when it comes again, unless this copy may travel further than the first one did (a copy
// that took a fast but long way would otherwise cut the flood short); a peer that has the content answers
// the asker directly.
class Flooding final : public LabNetwork {
public:
    Flooding(int peers, int ttl, quint64 seed);
    static constexpr int kBootstrapNodes = 3;
    static constexpr int kOffered = 8;     // peers a bootstrap node offers a newcomer
    static constexpr int kConnections = 3; // of which the newcomer connects to this many

    void setTtl(int ttl) { m_ttl = ttl; }
    [[nodiscard]] double meanDegree() const;

protected:
    void startQuery(int from, quint64 query, quint64 key) override;
    void receive(int at, int from, const LabMessage& message) override;
    void batchDone() override;

private:
    void forward(int at, int except, LabMessage message);

    int m_ttl;
    QList<QList<int>> m_neighbours;
    QList<QHash<quint64, int>> m_seen; // by peer: query -> the most TTL left that it came with
    QList<quint64> m_has;              // each peer's one item
    QList<QList<int>> m_known;         // what each bootstrap node has heard of
};

} // namespace ringshare::lab
