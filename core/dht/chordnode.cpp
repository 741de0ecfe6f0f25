// ChordNode's life (creating, joining, leaving), its answers to other nodes, its records API (lookup,
// put, get, publish) and its proofs of identity; the ring maintenance is in chordmaintenance.cpp.
#include "dht/chordnode.h"

#include "base/logging.h"
#include "dht/replicareader.h"
#include "dht/ring.h"

#include <algorithm>

namespace ringshare::dht {

using net::Endpoint;
using net::Message;

namespace {

ChordConfig normalized(ChordConfig config) {
    config.successorListSize = std::max(config.successorListSize, 2);
    config.replicationFactor = std::clamp(config.replicationFactor, 1, config.successorListSize + 1);
    return config;
}

net::StoreStatus storeStatusOf(PutOutcome outcome) {
    switch (outcome) {
    case PutOutcome::Stored:
        return net::StoreStatus::Stored;
    case PutOutcome::Unchanged:
        return net::StoreStatus::Unchanged;
    case PutOutcome::Expired:
    case PutOutcome::FromTheFuture:
        return net::StoreStatus::Expired;
    case PutOutcome::KeyFull:
    case PutOutcome::StoreFull:
        return net::StoreStatus::Full;
    case PutOutcome::InvalidSignature:
    case PutOutcome::TtlTooLong:
    case PutOutcome::ValueTooLarge:
        break;
    }
    return net::StoreStatus::Invalid;
}

bool confirmed(net::StoreStatus status) {
    return status == net::StoreStatus::Stored || status == net::StoreStatus::Unchanged;
}

} // namespace

ChordNode::ChordNode(crypto::Identity identity, net::Transport& transport, Clock& clock, Random& random,
                     ChordConfig config, QObject* parent)
    : QObject(parent), m_identity(std::move(identity)), m_id(m_identity.nodeId()), m_clock(clock),
      m_random(random), m_config(normalized(config)), m_rpc(transport, clock, random, m_id, m_config.rpc),
      m_successors(m_id, m_config.successorListSize), m_fingers(m_id), m_store(m_config.store),
      m_replication(m_config.replicationFactor, m_store), m_proofs(m_config.maxProvenPeers),
      m_observed(clock), m_lookups(m_rpc),
      m_publisher(*this, clock, m_config.republishInterval, m_config.publishRetryInterval),
      m_dialBack(*this, clock, random, m_config.dialBack),
      m_reachability(*this, clock, random, m_config.reachability),
      m_rendezvousService(*this, m_id, clock, m_config.rendezvous),
      m_connectRequests(clock, m_config.connectsPerRequester, 4 * m_config.connectsPerRequester,
                        Millis(60'000)) {
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
    m_attachTimer = clock.createTimer([this] {
        if (const std::optional<NodeRef> rendezvous = this->rendezvous())
            sendAttach(*rendezvous);
    });
    connect(this, &ChordNode::successorChanged, this, &ChordNode::keepAttached);
    connect(this, &ChordNode::roleChanged, this, &ChordNode::keepAttached);
    connect(this, &ChordNode::joined, this, &ChordNode::keepAttached);
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
    return m_proofs.isProven(node);
}

// ---- Joining and leaving ----------------------------------------------------------------------------

void ChordNode::createRing() {
    m_successors.clear();
    m_predecessor.reset();
    m_role = Role::Member; // someone has to be first
    enterRing();
}

void ChordNode::enterRing() {
    m_state = State::Joined;
    m_rpc.setNamesSender(m_role == Role::Member);
    startMaintenance();
    Q_EMIT joined();
    if (!m_publisher.isEmpty())
        m_publisher.republish(); // what was published before joining goes out now
}

void ChordNode::join(const QList<Endpoint>& bootstrap) {
    if (m_state == State::Leaving || m_state == State::Left)
        return; // a late name lookup or retry after leave() must not start the node again
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
                if (!rejoining) {
                    m_role = firstRole();
                    enterRing();
                }
                stabilize();
            });
        });
    });
}

void ChordNode::leave(std::function<void()> done) {
    if (m_state != State::Joined || m_role == Role::Client) {
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
    const std::optional<Handoff> handoff = m_replication.leaving(here(), m_clock.unixMillis());

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
    if (handoff)
        for (const Record& record : handoff->records)
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
                // Members ping only nodes they route to or are about to: a client is none of them, and a
                // member that still counts it among its successors drops it when this goes unanswered.
                if (m_role == Role::Client)
                    return std::nullopt;
                net::Pong pong;
                if (!body.challenge.isEmpty()) {
                    pong.publicKey = m_identity.publicKey();
                    pong.signature = m_identity.sign(net::proofBytes(body.challenge, m_id));
                }
                // A scoped (link-local) address cannot go on the wire; the asker learns nothing from it.
                if (from.address.scopeId().isEmpty())
                    pong.observed = Endpoint{net::plainAddress(from.address), from.port};
                return pong;
            } else if constexpr (std::is_same_v<T, net::GetNeighbors>) {
                // A client is on nobody's ring: whoever still thinks it is finds out by getting no answer.
                if (m_role == Role::Client)
                    return std::nullopt;
                return net::Neighbors{m_predecessor, m_successors.entries()};
            } else if constexpr (std::is_same_v<T, net::Notify>) {
                // A Notify makes us challenge the sender; from a forged address that challenge would be
                // reflected at a stranger, so only a requester with a cookie is taken up on it.
                if (request.sender && context.addressProven && isMember())
                    onNotify({*request.sender, from});
                return net::NotifyAck{};
            } else if constexpr (std::is_same_v<T, net::FindNode>) {
                if (!isMember())
                    return std::nullopt;
                return here().findNodeReply(body.target, context.to, routingCandidates());
            } else if constexpr (std::is_same_v<T, net::Store>) {
                if (m_role == Role::Client)
                    return std::nullopt; // it owns no keys and holds no replicas
                Result<Record> decoded = Record::decode(body.record);
                if (!decoded)
                    return net::StoreReply{net::StoreStatus::Invalid};
                return net::StoreReply{storeRecord(decoded.value(), request.sender, &context)};
            } else if constexpr (std::is_same_v<T, net::Get>) {
                return answerGet(body.key, body.offset);
            } else if constexpr (std::is_same_v<T, net::Leave>) {
                // Acted on only when the source address is not forged: a neighbour's address is no secret.
                // A leaver without a cookie is noticed by the failing pings instead.
                if (request.sender && context.addressProven)
                    onLeave({*request.sender, from}, body);
                return net::LeaveAck{};
            } else if constexpr (std::is_same_v<T, net::DialBack> || std::is_same_v<T, net::DialForMe> ||
                                 std::is_same_v<T, net::DialProbe>) {
                return handleDial(context, request);
            } else if constexpr (std::is_same_v<T, net::Attach> || std::is_same_v<T, net::CallMe> ||
                                 std::is_same_v<T, net::Connect>) {
                return handleRendezvous(context, request);
            } else {
                return std::nullopt; // an answer where a request belongs
            }
        },
        request.body);
}

net::StoreStatus ChordNode::storeRecord(const Record& record, const std::optional<NodeId>& sender,
                                        const net::RequestContext* context) {
    const PutOutcome outcome = m_store.put(record, m_clock.unixMillis());
    if (outcome == PutOutcome::Stored && m_state == State::Joined) {
        // The owner copies a new record on to the rest of the key's replica set. When the publisher itself
        // stored it here and this node is not the owner (the publisher's view of the ring was out of date:
        // it was joining, or a node has joined since), this node keeps its copy and hands the record on to
        // the owner, so that it does not sit where nobody reads it.
        switch (m_replication.afterStore(record, sender, here())) {
        case ReplicationPlanner::AfterStore::CopyToReplicas:
            push(Handoff{{record}, m_replication.replicaTargets(here())});
            break;
        case ReplicationPlanner::AfterStore::HandToOwner:
            put(record, [](bool) {});
            break;
        case ReplicationPlanner::AfterStore::Keep:
            break;
        }
    } else if (outcome == PutOutcome::InvalidSignature && context && context->addressProven) {
        // Honest nodes pass on only records they verified, so a bad signature is a forgery: enough of
        // them and the sender is ignored for a while, as a sender of garbage is.
        m_rpc.reportMisbehaviour(context->from);
    }
    return storeStatusOf(outcome);
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

// ---- Records ----------------------------------------------------------------------------------------

void ChordNode::push(const std::optional<Handoff>& handoff) {
    if (!handoff)
        return;
    QList<QByteArray> encoded;
    encoded.reserve(handoff->records.size());
    for (const Record& record : handoff->records)
        encoded.append(record.encode()); // once, however many targets
    for (const NodeRef& target : handoff->targets) {
        if (target.id == m_id)
            continue;
        for (const QByteArray& bytes : encoded)
            m_rpc.request(target.endpoint, net::Store{bytes}, [](const Message*) {});
    }
}

void ChordNode::setPredecessor(const std::optional<NodeRef>& node) {
    const std::optional<NodeRef> last = m_lastPredecessor;
    m_predecessor = node;
    if (node) {
        m_lastPredecessor = node;
        push(m_replication.predecessorChanged(last, here(), m_clock.unixMillis()));
    }
    Q_EMIT predecessorChanged();
}

void ChordNode::successorsChanged(const QList<NodeRef>& before) {
    const QList<NodeRef>& after = m_successors.entries();
    if (before.isEmpty() != after.isEmpty() || (!after.isEmpty() && before.first().id != after.first().id))
        Q_EMIT successorChanged();
    push(m_replication.successorsChanged(before, here(), m_clock.unixMillis()));
}

void ChordNode::lookup(const NodeId& key, LookupDone done) {
    LookupResult result;
    if (m_state != State::Joined && m_state != State::Leaving) {
        done(result);
        return;
    }
    const NodeRef me = self();
    if (m_role == Role::Member && owns(key)) {
        result.found = true;
        result.owner = me;
        result.replicas = QList<NodeRef>{me} + m_successors.entries();
        done(result);
        return;
    }
    if (const int i = here().successorOwning(key); i >= 0) {
        const QList<NodeRef>& entries = m_successors.entries();
        m_lookups.startAtOwner(key, entries[i], entries.mid(i + 1), lookupOptions(), std::move(done));
        return;
    }
    runLookup(key, closestPreceding(m_id, key, routingCandidates(), net::kMaxNodeRefs), std::move(done));
}

void ChordNode::runLookup(const NodeId& key, const QList<NodeRef>& initial, LookupDone done) {
    m_lookups.start(key, initial, lookupOptions(), std::move(done));
}

LookupRegistry::Options ChordNode::lookupOptions() const {
    return {m_id, m_config.maxLookupQueries, m_state == State::Joining};
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
            done(confirmed(storeRecord(record, m_id, nullptr)));
            return;
        }
        m_rpc.request(result.owner.endpoint, net::Store{record.encode()}, [done](const Message* reply) {
            const auto* answer = reply ? std::get_if<net::StoreReply>(&reply->body) : nullptr;
            done(answer && confirmed(answer->status));
        });
    });
}

void ChordNode::storeSigned(const NodeId& key, const QByteArray& value, quint32 ttlSeconds,
                            std::function<void(bool)> done) {
    put(Record::create(m_identity, key, value, m_clock.unixMillis(), ttlSeconds), std::move(done));
}

void ChordNode::publish(const NodeId& key, const QByteArray& value, quint32 ttlSeconds) {
    m_publisher.publish(key, value, ttlSeconds);
}

void ChordNode::unpublish(const NodeId& key, const QByteArray& value) {
    m_publisher.unpublish(key, value);
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
    if (!m_proofs.await(node.id, std::move(done)))
        return; // a challenge is already on its way

    const QByteArray challenge = m_random.bytes(net::kChallengeSize);
    ping(node.endpoint, challenge, [this, node, challenge](const Message* reply) {
        const bool ok = net::provenSender(reply, challenge) == node.id;
        if (!ok && reply) {
            qCInfo(lcDht) << "node at" << node.endpoint.toString() << "failed to prove it is"
                          << node.id.shortHex();
        }
        for (const auto& callback : m_proofs.settle(node, ok))
            callback(ok);
    });
}

void ChordNode::ping(const Endpoint& to, QByteArray challenge, net::Rpc::Callback done) {
    m_rpc.request(to, net::Ping{std::move(challenge)},
                  [this, to, done = std::move(done)](const Message* reply) {
                      const auto* pong = reply ? std::get_if<net::Pong>(&reply->body) : nullptr;
                      if (pong && pong->observed && !m_seenDirectly && isOwnEndpoint(*pong->observed))
                          m_seenDirectly = true;
                      if (pong && pong->observed && m_observed.report(to, *pong->observed)) {
                          // Not once leaving: the checker stopped with the maintenance.
                          const bool active = m_state == State::Joining || m_state == State::Joined;
                          if (m_config.checkReachability && active)
                              m_reachability.setObservedEndpoint(observedEndpoint(), observedSymmetric());
                          Q_EMIT observedAddressChanged();
                      }
                      done(reply);
                  });
}

void ChordNode::proveEndpoint(const Endpoint& endpoint, std::function<void(std::optional<NodeRef>)> done) {
    const QByteArray challenge = m_random.bytes(net::kChallengeSize);
    ping(endpoint, challenge, [this, endpoint, challenge, done](const Message* reply) {
        const std::optional<NodeId> id = net::provenSender(reply, challenge);
        if (!id) {
            done(std::nullopt);
            return;
        }
        m_proofs.remember({*id, endpoint});
        done(NodeRef{*id, endpoint});
    });
}

void ChordNode::proveNewSuccessors(const QList<NodeRef>& offered) {
    // Challenge the nodes offered to us; the next stabilize round takes in those that passed.
    for (const NodeRef& node : offered.mid(0, m_config.successorListSize)) {
        if (node.id != m_id && !isProven(node))
            ensureProven(node, [](bool) {});
    }
}

void ChordNode::markDead(const NodeId& id) {
    const std::optional<Endpoint> endpoint = m_proofs.endpointOf(id);
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
    m_proofs.forget(id);
    if (known && endpoint)
        m_lost.lost({id, *endpoint}, m_clock.now());
    if (known) {
        qCDebug(lcDht) << m_id.shortHex() << "lost" << id.shortHex();
        Q_EMIT peerLost(id);
    }
}

} // namespace ringshare::dht
