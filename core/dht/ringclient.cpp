#include "dht/ringclient.h"

namespace ringshare::dht {

RingClient::RingClient(net::Transport& transport, Clock& clock, Random& random, net::RpcOptions options)
    : m_random(random), m_rpc(transport, clock, random, std::nullopt, options) {}

void RingClient::identify(const net::Endpoint& contact, std::function<void(std::optional<NodeRef>)> done) {
    const QByteArray challenge = m_random.bytes(net::kChallengeSize);
    m_rpc.request(contact, net::Ping{challenge}, [contact, challenge, done](const net::Message* reply) {
        const std::optional<NodeId> id = net::provenSender(reply, challenge);
        done(id ? std::optional<NodeRef>(NodeRef{*id, contact}) : std::nullopt);
    });
}

void RingClient::walk(const NodeRef& start, int limit,
                      std::function<void(const QList<NodeRef>&, bool)> done) {
    walkStep(std::make_shared<QList<NodeRef>>(QList<NodeRef>{start}), limit, std::move(done));
}

void RingClient::walkStep(std::shared_ptr<QList<NodeRef>> ring, int limit,
                          std::function<void(const QList<NodeRef>&, bool)> done) {
    const NodeRef at = ring->last();
    m_rpc.request(at.endpoint, net::GetNeighbors{}, [this, ring, limit, done](const net::Message* reply) {
        const auto* neighbors = reply ? std::get_if<net::Neighbors>(&reply->body) : nullptr;
        if (!neighbors) {
            done(*ring, false);
            return;
        }
        // A node alone has no successors: the ring is that one node.
        if (neighbors->successors.isEmpty() || neighbors->successors.first().id == ring->first().id) {
            done(*ring, true);
            return;
        }
        const NodeRef next = neighbors->successors.first();
        const bool loops =
            std::any_of(ring->begin(), ring->end(), [&](const NodeRef& n) { return n.id == next.id; });
        if (loops || ring->size() >= limit) {
            done(*ring, false); // a loop that misses the start, or a ring larger than we may walk
            return;
        }
        ring->append(next);
        walkStep(ring, limit, done);
    });
}

void RingClient::lookup(const NodeRef& contact, const NodeId& key,
                        std::function<void(const LookupResult&)> done) {
    m_lookup = std::make_unique<IterativeLookup>(m_rpc, key, std::nullopt, QList<NodeRef>{contact}, 64,
                                                 std::move(done));
    m_lookup->start();
}

} // namespace ringshare::dht
