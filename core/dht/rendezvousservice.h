// RendezvousService: a member's side of reverse connections. It keeps the clients that attached to it (each
// proven by a signature) and passes a requester's "ask your client to connect to me" on to the client,
// within rate limits that stop it from being a way to send traffic at strangers; the node does the sending.
#pragma once

#include "base/clock.h"
#include "dht/dialbackservice.h"
#include "net/message.h"
#include "net/rpc.h"

#include <QHash>

namespace ringshare::dht {

struct RendezvousOptions {
    // Clients attached at once; past this an Attach from a new client is answered Full.
    int maxClients = 256;
    // Of them, from one source (an IPv4 address or an IPv6 /64: one NAT's homes share it).
    int maxClientsPerSource = 16;
    // An attachment not renewed within this long is forgotten (clients renew every ~20 s).
    Millis lifetime{90'000};
    // An Attach signed further than this from this node's clock is refused: a replay, or a clock gone wrong.
    Millis maxClockSkew{10 * 60'000};
    // Calls passed on, within `window`: per requester (an IPv4 address or an IPv6 /64), per client address
    // (clients behind one NAT share it), and for everyone together.
    int callsPerRequester = 20;
    int callsPerClient = 30;
    int callsTotal = 240;
    Millis window{60'000};
};

// The requester's side: asks `rendezvous` to have `call.target` connect to this node. A first ask from an
// address the rendezvous has no cookie for is refused with a cookie in the answer; it is asked once more
// showing it. `done` gets the last answer, nullopt when there was none.
void askToConnect(net::Rpc& rpc, const NodeRef& rendezvous, const net::CallMe& call,
                  std::function<void(std::optional<net::CallStatus>)> done);

class RendezvousService final {
public:
    // What the service needs from its node.
    class Host {
    public:
        virtual ~Host() = default;
        // Whether this node is a member of the ring now (only members are rendezvous).
        [[nodiscard]] virtual bool isMember() const = 0;
        // Sends `connect` to the client at `client` (retried until it answers or gives up).
        virtual void sendConnect(const net::Endpoint& client, const net::Connect& connect) = 0;
    };

    RendezvousService(Host& host, const NodeId& self, Clock& clock, RendezvousOptions options = {});

    // A client picks this node as its rendezvous, or renews it.
    net::AttachStatus onAttach(const net::RequestContext& context, const net::Attach& attach);
    // A requester asks for a client to connect to it: at the request's source address (it must be
    // proven) and the port it names.
    net::CallStatus onCallMe(const net::RequestContext& context, const net::CallMe& call);

    // Where an attached client was last heard from; nullopt when it is not attached (or it lapsed).
    [[nodiscard]] std::optional<net::Endpoint> clientAt(const NodeId& client) const;
    [[nodiscard]] int clientCount() const;
    // Drops every attachment (this node stopped being a member).
    void clear() { m_clients.clear(); }

    struct Stats {
        quint64 attached = 0;  // Attach answered Attached
        quint64 forwarded = 0; // CallMe passed on as a Connect
        quint64 refused = 0;   // Attach or CallMe refused (bad proof, stale, unproven, unusable address)
        quint64 rateLimited = 0;
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

private:
    struct Client {
        net::Endpoint endpoint;
        Millis lastSeen{0};
        qint64 signedAtMs = 0; // the newest Attach's time: an older one is a replay
    };
    [[nodiscard]] bool lapsed(const Client& client) const;
    void forgetLapsed();

    Host& m_host;
    NodeId m_self;
    Clock& m_clock;
    RendezvousOptions m_options;
    QHash<NodeId, Client> m_clients;
    DialLimiter m_requesters; // also counts every call together
    DialLimiter m_clientAddresses;
    Stats m_stats;
};

} // namespace ringshare::dht
