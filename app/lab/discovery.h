// Discovery: the interface each of the lab's content-discovery protocols implements.
#pragma once

#include "lab/queryoutcome.h"

#include <QList>
#include <QString>

namespace ringshare::lab {

// One way of finding which peer has a piece of content, run as a protocol on the simulated network.
// Hosts are numbered; each peer has one item of content, and a query asks for the item of another peer.
class Discovery {
public:
    virtual ~Discovery() = default;

    struct Query {
        int from = 0;
        int holder = 0; // the peer whose item is asked for
    };
    struct Batch {
        QList<QueryOutcome> outcomes;
        quint64 messages = 0;        // every message the queries caused
        quint64 busiestReceived = 0; // of those, the most any one host received
        int busiest = -1;
    };
    // Runs the queries side by side until all are answered or given up.
    [[nodiscard]] virtual Batch run(const QList<Query>& queries) = 0;

    // The peers: they have content and ask (a directory server, for one, is not among them).
    [[nodiscard]] virtual QList<int> peers() const = 0;
    // Gone at once, without a word.
    virtual void fail(int host) = 0;
    [[nodiscard]] virtual bool isUp(int host) const = 0;
};

} // namespace ringshare::lab
