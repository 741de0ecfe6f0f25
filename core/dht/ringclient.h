// RingClient: talks to ring members without joining the ring (the node tool's `ring`, `lookup`, `put`
// and `get` commands, and searches through a contact).
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "dht/lookup.h"
#include "dht/lookupregistry.h"
#include "dht/record.h"
#include "net/rpc.h"

#include <functional>

namespace ringshare::dht {

// A client that takes no place on the ring (the node tool's `ring` and `lookup` commands): it talks to
// members through an Rpc that names no sender, and proves nothing about itself.
class RingClient final {
public:
    RingClient(net::Transport& transport, Clock& clock, Random& random, net::RpcOptions options = {});

    // Challenges `contact` to prove the node ID it claims; nullopt when it does not answer or fails.
    void identify(const net::Endpoint& contact, std::function<void(std::optional<NodeRef>)> done);

    // Walks the ring by successor pointers from `start`, at most `limit` steps, and returns every node in
    // ring order, `start` first. Stops early when a node does not answer (the list then ends there).
    void walk(const NodeRef& start, int limit,
              std::function<void(const QList<NodeRef>& ring, bool complete)> done);

    // Finds the owner of `key` starting from `contact`.
    void lookup(const NodeRef& contact, const NodeId& key, std::function<void(const LookupResult&)> done);

    // Finds the owner of the record's key and stores the record there (the owner copies it on to its
    // replicas). `status` is nullopt when no owner was found or it did not answer.
    void put(const NodeRef& contact, const Record& record,
             std::function<void(std::optional<net::StoreStatus> status, const LookupResult&)> done);
    // How many of a key's replicas get() reads (the owner and the next ones): a client does not know the
    // ring's replication factor, so it reads as many as the default keeps.
    static constexpr int kReplicasRead = 4;
    // The verified, unexpired records under `key`, merged from its replicas.
    void get(const NodeRef& contact, const NodeId& key,
             std::function<void(const QList<Record>&, const LookupResult&)> done);

    // Asks `rendezvous` to have its client `target` connect to `requester` (this program's transfers) at
    // the address the rendezvous sees this client at and `port`.
    void askToConnect(const NodeRef& rendezvous, const NodeId& target, const NodeId& requester, quint16 port,
                      std::function<void(std::optional<net::CallStatus>)> done);

private:
    Clock& m_clock;
    Random& m_random;
    net::Rpc m_rpc;
    LookupRegistry m_lookups{m_rpc};
};

} // namespace ringshare::dht
