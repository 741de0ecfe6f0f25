// RingClient: identify, walk, lookup, put and get for a client that holds no place on the ring.
#include "dht/ringclient.h"

#include "dht/rendezvousservice.h"
#include "dht/replicareader.h"
#include "dht/ringwalk.h"

namespace ringshare::dht {

RingClient::RingClient(net::Transport& transport, Clock& clock, Random& random, net::RpcOptions options)
    : m_clock(clock), m_random(random), m_rpc(transport, clock, random, std::nullopt, options) {}

void RingClient::identify(const net::Endpoint& contact, std::function<void(std::optional<NodeRef>)> done) {
    const QByteArray challenge = m_random.bytes(net::kChallengeSize);
    m_rpc.request(contact, net::Ping{challenge}, [contact, challenge, done](const net::Message* reply) {
        const std::optional<NodeId> id = net::provenSender(reply, challenge);
        done(id ? std::optional<NodeRef>(NodeRef{*id, contact}) : std::nullopt);
    });
}

void RingClient::walk(const NodeRef& start, int limit,
                      std::function<void(const QList<NodeRef>&, bool)> done) {
    walkRing(m_rpc, {start}, limit, std::move(done));
}

void RingClient::lookup(const NodeRef& contact, const NodeId& key,
                        std::function<void(const LookupResult&)> done) {
    m_lookups.start(key, {contact}, {std::nullopt, 64, false}, std::move(done));
}

void RingClient::put(const NodeRef& contact, const Record& record,
                     std::function<void(std::optional<net::StoreStatus>, const LookupResult&)> done) {
    lookup(contact, record.key, [this, record, done](const LookupResult& result) {
        if (!result.found) {
            done(std::nullopt, result);
            return;
        }
        m_rpc.request(result.owner.endpoint, net::Store{record.encode()},
                      [result, done](const net::Message* reply) {
                          const auto* answer = reply ? std::get_if<net::StoreReply>(&reply->body) : nullptr;
                          done(answer ? std::optional(answer->status) : std::nullopt, result);
                      });
    });
}

void RingClient::get(const NodeRef& contact, const NodeId& key,
                     std::function<void(const QList<Record>&, const LookupResult&)> done) {
    lookup(contact, key, [this, key, done](const LookupResult& result) {
        if (!result.found) {
            done({}, result);
            return;
        }
        QList<NodeRef> replicas = result.replicas.isEmpty() ? QList<NodeRef>{result.owner} : result.replicas;
        ReplicaReader::read(m_rpc, m_clock, key, replicas.mid(0, kReplicasRead), {},
                            [result, done](const QList<Record>& records, int) { done(records, result); });
    });
}

void RingClient::askToConnect(const NodeRef& rendezvous, const NodeId& target, const NodeId& requester,
                              quint16 port, std::function<void(std::optional<net::CallStatus>)> done) {
    dht::askToConnect(m_rpc, rendezvous, net::CallMe{target, port, requester}, std::move(done));
}

} // namespace ringshare::dht
