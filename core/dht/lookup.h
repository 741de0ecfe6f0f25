// IterativeLookup: one lookup walked by the asker itself towards a key's owner, hop by hop, with the
// owner checked at the end; LookupResult is what it found.
#pragma once

#include "net/message.h"
#include "net/rpc.h"

#include <QList>
#include <QSet>
#include <functional>
#include <map>
#include <optional>

namespace ringshare::dht {

using net::NodeRef;

struct LookupResult {
    bool found = false;
    NodeRef owner;
    // The owner followed by its successors as the last hop knew them: where the key's replicas live.
    QList<NodeRef> replicas;
    // The nodes that answered, in the order asked. Its length is the lookup's hop count.
    QList<NodeRef> path;
    int timeouts = 0;
    int discarded = 0;     // answers thrown away because they did not move towards the key
    int verifications = 0; // owner checks after routing (not hops): is it alive, is it still the owner

    [[nodiscard]] int hops() const { return int(path.size()); }
};

// One iterative lookup: the asker itself walks towards the key, always asking the closest node it knows
// that precedes the key, so no other node has to carry the lookup on its behalf. Timeouts and answers
// that do not move towards the key make it fall back to the next-best candidate. The owner named at the
// end is then asked for its neighbours: if it is gone, the next successor in line is tried, and if a node
// has joined just before it and after the key, that node is the owner. Under churn this turns stale
// answers into right ones at the cost of one more round trip. When neither that owner nor anyone after it
// answers, the walk goes on with the candidates left, so a liar naming owners that do not exist costs
// timeouts, not the lookup.
class IterativeLookup final {
public:
    using Done = std::function<void(const LookupResult&)>;

    // `initial`: the asker's own candidates. `self`: the asker's ID when it is on the ring (never asked).
    IterativeLookup(net::Rpc& rpc, const NodeId& target, std::optional<NodeId> self,
                    const QList<NodeRef>& initial, int maxQueries, Done done);

    // The asker is not on the ring yet: an entry with its ID in another node's view is a stale one of its
    // own (from before a restart at another address). It is never the owner: the node after it is.
    void setJoining() { m_joining = true; }

    void start();
    // Skips routing: `owner` is believed to own the target (from the asker's own successor list) and
    // only needs checking, with `fallbacks` next in line if it is gone.
    void startAtOwner(const NodeRef& owner, const QList<NodeRef>& fallbacks);

private:
    static constexpr int kMaxVerifications = 8;
    void verifyOwner(const NodeRef& candidate, const QList<NodeRef>& fallbacks, int budget);
    void addCandidate(const NodeRef& node);
    void queryNext();
    void onAnswer(const NodeRef& asked, const net::Message* reply);
    void finish();

    net::Rpc& m_rpc;
    NodeId m_target;
    std::optional<NodeId> m_self;
    bool m_joining = false;
    int m_queriesLeft;
    Done m_done;
    // Clockwise distance to the target -> node: the first entry is the closest preceding candidate.
    std::map<NodeId, NodeRef> m_candidates;
    QSet<NodeId> m_seen;
    LookupResult m_result;
};

} // namespace ringshare::dht
