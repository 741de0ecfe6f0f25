// ChordNode's ring maintenance: stabilize with rectify, predecessor checks and successor pings, finger
// repair, recovery and the merging of rings that formed apart. Apart from chordnode.cpp, which holds the
// node's life, its answers and its records, so that each file keeps to one job.
#include "base/logging.h"
#include "dht/chordnode.h"
#include "dht/ring.h"

#include <algorithm>

namespace ringshare::dht {

using net::Endpoint;
using net::Message;

void ChordNode::onNotify(const NodeRef& candidate) {
    if (candidate.id == m_id)
        return;
    const auto adoptIfStillBetter = [this, candidate](bool proven) {
        if (!proven || m_state != State::Joined)
            return;
        if (!m_predecessor || inOpenInterval(candidate.id, m_predecessor->id, m_id))
            setPredecessor(candidate);
    };
    if (!m_predecessor || inOpenInterval(candidate.id, m_predecessor->id, m_id)) {
        ensureProven(candidate, adoptIfStillBetter);
        return;
    }
    if (candidate.id == m_predecessor->id) {
        // The same node at another address (restarted on another port, or its address changed): once it
        // proves there that it holds the ID's key, our entries for it follow it.
        if (candidate.endpoint != m_predecessor->endpoint)
            ensureProven(candidate, [this, candidate](bool proven) {
                if (proven)
                    followMove(candidate);
            });
        return;
    }
    // Rectify: a candidate outside (predecessor, self) replaces the predecessor only if that one is dead.
    const NodeRef current = *m_predecessor;
    ping(current.endpoint, {}, [this, current, candidate](const Message* reply) {
        if (reply || !m_predecessor || m_predecessor->id != current.id)
            return;
        ensureProven(candidate, [this, current, candidate](bool proven) {
            if (proven && m_predecessor && m_predecessor->id == current.id)
                setPredecessor(candidate);
        });
    });
}

void ChordNode::followMove(const NodeRef& node) {
    if (m_predecessor && m_predecessor->id == node.id)
        setPredecessor(node);
    const QList<NodeRef> before = m_successors.entries();
    QList<NodeRef> moved = before;
    for (NodeRef& entry : moved)
        if (entry.id == node.id)
            entry.endpoint = node.endpoint;
    if (moved != before) {
        m_successors.rebuild(moved.first(), moved.mid(1));
        successorsChanged(before);
    }
    m_fingers.removeNode(node.id); // found again, at its new address, by the next finger fixes
}

void ChordNode::onLeave(const NodeRef& leaving, const net::Leave& message) {
    if (!isProven(leaving))
        return; // only a neighbour we know may say it is leaving
    m_fingers.removeNode(leaving.id);
    if (m_predecessor && m_predecessor->id == leaving.id) {
        const std::optional<NodeRef> next = message.predecessor;
        setPredecessor(std::nullopt);
        if (next && next->id != m_id)
            ensureProven(*next, [this, next](bool ok) {
                if (ok && !m_predecessor)
                    setPredecessor(next);
            });
    }
    if (m_successors.contains(leaving.id)) {
        const QList<NodeRef> before = m_successors.entries();
        m_successors.remove(leaving.id);
        // The leaver's own successors are ours now; those not proven yet join at the next round.
        const QList<NodeRef> handed = provenOnly(message.successors);
        if (!handed.isEmpty())
            m_successors.rebuild(handed.first(), handed.mid(1));
        successorsChanged(before);
        proveNewSuccessors(message.successors);
    }
}

Millis ChordNode::jittered(Millis interval) {
    const double factor = 1.0 + m_config.jitter * (2.0 * m_random.uniform() - 1.0);
    return Millis(std::max<qint64>(1, qint64(double(interval.count()) * factor)));
}

void ChordNode::schedule(Timer& timer, Millis interval) {
    timer.start(jittered(interval));
}

void ChordNode::startMaintenance() {
    // The first round of each task comes at a random point of its period, so nodes that start together
    // spread out at once.
    const auto firstRound = [this](Timer& timer, Millis interval) {
        timer.start(Millis(1 + qint64(m_random.bounded(quint64(std::max<qint64>(1, interval.count()))))));
    };
    firstRound(*m_stabilizeTimer, m_config.stabilizeInterval);
    if (m_config.useFingers)
        firstRound(*m_fingerTimer, m_config.fixFingersInterval);
    firstRound(*m_predecessorTimer, m_config.checkPredecessorInterval);
    firstRound(*m_replicateTimer, m_config.replicateInterval);
    firstRound(*m_expireTimer, m_config.expireInterval);
    // Once soon after joining, when the ring around the new node has settled: what was stored while it
    // was still forming may have reached a node that was about to stop owning it.
    m_publisher.scheduleRepublish(std::min(m_config.settleRepublishDelay, m_config.republishInterval));
}

void ChordNode::stopMaintenance() {
    for (Timer* timer :
         {m_stabilizeTimer.get(), m_fingerTimer.get(), m_predecessorTimer.get(), m_replicateTimer.get(),
          m_expireTimer.get(), m_rejoinTimer.get(), m_attachTimer.get()})
        timer->stop();
    m_publisher.stop();
    m_reachability.stop();
}

void ChordNode::stabilize() {
    if (m_state != State::Joined)
        return;
    if (!m_stabilizeTimer->isActive())
        schedule(*m_stabilizeTimer, m_config.stabilizeInterval);
    if (m_stabilizing)
        return;

    if (m_successors.isEmpty()) {
        // Alone, or every successor is gone. A predecessor that found us is our way back into a ring.
        if (m_predecessor) {
            const QList<NodeRef> before = m_successors.entries();
            m_successors.rebuild(*m_predecessor, {});
            successorsChanged(before);
        } else {
            recover();
            return;
        }
    }

    m_stabilizing = true;
    const NodeRef successor = m_successors.first();
    m_rpc.request(successor.endpoint, net::GetNeighbors{}, [this, successor](const Message* reply) {
        m_stabilizing = false;
        if (m_state != State::Joined)
            return;
        const auto* neighbors = reply ? std::get_if<net::Neighbors>(&reply->body) : nullptr;
        if (!neighbors || reply->sender != successor.id) {
            markDead(successor.id);
            stabilize(); // skip to the next successor at once
            return;
        }
        onNeighbors(successor, *neighbors);
    });
    pingNextSuccessor();
}

void ChordNode::onNeighbors(const NodeRef& successor, const net::Neighbors& neighbors) {
    if (m_successors.isEmpty() || m_successors.first().id != successor.id)
        return; // the list moved on while we waited
    const QList<NodeRef> before = m_successors.entries();
    QList<NodeRef> offered = provenOnly(neighbors.successors);
    if (offered.size() < m_config.successorListSize - 1) {
        // A short list (entries not proven yet, or a successor that lies) must not cost us the live
        // successors we already know: keep them, in ring order, until they fail a ping.
        for (const NodeRef& node : before) {
            if (node.id != successor.id && std::none_of(offered.begin(), offered.end(),
                                                        [&](const NodeRef& n) { return n.id == node.id; }))
                offered.append(node);
        }
        std::sort(offered.begin(), offered.end(), [this](const NodeRef& a, const NodeRef& b) {
            return clockwiseDistance(m_id, a.id) < clockwiseDistance(m_id, b.id);
        });
    }
    m_successors.rebuild(successor, offered);
    successorsChanged(before);
    proveNewSuccessors(neighbors.successors);

    const std::optional<NodeRef>& candidate = neighbors.predecessor;
    if (candidate && candidate->id != m_id && inOpenInterval(candidate->id, m_id, successor.id)) {
        const NodeRef closer = *candidate;
        ensureProven(closer, [this, closer, successor](bool proven) {
            if (proven && m_state == State::Joined && m_successors.adoptCloser(closer)) {
                successorsChanged({successor});
                notify(closer);
                // A node that joined while the ring was still forming may start far from its place; it
                // walks back at network speed instead of one step per period.
                if (++m_quickSteps <= kMaxQuickSteps)
                    stabilize();
            } else if (m_state == State::Joined && !m_successors.isEmpty()) {
                notify(m_successors.first());
            }
        });
        return;
    }
    notify(successor);
}

void ChordNode::crossCheckSuccessor() {
    // After a mass failure, nodes that lost every successor recover through whatever they still know and
    // the survivors can end up in several interleaved rings that stabilization alone never merges. So now
    // and then a node asks a shortcut outside its successor list who follows it: a ring that saw it
    // differently names a closer successor, and adopting it stitches the rings together.
    if (m_state != State::Joined || m_successors.isEmpty())
        return;
    // Fingers are rebuilt through our own ring, so the way out is a node remembered from before: any
    // peer that once proved itself and is not among our successors.
    if (m_proofs.size() <= m_successors.entries().size())
        return;
    const NodeRef peer = m_proofs.at(int(m_random.bounded(quint64(m_proofs.size()))));
    if (!m_successors.contains(peer.id))
        askForCloserSuccessor(peer);
}

void ChordNode::probeLostPeer() {
    // The shortcuts crossCheckSuccessor() uses are only those never found dead. When the network splits,
    // a small ring's nodes all sit in each other's successor lists, so each side finds every node of the
    // other dead and keeps no way across: once the split heals, only a lost peer that answers again leads
    // to the other ring.
    if (m_state != State::Joined || m_lost.isEmpty())
        return;
    const std::optional<LostPeers::Lost> lost = m_lost.takeOldest(m_clock.now());
    if (!lost)
        return;
    proveEndpoint(lost->node.endpoint, [this, lost = *lost](std::optional<NodeRef> contact) {
        if (m_state != State::Joined)
            return;
        if (!contact) {
            m_lost.stillGone(lost); // its turn comes again after the others'
            return;
        }
        if (contact->id != m_id)
            askForCloserSuccessor(*contact);
    });
}

void ChordNode::askForCloserSuccessor(const NodeRef& via) {
    // A closer successor than ours, as `via` sees the ring; any successor at all when we are alone.
    const auto isCloser = [this](const NodeId& id) {
        return id != m_id && (m_successors.isEmpty() || inOpenInterval(id, m_id, m_successors.first().id));
    };
    runLookup(m_id.plusPowerOfTwo(0), {via}, [this, isCloser](const LookupResult& result) {
        if (!result.found || m_state != State::Joined || !isCloser(result.owner.id))
            return;
        const NodeRef closer = result.owner;
        ensureProven(closer, [this, closer](bool proven) {
            if (!proven || m_state != State::Joined)
                return;
            const QList<NodeRef> before = m_successors.entries();
            if (m_successors.adoptCloser(closer)) {
                qCDebug(lcDht) << m_id.shortHex()
                               << "found a closer successor elsewhere:" << closer.id.shortHex();
                successorsChanged(before);
                notify(closer);
                stabilize();
            }
        });
    });
}

void ChordNode::addContact(const Endpoint& endpoint) {
    if (m_state != State::Joined)
        return;
    proveEndpoint(endpoint, [this](std::optional<NodeRef> contact) {
        if (contact && contact->id != m_id && m_state == State::Joined)
            askForCloserSuccessor(*contact);
    });
}

QList<NodeRef> ChordNode::knownPeers(int limit) const {
    QList<NodeRef> peers;
    const auto add = [&](const NodeRef& node) {
        if (peers.size() < limit && node.id != m_id &&
            std::none_of(peers.begin(), peers.end(), [&](const NodeRef& p) { return p.id == node.id; }))
            peers.append(node);
    };
    if (m_predecessor)
        add(*m_predecessor);
    for (const NodeRef& node : m_successors.entries())
        add(node);
    for (const NodeRef& node : m_fingers.distinct())
        add(node);
    return peers;
}

void ChordNode::notify(const NodeRef& successor) {
    // A client follows the ring without asking to be part of it.
    if (successor.id != m_id && m_role == Role::Member)
        m_rpc.request(successor.endpoint, net::Notify{}, [](const Message*) {});
}

void ChordNode::pingNextSuccessor() {
    const QList<NodeRef>& entries = m_successors.entries();
    if (entries.size() < 2)
        return;
    if (m_pingIndex >= entries.size())
        m_pingIndex = 1;
    const NodeRef target = entries[m_pingIndex++];
    ping(target.endpoint, {}, [this, target](const Message* reply) {
        if (!reply)
            markDead(target.id);
    });
}

void ChordNode::checkPredecessor() {
    if (m_state != State::Joined)
        return;
    schedule(*m_predecessorTimer, m_config.checkPredecessorInterval);
    if (!m_predecessor)
        return;
    const NodeRef current = *m_predecessor;
    ping(current.endpoint, {}, [this, current](const Message* reply) {
        if (!reply && m_predecessor && m_predecessor->id == current.id)
            markDead(current.id);
    });
}

void ChordNode::fixFingers() {
    if (m_state != State::Joined || !m_config.useFingers)
        return;
    schedule(*m_fingerTimer, m_config.fixFingersInterval);
    if (m_fixingFinger || m_successors.isEmpty())
        return;

    // Fingers that fall before the first successor need no lookup.
    const NodeRef successor = m_successors.first();
    int index = m_nextFinger;
    const int end = m_fingers.firstIndexBeyond(index, successor.id);
    for (; index < end; ++index)
        m_fingers.set(index, successor);
    if (index >= FingerTable::kSize) {
        m_nextFinger = 0;
        return;
    }

    m_fixingFinger = true;
    lookup(m_fingers.start(index), [this, index](const LookupResult& result) {
        if (!result.found || result.owner.id == m_id) {
            // Nothing lies between this finger's start and us going round: later fingers are us too.
            m_fixingFinger = false;
            m_nextFinger = result.found ? 0 : (index + 1) % FingerTable::kSize;
            return;
        }
        const NodeRef owner = result.owner;
        ensureProven(owner, [this, index, owner](bool proven) {
            m_fixingFinger = false;
            if (!proven) {
                m_nextFinger = (index + 1) % FingerTable::kSize;
                return;
            }
            const int last = m_fingers.firstIndexBeyond(index, owner.id);
            for (int i = index; i < std::max(last, index + 1); ++i)
                m_fingers.set(i, owner);
            m_nextFinger = std::max(last, index + 1) % FingerTable::kSize;
        });
    });
}

void ChordNode::recover() {
    if (m_recovering || m_state != State::Joined)
        return;
    // Every other node we know of, nearest first going round: the first of them alive is our successor.
    QList<NodeRef> known = m_fingers.distinct();
    if (m_lastPredecessor)
        known.append(*m_lastPredecessor);
    known.append(m_proofs.some(64 - int(known.size())));
    known = closestPreceding(m_id, m_id, known, 16);
    std::reverse(known.begin(), known.end()); // closestPreceding sorts nearest-to-us last

    if (known.isEmpty()) {
        if (!m_bootstrap.isEmpty())
            tryBootstrap(0);
        return; // alone on a ring of one until someone finds us
    }
    m_recovering = true;
    auto alive = std::make_shared<QList<std::pair<int, NodeRef>>>();
    auto remaining = std::make_shared<int>(int(known.size()));
    for (int i = 0; i < known.size(); ++i) {
        const NodeRef node = known[i];
        ensureProven(node, [this, i, node, alive, remaining](bool ok) {
            if (ok)
                alive->append({i, node});
            if (--*remaining > 0)
                return;
            m_recovering = false;
            if (m_state != State::Joined || !m_successors.isEmpty())
                return;
            if (alive->isEmpty()) {
                if (!m_bootstrap.isEmpty())
                    tryBootstrap(0);
                return;
            }
            const auto nearest = std::min_element(
                alive->begin(), alive->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            const QList<NodeRef> before = m_successors.entries();
            m_successors.rebuild(nearest->second, {});
            successorsChanged(before);
            stabilize();
        });
    }
}

void ChordNode::replicateOwned() {
    if (m_state != State::Joined)
        return;
    // Rescheduled while a client too, so a client that becomes a member goes on replicating.
    schedule(*m_replicateTimer, m_config.replicateInterval);
    if (!isMember())
        return;
    push(m_replication.replicationRound(here(), m_clock.unixMillis()));
}

void ChordNode::expireRecords() {
    if (m_state != State::Joined)
        return;
    schedule(*m_expireTimer, m_config.expireInterval);
    m_store.expire(m_clock.unixMillis());
}

} // namespace ringshare::dht
