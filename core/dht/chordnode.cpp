#include "dht/chordnode.h"

#include "base/logging.h"
#include "dht/replicareader.h"
#include "dht/ring.h"

#include <algorithm>

namespace ringshare::dht {

using net::Endpoint;
using net::Message;

ChordNode::ChordNode(crypto::Identity identity, net::Transport& transport, Clock& clock, Random& random,
                     ChordConfig config, QObject* parent)
    : QObject(parent), m_identity(std::move(identity)), m_id(m_identity.nodeId()), m_clock(clock),
      m_random(random), m_config(config), m_rpc(transport, clock, random, m_id, config.rpc),
      m_successors(m_id, std::max(config.successorListSize, 2)), m_fingers(m_id), m_store(config.store) {
    m_config.successorListSize = std::max(m_config.successorListSize, 2);
    m_config.replicationFactor = std::clamp(m_config.replicationFactor, 1, m_config.successorListSize + 1);
    m_rpc.setHandler(this);
    m_stabilizeTimer = clock.createTimer([this] {
        m_quickSteps = 0;
        stabilize();
        if (++m_rounds % kCrossCheckRounds == 0) {
            crossCheckSuccessor();
            probeLostPeer();
        }
    });
    m_fingerTimer = clock.createTimer([this] { fixFingers(); });
    m_predecessorTimer = clock.createTimer([this] { checkPredecessor(); });
    m_replicateTimer = clock.createTimer([this] { replicateOwned(); });
    m_expireTimer = clock.createTimer([this] { expireRecords(); });
    m_rejoinTimer = clock.createTimer([this] { tryBootstrap(0); });
    m_republishTimer = clock.createTimer([this] { republish(); });
    m_publishRetryTimer = clock.createTimer([this] { retryUnconfirmed(); });
}

ChordNode::~ChordNode() {
    m_rpc.setHandler(nullptr);
    m_rpc.abandonAll();
}

void ChordNode::walkRing(int limit, WalkDone done) {
    // The first step is ours to answer: our successor list says where the walk goes next.
    const NodeRef me = self();
    if (m_successors.isEmpty() || m_successors.first().id == m_id) {
        done({me}, true);
        return;
    }
    if (limit < 2) {
        done({me}, false);
        return;
    }
    // Every step goes through m_rpc, which the destructor empties without calling back.
    dht::walkRing(m_rpc, {me, m_successors.first()}, limit, std::move(done));
}

bool ChordNode::isProven(const NodeRef& node) const {
    const auto it = m_proven.constFind(node.id);
    return it != m_proven.constEnd() && *it == node.endpoint;
}

// ---- Joining and leaving ----------------------------------------------------------------------------

void ChordNode::createRing() {
    m_successors.clear();
    m_predecessor.reset();
    enterRing();
}

void ChordNode::enterRing() {
    m_state = State::Joined;
    startMaintenance();
    Q_EMIT joined();
    if (!m_published.empty())
        republish(); // what was published before joining goes out now
}

void ChordNode::join(const QList<Endpoint>& bootstrap) {
    m_bootstrap = bootstrap;
    m_state = State::Joining;
    tryBootstrap(0);
}

void ChordNode::tryBootstrap(int index) {
    if (m_state == State::Leaving || m_state == State::Left)
        return;
    if (index >= m_bootstrap.size()) {
        if (m_bootstrap.isEmpty() && m_state == State::Joining) {
            createRing();
            return;
        }
        schedule(*m_rejoinTimer, m_config.rejoinInterval);
        return;
    }
    proveEndpoint(m_bootstrap[index], [this, index](std::optional<NodeRef> contact) {
        if (!contact || contact->id == m_id) {
            tryBootstrap(index + 1);
            return;
        }
        const bool rejoining = m_state == State::Joined;
        runLookup(m_id, {*contact}, [this, index, rejoining](const LookupResult& r) {
            if (!r.found || r.owner.id == m_id) {
                tryBootstrap(index + 1);
                return;
            }
            ensureProven(r.owner, [this, r, index, rejoining](bool ok) {
                if (!ok) {
                    tryBootstrap(index + 1);
                    return;
                }
                const QList<NodeRef> before = m_successors.entries();
                m_successors.rebuild(r.owner, provenOnly(r.replicas.mid(1)));
                successorsChanged(before);
                qCDebug(lcDht) << m_id.shortHex() << "joined before" << r.owner.id.shortHex();
                if (!rejoining)
                    enterRing();
                stabilize();
            });
        });
    });
}

void ChordNode::leave(std::function<void()> done) {
    if (m_state != State::Joined) {
        m_state = State::Left;
        stopMaintenance();
        done();
        return;
    }
    m_state = State::Leaving;
    stopMaintenance();
    if (m_successors.isEmpty()) {
        m_state = State::Left;
        done();
        return;
    }

    const NodeRef successor = m_successors.first();
    const qint64 now = m_clock.unixMillis();
    const QList<Record> owned =
        m_predecessor ? m_store.inRange(m_predecessor->id, m_id, now) : m_store.all(now);

    auto remaining = std::make_shared<int>(0);
    auto finished = std::make_shared<std::function<void()>>([this, remaining, done = std::move(done)] {
        if (--*remaining == 0) {
            m_state = State::Left;
            done();
        }
    });
    const auto send = [&](const Endpoint& to, net::Body body) {
        ++*remaining;
        m_rpc.request(to, std::move(body), [finished](const Message*) { (*finished)(); });
    };
    for (const Record& record : owned)
        send(successor.endpoint, net::Store{record.encode()});
    send(successor.endpoint, net::Leave{m_predecessor, {}});
    if (m_predecessor && m_predecessor->id != successor.id)
        send(m_predecessor->endpoint, net::Leave{std::nullopt, m_successors.entries()});
}

// ---- Answering requests -----------------------------------------------------------------------------

std::optional<net::Body> ChordNode::handleRequest(const net::RequestContext& context,
                                                  const Message& request) {
    if (m_state == State::Left)
        return std::nullopt;
    const Endpoint& from = context.from;
    return std::visit(
        [&](const auto& body) -> std::optional<net::Body> {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, net::Ping>) {
                net::Pong pong;
                if (!body.challenge.isEmpty()) {
                    pong.publicKey = m_identity.publicKey();
                    pong.signature = m_identity.sign(net::proofBytes(body.challenge, m_id));
                }
                return pong;
            } else if constexpr (std::is_same_v<T, net::GetNeighbors>) {
                return net::Neighbors{m_predecessor, m_successors.entries()};
            } else if constexpr (std::is_same_v<T, net::Notify>) {
                // A Notify makes us challenge the sender; from a forged address that challenge would be
                // reflected at a stranger, so only a requester with a cookie is taken up on it.
                if (request.sender && context.addressProven && m_state == State::Joined)
                    onNotify({*request.sender, from});
                return net::NotifyAck{};
            } else if constexpr (std::is_same_v<T, net::FindNode>) {
                if (m_state != State::Joined)
                    return std::nullopt;
                return answerFindNode(body.target, context.to);
            } else if constexpr (std::is_same_v<T, net::Store>) {
                return answerStore(body.record, request.sender, &context);
            } else if constexpr (std::is_same_v<T, net::Get>) {
                return answerGet(body.key, body.offset);
            } else if constexpr (std::is_same_v<T, net::Leave>) {
                // Acted on only when the source address is not forged: a neighbour's address is no secret.
                // A leaver without a cookie is noticed by the failing pings instead.
                if (request.sender && context.addressProven)
                    onLeave({*request.sender, from}, body);
                return net::LeaveAck{};
            } else {
                return std::nullopt; // an answer where a request belongs
            }
        },
        request.body);
}

net::Body ChordNode::answerFindNode(const NodeId& target, const Endpoint& reachedAt) const {
    net::FindNodeReply reply;
    const NodeRef me{m_id, reachedAt};
    if (target == m_id || (m_successors.isEmpty() && owns(target))) {
        reply.ownerFound = true;
        reply.nodes.append(me);
        reply.nodes.append(m_successors.entries().mid(0, net::kMaxNodeRefs - 1));
        return reply;
    }
    if (m_successors.isEmpty()) {
        // A ring of two that stabilization has not closed yet: the predecessor owns what we do not.
        reply.ownerFound = true;
        reply.nodes.append(*m_predecessor);
        return reply;
    }
    if (const int i = successorOwning(target); i >= 0) {
        reply.ownerFound = true;
        reply.nodes = m_successors.entries().mid(i, net::kMaxNodeRefs);
        return reply;
    }
    reply.nodes = closestPreceding(m_id, target, routingCandidates(), 8);
    return reply;
}

net::Body ChordNode::answerStore(const QByteArray& encoded, const std::optional<NodeId>& sender,
                                 const net::RequestContext* context) {
    Result<Record> decoded = Record::decode(encoded);
    if (!decoded)
        return net::StoreReply{net::StoreStatus::Invalid};
    const Record& record = decoded.value();
    switch (m_store.put(record, m_clock.unixMillis())) {
    case PutOutcome::Stored:
        // The owner copies a new record on to the rest of the key's replica set. When the publisher itself
        // stored it here and this node is not the owner (the publisher's view of the ring was out of date:
        // it was joining, or a node has joined since), this node keeps its copy and hands the record on to
        // the owner, so that it does not sit where nobody reads it. Copies pushed by an owner to its
        // replicas come from another sender and stay put. A record already held is Unchanged, not Stored,
        // so the hand-on happens at most once.
        if (m_state == State::Joined) {
            if (owns(record.key))
                pushRecords({record}, replicaTargets());
            else if (sender && *sender == record.publisher.nodeId() && *sender != m_id)
                put(record, [](bool) {});
        }
        return net::StoreReply{net::StoreStatus::Stored};
    case PutOutcome::Unchanged:
        return net::StoreReply{net::StoreStatus::Unchanged};
    case PutOutcome::Expired:
    case PutOutcome::FromTheFuture:
        return net::StoreReply{net::StoreStatus::Expired};
    case PutOutcome::KeyFull:
    case PutOutcome::StoreFull:
        return net::StoreReply{net::StoreStatus::Full};
    case PutOutcome::InvalidSignature:
        // Honest nodes pass on only records they verified, so a bad signature is a forgery: enough of
        // them and the sender is ignored for a while, as a sender of garbage is.
        if (context && context->addressProven)
            m_rpc.reportMisbehaviour(context->from);
        break;
    case PutOutcome::TtlTooLong:
    case PutOutcome::ValueTooLarge:
        break;
    }
    return net::StoreReply{net::StoreStatus::Invalid};
}

net::Body ChordNode::answerGet(const NodeId& key, quint32 offset) const {
    // Records go out in pages that fit one datagram with room to spare.
    constexpr int kPageBudget = net::kMaxDatagramSize - 200;
    const QList<Record> records = m_store.get(key, m_clock.unixMillis());
    net::GetReply reply;
    int budget = kPageBudget;
    qsizetype index = offset;
    for (; index < records.size() && reply.records.size() < net::kMaxRecordsPerReply; ++index) {
        QByteArray encoded = records[index].encode();
        if (encoded.size() + 4 > budget)
            break;
        budget -= int(encoded.size()) + 4;
        reply.records.append(std::move(encoded));
    }
    reply.more = index < records.size();
    return reply;
}

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
    m_rpc.request(current.endpoint, net::Ping{}, [this, current, candidate](const Message* reply) {
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

// ---- Maintenance ------------------------------------------------------------------------------------

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
    schedule(*m_republishTimer, std::min(m_config.settleRepublishDelay, m_config.republishInterval));
}

void ChordNode::stopMaintenance() {
    for (Timer* timer :
         {m_stabilizeTimer.get(), m_fingerTimer.get(), m_predecessorTimer.get(), m_replicateTimer.get(),
          m_expireTimer.get(), m_rejoinTimer.get(), m_republishTimer.get(), m_publishRetryTimer.get()})
        timer->stop();
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
    if (m_proven.size() <= m_successors.entries().size())
        return;
    auto it = m_proven.constBegin();
    std::advance(it, qsizetype(m_random.bounded(quint64(m_proven.size()))));
    if (!m_successors.contains(it.key()))
        askForCloserSuccessor({it.key(), it.value()});
}

void ChordNode::probeLostPeer() {
    // The shortcuts crossCheckSuccessor() uses are only those never found dead. When the network splits,
    // a small ring's nodes all sit in each other's successor lists, so each side finds every node of the
    // other dead and keeps no way across: once the split heals, only a lost peer that answers again leads
    // to the other ring.
    if (m_state != State::Joined || m_lost.isEmpty())
        return;
    const LostPeer lost = m_lost.takeFirst();
    if (m_clock.now() - lost.lostAt > kLostPeerMemory)
        return;
    proveEndpoint(lost.node.endpoint, [this, lost](std::optional<NodeRef> contact) {
        if (m_state != State::Joined)
            return;
        if (!contact) {
            // Still gone: its turn comes again after the others'.
            if (m_lost.size() < kMaxLostPeers &&
                std::none_of(m_lost.begin(), m_lost.end(),
                             [&](const LostPeer& p) { return p.node.id == lost.node.id; }))
                m_lost.append(lost);
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
    if (successor.id != m_id)
        m_rpc.request(successor.endpoint, net::Notify{}, [](const Message*) {});
}

void ChordNode::pingNextSuccessor() {
    const QList<NodeRef>& entries = m_successors.entries();
    if (entries.size() < 2)
        return;
    if (m_pingIndex >= entries.size())
        m_pingIndex = 1;
    const NodeRef target = entries[m_pingIndex++];
    m_rpc.request(target.endpoint, net::Ping{}, [this, target](const Message* reply) {
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
    m_rpc.request(current.endpoint, net::Ping{}, [this, current](const Message* reply) {
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
    for (auto it = m_proven.constBegin(); it != m_proven.constEnd() && known.size() < 64; ++it)
        known.append({it.key(), it.value()});
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

// ---- Records ----------------------------------------------------------------------------------------

bool ChordNode::owns(const NodeId& key) const {
    // Alone, a node owns every key; once a predecessor has announced itself (even before stabilization has
    // made it our successor too), the keys between it and us are ours and the rest are its.
    if (m_successors.isEmpty() && !m_predecessor)
        return true;
    return m_predecessor && (key == m_id || inHalfOpenInterval(key, m_predecessor->id, m_id));
}

QList<NodeRef> ChordNode::replicaTargets() const {
    return m_successors.entries().mid(0, m_config.replicationFactor - 1);
}

void ChordNode::pushRecords(const QList<Record>& records, const QList<NodeRef>& targets) {
    QList<QByteArray> encoded;
    encoded.reserve(records.size());
    for (const Record& record : records)
        encoded.append(record.encode()); // once, however many targets
    for (const NodeRef& target : targets) {
        if (target.id == m_id)
            continue;
        for (const QByteArray& bytes : encoded)
            m_rpc.request(target.endpoint, net::Store{bytes}, [](const Message*) {});
    }
}

void ChordNode::replicateOwned() {
    if (m_state != State::Joined)
        return;
    schedule(*m_replicateTimer, m_config.replicateInterval);
    if (!m_predecessor)
        return;
    pushRecords(m_store.inRange(m_predecessor->id, m_id, m_clock.unixMillis()), replicaTargets());
}

void ChordNode::expireRecords() {
    if (m_state != State::Joined)
        return;
    schedule(*m_expireTimer, m_config.expireInterval);
    m_store.expire(m_clock.unixMillis());
}

void ChordNode::publish(const NodeId& key, const QByteArray& value, quint32 ttlSeconds) {
    m_published[{key, value}] = ttlSeconds;
    putPublished(key, value, ttlSeconds);
}

void ChordNode::putPublished(const NodeId& key, const QByteArray& value, quint32 ttlSeconds) {
    if (m_state != State::Joined) {
        m_unconfirmed.insert({key, value}); // goes out when the node joins (see enterRing)
        return;
    }
    put(Record::create(m_identity, key, value, m_clock.unixMillis(), ttlSeconds),
        [this, key, value](bool stored) {
            if (stored || !m_published.count({key, value}))
                return;
            m_unconfirmed.insert({key, value});
            if (!m_publishRetryTimer->isActive())
                m_publishRetryTimer->start(jittered(m_config.publishRetryInterval));
        });
}

void ChordNode::retryUnconfirmed() {
    const auto pending = std::exchange(m_unconfirmed, {});
    for (const auto& slot : pending)
        if (const auto it = m_published.find(slot); it != m_published.end())
            putPublished(slot.first, slot.second, it->second);
}

void ChordNode::unpublish(const NodeId& key, const QByteArray& value) {
    m_published.erase({key, value});
    m_unconfirmed.erase({key, value});
}

void ChordNode::republish() {
    if (m_state != State::Joined)
        return;
    schedule(*m_republishTimer, m_config.republishInterval);
    m_unconfirmed.clear();
    for (const auto& [slot, ttl] : m_published)
        putPublished(slot.first, slot.second, ttl);
}

void ChordNode::setPredecessor(const std::optional<NodeRef>& node) {
    const std::optional<NodeRef> last = m_lastPredecessor;
    m_predecessor = node;
    if (node) {
        m_lastPredecessor = node;
        if (!last && node->id != m_id) {
            // Our first predecessor: until now this node answered for the whole ring, so what it holds
            // outside (predecessor, us] belongs to others. The predecessor takes it and hands on what is not
            // its own.
            pushRecords(m_store.inRange(m_id, node->id, m_clock.unixMillis()), {*node});
        }
        if (last && last->id != node->id) {
            const qint64 now = m_clock.unixMillis();
            if (inOpenInterval(node->id, last->id, m_id)) {
                // A node joined between us and our old predecessor: its keys are now its own.
                pushRecords(m_store.inRange(last->id, node->id, now), {*node});
            } else {
                // Our predecessor failed or left: we took over its range; copy it to our replicas.
                pushRecords(m_store.inRange(node->id, last->id, now), replicaTargets());
            }
        }
    }
    Q_EMIT predecessorChanged();
}

void ChordNode::successorsChanged(const QList<NodeRef>& before) {
    const QList<NodeRef>& after = m_successors.entries();
    if (before.isEmpty() != after.isEmpty() || (!after.isEmpty() && before.first().id != after.first().id))
        Q_EMIT successorChanged();
    if (!m_predecessor)
        return; // our key range is unknown until a predecessor is
    // Nodes that newly entered our replica set get the records we own.
    const QList<NodeRef> oldTargets = before.mid(0, m_config.replicationFactor - 1);
    QList<NodeRef> fresh;
    for (const NodeRef& node : replicaTargets()) {
        if (std::none_of(oldTargets.begin(), oldTargets.end(),
                         [&](const NodeRef& old) { return old.id == node.id; }))
            fresh.append(node);
    }
    if (!fresh.isEmpty())
        pushRecords(m_store.inRange(m_predecessor->id, m_id, m_clock.unixMillis()), fresh);
}

void ChordNode::lookup(const NodeId& key, LookupDone done) {
    LookupResult result;
    if (m_state != State::Joined && m_state != State::Leaving) {
        done(result);
        return;
    }
    const NodeRef me = self();
    if (owns(key)) {
        result.found = true;
        result.owner = me;
        result.replicas = QList<NodeRef>{me} + m_successors.entries();
        done(result);
        return;
    }
    if (const int i = successorOwning(key); i >= 0) {
        const QList<NodeRef>& entries = m_successors.entries();
        runLookup(key, {}, std::move(done),
                  [&](IterativeLookup& search) { search.startAtOwner(entries[i], entries.mid(i + 1)); });
        return;
    }
    runLookup(key, closestPreceding(m_id, key, routingCandidates(), net::kMaxNodeRefs), std::move(done));
}

void ChordNode::runLookup(const NodeId& key, const QList<NodeRef>& initial, LookupDone done,
                          const std::function<void(IterativeLookup&)>& start) {
    const quint64 handle = m_nextLookup++;
    auto search =
        std::make_unique<IterativeLookup>(m_rpc, key, m_id, initial, m_config.maxLookupQueries,
                                          [this, handle, done = std::move(done)](const LookupResult& result) {
                                              // The lookup calls this as its very last act, so it may be
                                              // destroyed here.
                                              const auto finished = std::move(m_lookups[handle]);
                                              m_lookups.erase(handle);
                                              done(result);
                                          });
    IterativeLookup* raw = search.get();
    m_lookups.emplace(handle, std::move(search));
    if (m_state == State::Joining)
        raw->setJoining();
    if (start)
        start(*raw);
    else
        raw->start();
}

int ChordNode::successorOwning(const NodeId& key) const {
    // The successor list is a run of consecutive ring members, so it answers for every key up to its
    // last entry, not only up to the first: fewer hops, and a route around a first successor that lies.
    const QList<NodeRef>& entries = m_successors.entries();
    NodeId from = m_id;
    for (int i = 0; i < entries.size(); ++i) {
        if (inHalfOpenInterval(key, from, entries[i].id))
            return i;
        from = entries[i].id;
    }
    return -1;
}

QList<NodeRef> ChordNode::routingCandidates() const {
    QList<NodeRef> candidates = m_successors.entries();
    if (m_config.useFingers)
        candidates.append(m_fingers.distinct());
    return candidates;
}

void ChordNode::put(const Record& record, std::function<void(bool)> done) {
    lookup(record.key, [this, record, done = std::move(done)](const LookupResult& result) {
        if (!result.found) {
            done(false);
            return;
        }
        if (result.owner.id == m_id) {
            const net::Body answer = answerStore(record.encode(), m_id);
            const auto status = std::get<net::StoreReply>(answer).status;
            done(status == net::StoreStatus::Stored || status == net::StoreStatus::Unchanged);
            return;
        }
        m_rpc.request(result.owner.endpoint, net::Store{record.encode()}, [done](const Message* reply) {
            const auto* answer = reply ? std::get_if<net::StoreReply>(&reply->body) : nullptr;
            done(answer && (answer->status == net::StoreStatus::Stored ||
                            answer->status == net::StoreStatus::Unchanged));
        });
    });
}

void ChordNode::get(const NodeId& key, std::function<void(const QList<Record>&, const LookupResult&)> done) {
    lookup(key, [this, key, done = std::move(done)](const LookupResult& result) {
        if (!result.found) {
            done({}, result);
            return;
        }
        QList<NodeRef> replicas = result.replicas;
        if (replicas.isEmpty() || replicas.first().id != result.owner.id)
            replicas.prepend(result.owner);
        replicas = replicas.mid(0, m_config.replicationFactor);
        QList<Record> local;
        for (qsizetype i = 0; i < replicas.size(); ++i)
            if (replicas[i].id == m_id) {
                local = m_store.get(key, m_clock.unixMillis());
                replicas.removeAt(i);
                break;
            }
        ReplicaReader::read(m_rpc, m_clock, key, replicas, local,
                            [result, done](const QList<Record>& records, int) { done(records, result); });
    });
}

// ---- Proofs of identity and failures ------------------------------------------------------------------

void ChordNode::ensureProven(const NodeRef& node, std::function<void(bool)> done) {
    if (node.id == m_id || !node.endpoint.isValid()) {
        done(false);
        return;
    }
    if (isProven(node)) {
        done(true);
        return;
    }
    auto& waiting = m_proving[node.id];
    waiting.push_back(std::move(done));
    if (waiting.size() > 1)
        return; // a challenge is already on its way

    const QByteArray challenge = m_random.bytes(net::kChallengeSize);
    m_rpc.request(node.endpoint, net::Ping{challenge}, [this, node, challenge](const Message* reply) {
        const bool ok = net::provenSender(reply, challenge) == node.id;
        if (ok) {
            rememberProven(node);
        } else if (reply) {
            qCInfo(lcDht) << "node at" << node.endpoint.toString() << "failed to prove it is"
                          << node.id.shortHex();
        }
        const auto callbacks = m_proving.take(node.id);
        for (const auto& callback : callbacks)
            callback(ok);
    });
}

void ChordNode::rememberProven(const NodeRef& node) {
    // Bounded: past the limit an arbitrary old proof is forgotten (and asked for again if needed).
    if (m_proven.size() >= m_config.maxProvenPeers && !m_proven.contains(node.id))
        m_proven.erase(m_proven.begin());
    m_proven.insert(node.id, node.endpoint);
}

void ChordNode::proveEndpoint(const Endpoint& endpoint, std::function<void(std::optional<NodeRef>)> done) {
    const QByteArray challenge = m_random.bytes(net::kChallengeSize);
    m_rpc.request(endpoint, net::Ping{challenge}, [this, endpoint, challenge, done](const Message* reply) {
        const std::optional<NodeId> id = net::provenSender(reply, challenge);
        if (!id) {
            done(std::nullopt);
            return;
        }
        rememberProven({*id, endpoint});
        done(NodeRef{*id, endpoint});
    });
}

QList<NodeRef> ChordNode::provenOnly(const QList<NodeRef>& nodes) const {
    QList<NodeRef> out;
    for (const NodeRef& node : nodes) {
        if (isProven(node))
            out.append(node);
    }
    return out;
}

void ChordNode::proveNewSuccessors(const QList<NodeRef>& offered) {
    // Challenge the nodes offered to us; the next stabilize round takes in those that passed.
    for (const NodeRef& node : offered.mid(0, m_config.successorListSize)) {
        if (node.id != m_id && !isProven(node))
            ensureProven(node, [](bool) {});
    }
}

void ChordNode::markDead(const NodeId& id) {
    const std::optional<Endpoint> endpoint =
        m_proven.contains(id) ? std::optional(m_proven.value(id)) : std::nullopt;
    bool known = m_fingers.removeNode(id);
    if (m_successors.contains(id)) {
        const QList<NodeRef> before = m_successors.entries();
        m_successors.remove(id);
        successorsChanged(before);
        known = true;
    }
    if (m_predecessor && m_predecessor->id == id) {
        m_predecessor.reset();
        Q_EMIT predecessorChanged();
        known = true;
    }
    m_proven.remove(id);
    if (known && endpoint) {
        m_lost.removeIf([&](const LostPeer& lost) { return lost.node.id == id; });
        if (m_lost.size() >= kMaxLostPeers)
            m_lost.removeFirst();
        m_lost.append({{id, *endpoint}, m_clock.now()});
    }
    if (known) {
        qCDebug(lcDht) << m_id.shortHex() << "lost" << id.shortHex();
        Q_EMIT peerLost(id);
    }
}

} // namespace ringshare::dht
