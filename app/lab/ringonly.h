// RingOnly: the lab's circular DHT without shortcuts (successor walks only).
#pragma once

#include "lab/labnetwork.h"

#include <QHash>
#include <QList>

namespace ringshare::lab {

// The circular DHT without shortcuts: peers sit on a ring of 64-bit IDs and each knows only its successor
// and predecessor. A key's record (who has the content) lives on the first peer at or after the key; a
// query walks clockwise from successor to successor until it reaches that peer, which answers the asker
// directly. The ring and the records are set up in place: only the queries are measured.
class RingOnly final : public LabNetwork {
public:
    RingOnly(int peers, quint64 seed);

protected:
    void startQuery(int from, quint64 query, quint64 key) override;
    void receive(int at, int from, const LabMessage& message) override;

private:
    [[nodiscard]] bool owns(int peer, quint64 key) const;
    void handle(int at, const LabMessage& message);

    QList<quint64> m_id; // by host
    QList<int> m_successor;
    QList<int> m_predecessor;
    QList<QHash<quint64, int>> m_records; // by host: key -> holder
};

} // namespace ringshare::lab
