// The iterative lookups an Rpc owner has running, each kept alive until it ends: one piece of bookkeeping
// for ChordNode and RingClient alike.
#pragma once

#include "dht/lookup.h"

#include <map>
#include <memory>
#include <optional>

namespace ringshare::dht {

// Lookups run side by side (a search asks for every word at once, maintenance looks up fingers while a
// publish is under way); each is owned here from its start to its last act. Destroying the registry drops
// the lookups still running without calling them back, so the Rpc they use must be abandoned first.
class LookupRegistry final {
public:
    struct Options {
        // The asker's ID when it is on the ring (never asked, and the owner when its turn comes).
        std::optional<NodeId> self;
        int maxQueries = 64;
        // The asker is still joining (see IterativeLookup::setJoining).
        bool joining = false;
    };

    explicit LookupRegistry(net::Rpc& rpc) : m_rpc(rpc) {}
    LookupRegistry(const LookupRegistry&) = delete;
    LookupRegistry& operator=(const LookupRegistry&) = delete;

    // Routes towards `key` from `initial`.
    void start(const NodeId& key, const QList<NodeRef>& initial, const Options& options,
               IterativeLookup::Done done);
    // Skips routing: `owner` is believed to own `key` and only needs checking, `fallbacks` next in line.
    void startAtOwner(const NodeId& key, const NodeRef& owner, const QList<NodeRef>& fallbacks,
                      const Options& options, IterativeLookup::Done done);

    [[nodiscard]] int running() const { return int(m_lookups.size()); }

private:
    IterativeLookup& add(const NodeId& key, const QList<NodeRef>& initial, const Options& options,
                         IterativeLookup::Done done);

    net::Rpc& m_rpc;
    std::map<quint64, std::unique_ptr<IterativeLookup>> m_lookups;
    quint64 m_next = 0;
};

} // namespace ringshare::dht
