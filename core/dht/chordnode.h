// ChordNode: one member of the ring, the only DHT object that talks to the network. It keeps the ring
// around it and acts on what its plain parts decide (routing, proofs, replication, publishing).
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "crypto/identity.h"
#include "dht/dialbackservice.h"
#include "dht/lookup.h"
#include "dht/lookupregistry.h"
#include "dht/lostpeers.h"
#include "dht/neighbourhood.h"
#include "dht/proofcache.h"
#include "dht/publisher.h"
#include "dht/reachabilitychecker.h"
#include "dht/record.h"
#include "dht/recordstore.h"
#include "dht/rendezvousservice.h"
#include "dht/replicationplanner.h"
#include "dht/ringwalk.h"
#include "dht/routing.h"
#include "net/addressobserver.h"
#include "net/rpc.h"
#include "net/transport.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace ringshare::dht {

struct ChordConfig {
    int successorListSize = 8; // r, at least 2
    int replicationFactor = 4; // k: the owner and k-1 successors hold each key; at most r
    Millis stabilizeInterval{1000};
    Millis fixFingersInterval{1000};
    Millis checkPredecessorInterval{1000};
    Millis replicateInterval{30'000};
    Millis expireInterval{60'000};
    Millis rejoinInterval{5000};
    // How often this node re-signs and re-stores what it publishes; well inside the records' TTL.
    Millis republishInterval{30 * 60'000};
    // A publish whose store was not confirmed (no owner found yet, or it did not answer) is tried again
    // after this long, until it is.
    Millis publishRetryInterval{5000};
    // The first republish after joining comes this soon (see startMaintenance).
    Millis settleRepublishDelay{30'000};
    // Each period is stretched or shrunk at random by up to this fraction, round after round, so nodes
    // started together drift apart instead of flooding the network in lock-step.
    double jitter = 0.25;
    int maxLookupQueries = 48;
    int maxProvenPeers = 4096;
    // Benchmarks turn fingers off to measure routing by successor pointers alone.
    bool useFingers = true;
    net::RpcOptions rpc;
    RecordStoreLimits store;
    // Whether this node checks its own reachability by dial-back (the app does; most simulations leave it
    // off so their traffic stays as it was). Every member answers others' checks either way.
    bool checkReachability = false;
    ReachabilityOptions reachability;
    DialBackOptions dialBack;
    // A client renews its attachment to its rendezvous this often (well inside the rendezvous's lifetime,
    // and often enough for most NATs to keep the mapping), and tries again this soon when it was not taken.
    Millis attachInterval{20'000};
    Millis attachRetryInterval{2000};
    RendezvousOptions rendezvous;
    // Connect requests a client acts on per requester address in a minute.
    int connectsPerRequester = 30;
};

// One Chord node: routing state, ring maintenance (stabilize with rectify, predecessor checks, successor
// pings, finger repair), iterative lookups and the replicated record store. It talks to the network only
// through its Rpc and reads time only from the injected Clock. Its ring maintenance lives in
// chordmaintenance.cpp; what to replicate, publish and believe is decided by the plain classes it holds.
class ChordNode final : public QObject,
                        private net::RequestHandler,
                        private Publisher::Host,
                        private DialBackService::Host,
                        private ReachabilityChecker::Host,
                        private RendezvousService::Host {
    Q_OBJECT

public:
    enum class State { Idle, Joining, Joined, Leaving, Left };
    // A joined node's place. A member owns keys and sits in other members' routing state; a client (a node
    // others cannot dial: behind NAT, say) owns nothing and is in nobody's routing state: it looks up,
    // reads and publishes through members, and keeps one member, its rendezvous, that it talks to often
    // enough to keep its NAT's mapping open.
    enum class Role { Member, Client };

    ChordNode(crypto::Identity identity, net::Transport& transport, Clock& clock, Random& random,
              ChordConfig config = {}, QObject* parent = nullptr);
    ~ChordNode() override;

    // Starts a ring of one.
    void createRing();
    // Joins through any of these nodes; with none reachable it keeps retrying every rejoinInterval.
    void join(const QList<net::Endpoint>& bootstrap);
    // The nodes later join rounds (and recovery when alone) try instead, freshly resolved names say; the
    // round under way goes on.
    void setBootstrap(const QList<net::Endpoint>& bootstrap) { m_bootstrap = bootstrap; }
    // A peer heard of outside the ring's own traffic: on the local network, or remembered from an earlier
    // run. Once it proves its ID, this node asks it who follows this node: alone, that joins its ring; on a
    // ring that formed apart from the peer's, it starts merging the two.
    void addContact(const net::Endpoint& endpoint);
    // The peers worth remembering for the next start: predecessor, successors and shortcuts, at most `limit`.
    [[nodiscard]] QList<NodeRef> knownPeers(int limit = 32) const;
    // Hands this node's keys to its successor, tells both neighbours, then calls `done`. The node stops
    // answering afterwards.
    void leave(std::function<void()> done);

    using LookupDone = std::function<void(const LookupResult&)>;
    void lookup(const NodeId& key, LookupDone done);
    // Stores a record on the key's owner, which copies it to its successors. `accepted`: the owner took it.
    void put(const Record& record, std::function<void(bool accepted)> done);
    // Publishes `value` under `key`, signed by this node, now and again every republishInterval (with a
    // fresh timestamp) until unpublished. Unpublished records are no longer renewed and expire.
    void publish(const NodeId& key, const QByteArray& value, quint32 ttlSeconds);
    void unpublish(const NodeId& key, const QByteArray& value);
    [[nodiscard]] int publishedCount() const { return m_publisher.count(); }
    // Published records whose owner has not confirmed the store yet (being stored, or to be tried again).
    [[nodiscard]] int unconfirmedPublishes() const {
        return m_publisher.storesInFlight() + m_publisher.unconfirmedCount();
    }
    // The verified, unexpired records under `key`, merged from every replica of the key.
    void get(const NodeId& key, std::function<void(const QList<Record>&, const LookupResult&)> done);

    // Walks the ring from this node by successor pointers, asking each node for its neighbours, and gives
    // every node met in ring order, this one first: complete when the walk came back here, not when it
    // reached `limit` nodes or a node did not answer. `done` is never called once this node is destroyed.
    void walkRing(int limit, WalkDone done);

    [[nodiscard]] State state() const { return m_state; }
    // Joined: attached to the ring, as a member or as a client.
    [[nodiscard]] bool isJoined() const { return m_state == State::Joined; }
    [[nodiscard]] Role role() const { return m_role; }
    [[nodiscard]] bool isMember() const override { return isJoined() && m_role == Role::Member; }
    [[nodiscard]] bool isClient() const { return isJoined() && m_role == Role::Client; }
    // A client's rendezvous: the member it keeps in touch with, the owner of its own ID as far as it knows
    // (its first successor; successorChanged() says when it moves). nullopt for a member, or a client that
    // lost every member it knew.
    [[nodiscard]] std::optional<NodeRef> rendezvous() const;
    [[nodiscard]] NodeRef self() const { return {m_id, m_rpc.localEndpoint()}; }
    [[nodiscard]] const NodeId& id() const { return m_id; }
    [[nodiscard]] const std::optional<NodeRef>& predecessor() const { return m_predecessor; }
    [[nodiscard]] const SuccessorList& successors() const { return m_successors; }
    [[nodiscard]] const FingerTable& fingers() const { return m_fingers; }
    [[nodiscard]] const RecordStore& store() const { return m_store; }
    [[nodiscard]] const net::Rpc::Stats& rpcStats() const { return m_rpc.stats(); }
    [[nodiscard]] const net::PeerFilter& peerFilter() const { return m_rpc.filter(); }
    [[nodiscard]] const ChordConfig& config() const { return m_config; }
    [[nodiscard]] bool isProven(const NodeRef& node) const;
    // This node as peers say they see it (in their Pongs), per family, once distinct sources agree.
    [[nodiscard]] QList<net::ObservedAddress> observedAddresses() const { return m_observed.views(); }

    // Reachability (dial-back, in chordreachability.cpp). Without sockets to open, this node cannot send
    // probes for others (it refuses to); the factory is not owned and must outlive the node.
    void setFreshSockets(net::SocketFactory* sockets) { m_freshSockets = sockets; }
    [[nodiscard]] const ReachabilityStatus& reachability() const { return m_reachability.status(); }
    // The endpoint a port mapping made, which is checked instead of the observed one; nullopt when gone.
    void setClaimedEndpoint(const std::optional<net::Endpoint>& endpoint);
    // Checks reachability again now (the network changed, a mapping was renewed on another port).
    void recheckReachability();
    [[nodiscard]] const ReachabilityChecker::Stats& reachabilityStats() const {
        return m_reachability.stats();
    }
    [[nodiscard]] const DialBackService::Stats& dialBackStats() const { return m_dialBack.stats(); }

    // Reverse connections (in chordrendezvous.cpp). A client's rendezvous once it has confirmed the
    // attachment: the member others ask to pass on a request to connect. nullopt for a member.
    [[nodiscard]] const std::optional<NodeRef>& attachedRendezvous() const { return m_attachedTo; }
    // Asks `rendezvous` to tell its client `target` to connect to this node at the address the rendezvous
    // sees it at and `port`. `done` gets the rendezvous's answer, nullopt when it did not answer.
    void askToConnect(const NodeRef& rendezvous, const NodeId& target, quint16 port,
                      std::function<void(std::optional<net::CallStatus>)> done);
    [[nodiscard]] const RendezvousService& rendezvousService() const { return m_rendezvousService; }

Q_SIGNALS:
    void joined();
    void predecessorChanged();
    void successorChanged();
    void peerLost(const ringshare::NodeId& id);
    // What observedAddresses() says changed: a new address or port, or a NAT found to be symmetric.
    void observedAddressChanged();
    // What reachability() says changed.
    void reachabilityChanged();
    // role() changed: the node turned reachable and became a member, or the other way round.
    void roleChanged();
    // attachedRendezvous() changed.
    void attachmentChanged();
    // A client's rendezvous passed on `requester`'s wish: this node should connect to it.
    void connectRequested(const ringshare::net::NodeRef& requester);

private:
    std::optional<net::Body> handleRequest(const net::RequestContext& context,
                                           const net::Message& request) override;
    // Stores a record that reached this node (`sender`: who sent it, this node for its own put; `context`:
    // where a Store request came from, null for a record this node stores itself) and acts on what the
    // replication planner says follows.
    net::StoreStatus storeRecord(const Record& record, const std::optional<NodeId>& sender,
                                 const net::RequestContext* context);
    net::Body answerGet(const NodeId& key, quint32 offset) const;
    void onNotify(const NodeRef& candidate);
    // A proven node seen at a new address: the predecessor, successor and finger entries for it move.
    void followMove(const NodeRef& node);
    void onLeave(const NodeRef& leaving, const net::Leave& message);

    // Publisher::Host
    [[nodiscard]] bool canStore() const override { return m_state == State::Joined; }
    void storeSigned(const NodeId& key, const QByteArray& value, quint32 ttlSeconds,
                     std::function<void(bool)> done) override;
    [[nodiscard]] Millis jittered(Millis interval) override;

    // DialBackService::Host (isMember() is public)
    [[nodiscard]] QList<NodeRef> dialHelpers() const override;
    [[nodiscard]] bool isProvenPeer(const NodeRef& node) const override { return isProven(node); }
    void askHelper(const NodeRef& helper, const net::DialForMe& dial) override;
    [[nodiscard]] std::unique_ptr<net::Transport> openFresh() override;
    // ReachabilityChecker::Host
    [[nodiscard]] QList<NodeRef> dialCandidates() const override { return dialHelpers(); }
    void askDialBack(const NodeRef& member, const net::DialBack& dial,
                     std::function<void(std::optional<net::DialStatus>)> done) override;
    void onReachabilityChanged() override;
    // The role a node that reaches the ring starts in: a member when peers see it at the very endpoint
    // it listens on (no NAT between) or when it does not check its reachability; else a client, until
    // the check says others can dial it.
    [[nodiscard]] Role firstRole() const;
    // Whether `observed`, an endpoint a peer saw this node at, is the one it listens on.
    [[nodiscard]] bool isOwnEndpoint(const net::Endpoint& observed) const;
    void becomeMember();
    // Hands this node's keys on and tells its neighbours, as leaving does, then goes on as a client.
    void becomeClient();
    // The observed endpoint to check: of the family this node listens on, where it agrees on a port.
    [[nodiscard]] std::optional<net::Endpoint> observedEndpoint() const;
    // The observed view of that family calls the NAT symmetric.
    [[nodiscard]] bool observedSymmetric() const;
    std::optional<net::Body> handleDial(const net::RequestContext& context, const net::Message& request);
    // RendezvousService::Host (isMember() is public)
    void sendConnect(const net::Endpoint& client, const net::Connect& connect) override;
    std::optional<net::Body> handleRendezvous(const net::RequestContext& context,
                                              const net::Message& request);
    // A client attaches to its rendezvous when it has a new one and renews it on the timer; a member drops
    // what it knew of its own rendezvous.
    void keepAttached();
    void sendAttach(const NodeRef& rendezvous);
    void setAttached(const std::optional<NodeRef>& rendezvous);

    void enterRing();
    void startMaintenance();
    void stopMaintenance();
    void schedule(Timer& timer, Millis interval);
    void stabilize();
    void onNeighbors(const NodeRef& successor, const net::Neighbors& neighbors);
    void notify(const NodeRef& successor);
    void crossCheckSuccessor();
    void probeLostPeer();
    void askForCloserSuccessor(const NodeRef& via);
    void checkPredecessor();
    void pingNextSuccessor();
    void fixFingers();
    void recover();
    void tryBootstrap(int index);
    void replicateOwned();
    void expireRecords();

    // Every Ping goes through here: the Pong's report of where it saw us is a vote on our own address.
    void ping(const net::Endpoint& to, QByteArray challenge, net::Rpc::Callback done);
    void ensureProven(const NodeRef& node, std::function<void(bool)> done);
    void proveEndpoint(const net::Endpoint& endpoint, std::function<void(std::optional<NodeRef>)> done);
    void proveNewSuccessors(const QList<NodeRef>& offered);
    [[nodiscard]] QList<NodeRef> provenOnly(const QList<NodeRef>& nodes) const {
        return m_proofs.provenOnly(nodes);
    }
    void runLookup(const NodeId& key, const QList<NodeRef>& initial, LookupDone done);
    [[nodiscard]] LookupRegistry::Options lookupOptions() const;
    void markDead(const NodeId& id);
    void setPredecessor(const std::optional<NodeRef>& node);
    void successorsChanged(const QList<NodeRef>& before);
    void push(const std::optional<Handoff>& handoff);
    [[nodiscard]] Neighbourhood here() const { return {m_id, m_predecessor, m_successors.entries()}; }
    [[nodiscard]] bool owns(const NodeId& key) const { return here().owns(key); }
    [[nodiscard]] QList<NodeRef> routingCandidates() const;

    crypto::Identity m_identity;
    NodeId m_id;
    Clock& m_clock;
    Random& m_random;
    ChordConfig m_config;
    net::Rpc m_rpc;
    State m_state = State::Idle;
    Role m_role = Role::Member;
    // A peer saw this node at the endpoint it listens on: nothing translates its address.
    bool m_seenDirectly = false;

    std::optional<NodeRef> m_predecessor;
    // The last predecessor known, even after it failed: the start of the key range this node took over.
    std::optional<NodeRef> m_lastPredecessor;
    SuccessorList m_successors;
    FingerTable m_fingers;
    RecordStore m_store;
    ReplicationPlanner m_replication;
    QList<net::Endpoint> m_bootstrap;

    ProofCache m_proofs;
    net::AddressObserver m_observed;
    // Peers that stopped answering: tried again now and then, since a peer that answers again means the
    // network between us has healed, and its side may have formed a ring apart.
    LostPeers m_lost;

    LookupRegistry m_lookups;
    Publisher m_publisher;
    DialBackService m_dialBack;
    ReachabilityChecker m_reachability;
    RendezvousService m_rendezvousService;
    std::optional<NodeRef> m_attachedTo;
    bool m_attaching = false;
    DialLimiter m_connectRequests;
    net::SocketFactory* m_freshSockets = nullptr;
    int m_nextFinger = 0;
    bool m_fixingFinger = false;
    bool m_stabilizing = false;
    bool m_recovering = false;
    int m_pingIndex = 1;
    static constexpr int kMaxQuickSteps = 64;
    int m_quickSteps = 0;
    static constexpr int kCrossCheckRounds = 4;
    quint64 m_rounds = 0;

    std::unique_ptr<Timer> m_stabilizeTimer;
    std::unique_ptr<Timer> m_fingerTimer;
    std::unique_ptr<Timer> m_predecessorTimer;
    std::unique_ptr<Timer> m_replicateTimer;
    std::unique_ptr<Timer> m_expireTimer;
    std::unique_ptr<Timer> m_rejoinTimer;
    std::unique_ptr<Timer> m_attachTimer;
};

} // namespace ringshare::dht
