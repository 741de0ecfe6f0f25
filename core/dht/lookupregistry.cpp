// LookupRegistry: starts iterative lookups and lets each go once it has called back.
#include "dht/lookupregistry.h"

namespace ringshare::dht {

IterativeLookup& LookupRegistry::add(const NodeId& key, const QList<NodeRef>& initial, const Options& options,
                                     IterativeLookup::Done done) {
    const quint64 handle = m_next++;
    auto search =
        std::make_unique<IterativeLookup>(m_rpc, key, options.self, initial, options.maxQueries,
                                          [this, handle, done = std::move(done)](const LookupResult& result) {
                                              // The lookup calls this as its very last act, so it may be
                                              // destroyed here; `done` may start other lookups, so the entry
                                              // goes before it is called.
                                              const auto finished = std::move(m_lookups[handle]);
                                              m_lookups.erase(handle);
                                              done(result);
                                          });
    IterativeLookup& lookup = *search;
    m_lookups.emplace(handle, std::move(search));
    if (options.joining)
        lookup.setJoining();
    return lookup;
}

void LookupRegistry::start(const NodeId& key, const QList<NodeRef>& initial, const Options& options,
                           IterativeLookup::Done done) {
    add(key, initial, options, std::move(done)).start();
}

void LookupRegistry::startAtOwner(const NodeId& key, const NodeRef& owner, const QList<NodeRef>& fallbacks,
                                  const Options& options, IterativeLookup::Done done) {
    add(key, {}, options, std::move(done)).startAtOwner(owner, fallbacks);
}

} // namespace ringshare::dht
