// IterativeLookup: candidate ordering, the owner check and the fall-backs on timeouts and stale answers.
#include "dht/lookup.h"

#include "base/logging.h"
#include "dht/ring.h"

namespace ringshare::dht {

IterativeLookup::IterativeLookup(net::Rpc& rpc, const NodeId& target, std::optional<NodeId> self,
                                 const QList<NodeRef>& initial, int maxQueries, Done done)
    : m_rpc(rpc), m_target(target), m_self(self), m_queriesLeft(maxQueries), m_done(std::move(done)) {
    for (const NodeRef& node : initial)
        addCandidate(node);
}

void IterativeLookup::start() {
    queryNext();
}

void IterativeLookup::startAtOwner(const NodeRef& owner, const QList<NodeRef>& fallbacks) {
    verifyOwner(owner, fallbacks, kMaxVerifications);
}

void IterativeLookup::verifyOwner(const NodeRef& candidate, const QList<NodeRef>& fallbacks, int budget) {
    if (m_self && candidate.id == *m_self && m_joining) {
        if (fallbacks.isEmpty() || budget <= 0) {
            queryNext();
            return;
        }
        verifyOwner(fallbacks.first(), fallbacks.mid(1), budget - 1);
        return;
    }
    if (m_self && candidate.id == *m_self) {
        m_result.found = true;
        m_result.owner = candidate;
        m_result.replicas = QList<NodeRef>{candidate} + fallbacks;
        finish();
        return;
    }
    ++m_result.verifications;
    m_rpc.request(candidate.endpoint, net::GetNeighbors{},
                  [this, candidate, fallbacks, budget](const net::Message* reply) {
                      const auto* neighbors = reply ? std::get_if<net::Neighbors>(&reply->body) : nullptr;
                      if (!neighbors || reply->sender != candidate.id) {
                          // Gone: the next successor in line has taken over its keys.
                          ++m_result.timeouts;
                          if (fallbacks.isEmpty() || budget <= 0) {
                              // Nobody named as the owner answers. A liar can name owners that do not
                              // exist, so this is no reason to give up while other candidates are left:
                              // they are asked next (with none left, the lookup ends unfound).
                              queryNext();
                              return;
                          }
                          verifyOwner(fallbacks.first(), fallbacks.mid(1), budget - 1);
                          return;
                      }
                      // A predecessor at or after the key has joined since the last hop's view: it is the
                      // owner.
                      // (A node owns its own ID, whoever precedes it.)
                      const std::optional<NodeRef>& before = neighbors->predecessor;
                      const bool staleSelf = m_joining && before && m_self && before->id == *m_self;
                      if (before && !staleSelf && budget > 0 && candidate.id != m_target &&
                          (before->id == m_target || inOpenInterval(before->id, m_target, candidate.id))) {
                          verifyOwner(*before, QList<NodeRef>{candidate} + fallbacks, budget - 1);
                          return;
                      }
                      m_result.found = true;
                      m_result.owner = candidate;
                      m_result.replicas = QList<NodeRef>{candidate} + neighbors->successors;
                      finish();
                  });
}

void IterativeLookup::addCandidate(const NodeRef& node) {
    if ((m_self && node.id == *m_self) || m_seen.contains(node.id) || !node.endpoint.isValid())
        return;
    m_seen.insert(node.id);
    m_candidates.emplace(clockwiseDistance(node.id, m_target), node);
}

void IterativeLookup::queryNext() {
    if (m_candidates.empty() || m_queriesLeft <= 0) {
        finish();
        return;
    }
    const NodeRef next = m_candidates.begin()->second;
    m_candidates.erase(m_candidates.begin());
    --m_queriesLeft;
    m_rpc.request(next.endpoint, net::FindNode{m_target},
                  [this, next](const net::Message* reply) { onAnswer(next, reply); });
}

void IterativeLookup::onAnswer(const NodeRef& asked, const net::Message* reply) {
    if (!reply) {
        ++m_result.timeouts;
        queryNext();
        return;
    }
    const auto* answer = std::get_if<net::FindNodeReply>(&reply->body);
    if (!answer || answer->nodes.isEmpty()) {
        ++m_result.discarded;
        queryNext();
        return;
    }
    if (answer->ownerFound) {
        const NodeRef& owner = answer->nodes.first();
        // The owner is the first node at or after the key: either the node asked (it owns the key itself)
        // or a node such that the key lies in (asked, owner].
        const bool plausible = owner.id == asked.id || inHalfOpenInterval(m_target, asked.id, owner.id);
        if (!plausible) {
            ++m_result.discarded;
            qCDebug(lcDht) << "discarded an owner claim from" << asked.id.shortHex();
            queryNext();
            return;
        }
        m_result.path.append(asked);
        if (owner.id == asked.id) {
            // The node that just answered named itself: it is alive and knows its own range. It is reached
            // where we reached it, whatever address it believes it has (a wildcard bind, a NAT).
            m_result.found = true;
            m_result.owner = asked;
            m_result.replicas = answer->nodes;
            m_result.replicas.first() = asked;
            finish();
            return;
        }
        if (m_joining && m_self && owner.id == *m_self && answer->nodes.size() == 1) {
            // Our own stale entry, and the node asked knows no other successor: a ring of two as it sees
            // it, so past that entry the ring comes back round to the node asked.
            m_result.found = true;
            m_result.owner = asked;
            m_result.replicas = {asked};
            finish();
            return;
        }
        verifyOwner(owner, answer->nodes.mid(1), kMaxVerifications);
        return;
    }
    // Every node offered must lie strictly between the one asked and the key, or the answer is a lie or
    // a mistake and is thrown away whole.
    for (const NodeRef& node : answer->nodes) {
        if (!inOpenInterval(node.id, asked.id, m_target)) {
            ++m_result.discarded;
            qCDebug(lcDht) << "discarded a lookup answer from" << asked.id.shortHex() << "that moves away";
            queryNext();
            return;
        }
    }
    m_result.path.append(asked);
    for (const NodeRef& node : answer->nodes)
        addCandidate(node);
    queryNext();
}

void IterativeLookup::finish() {
    Done done = std::move(m_done);
    if (done)
        done(m_result); // may destroy this object: nothing after
}

} // namespace ringshare::dht
