// LabMessage: the one message of the lab's hand-written discovery protocols.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <optional>

namespace ringshare::lab {

// The one message of the lab's hand-written discovery protocols (central directory, flooding, ring only).
// Peers name each other by index, which stands for an address on the simulated network.
struct LabMessage {
    enum class Type : quint8 { Register, Query, Answer, Hello, Peers, Connect };
    Type type = Type::Query;
    quint64 query = 0;  // which query this belongs to
    quint64 key = 0;    // the content asked for or registered
    qint32 origin = -1; // the peer that asked, which answers go to directly
    qint32 holder = -1; // in an answer: who has the content (-1: nobody known)
    qint32 ttl = 0;     // flooding: how many more hops the query may travel
    qint32 hops = 0;    // peers the query has reached, this one included
    QList<qint32> peers;
};

[[nodiscard]] QByteArray encode(const LabMessage& message);
[[nodiscard]] std::optional<LabMessage> decode(QByteArrayView bytes);

} // namespace ringshare::lab
