// RecordSource: where search and source finding read the DHT from (a ring node or a ring client).
#pragma once

#include "dht/chordnode.h"
#include "dht/ringclient.h"

#include <functional>

namespace ringshare::share {

using net::NodeRef;

// Where search and source finding read the DHT from: a node on the ring, or a client that only asks.
class RecordSource {
public:
    virtual ~RecordSource() = default;
    // The verified, unexpired records under `key`; `reached` is false when no replica could be asked.
    using RecordsDone = std::function<void(const QList<dht::Record>& records, bool reached)>;
    virtual void getRecords(const NodeId& key, RecordsDone done) = 0;
    // The member that owns `id`'s place on the ring: the node with exactly this ID when it is a member,
    // else the member a client with this ID attaches to (its rendezvous, which owns the client's ID);
    // nullopt when the lookup failed.
    using LocateDone = std::function<void(std::optional<NodeRef> owner)>;
    virtual void locate(const NodeId& id, LocateDone done) = 0;
};

class NodeRecordSource final : public RecordSource {
public:
    explicit NodeRecordSource(dht::ChordNode& node) : m_node(node) {}
    void getRecords(const NodeId& key, RecordsDone done) override {
        m_node.get(
            key, [done = std::move(done)](const QList<dht::Record>& records,
                                          const dht::LookupResult& lookup) { done(records, lookup.found); });
    }
    void locate(const NodeId& id, LocateDone done) override {
        m_node.lookup(id, [done = std::move(done)](const dht::LookupResult& lookup) {
            done(lookup.found ? std::optional<NodeRef>(lookup.owner) : std::nullopt);
        });
    }

private:
    dht::ChordNode& m_node;
};

class ClientRecordSource final : public RecordSource {
public:
    ClientRecordSource(dht::RingClient& client, NodeRef contact) : m_client(client), m_contact(contact) {}
    void getRecords(const NodeId& key, RecordsDone done) override {
        m_client.get(
            m_contact, key,
            [done = std::move(done)](const QList<dht::Record>& records, const dht::LookupResult& lookup) {
                done(records, lookup.found);
            });
    }
    void locate(const NodeId& id, LocateDone done) override {
        m_client.lookup(m_contact, id, [done = std::move(done)](const dht::LookupResult& lookup) {
            done(lookup.found ? std::optional<NodeRef>(lookup.owner) : std::nullopt);
        });
    }

private:
    dht::RingClient& m_client;
    NodeRef m_contact;
};

} // namespace ringshare::share
