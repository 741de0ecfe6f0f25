// ChordDiscovery: publishing each peer's record, running ChordNode::get queries and counting their messages.
#include "lab/chorddiscovery.h"

#include "lab/chordring.h"

#include <QHash>

using namespace std::chrono_literals;

namespace ringshare::lab {

ChordDiscovery::ChordDiscovery(int peers, quint64 seed)
    : m_sim(std::make_unique<dht::Simulation>(chordOptions(seed))) {
    buildRing(*m_sim, peers);
    m_nodes = m_sim->nodes();
    m_up = QList<bool>(m_nodes.size(), true);

    const crypto::Identity publisher = m_sim->makeIdentity();
    int stored = 0;
    for (qsizetype host = 0; host < m_nodes.size(); ++host) {
        m_keys.append(dht::recordKey(QStringLiteral("file:%1").arg(host)));
        const dht::Record record = dht::Record::create(publisher, m_keys.last(), QByteArray::number(host),
                                                       m_sim->clock().unixMillis(), 86'400);
        m_nodes[host]->put(record, [&stored](bool) { ++stored; });
    }
    m_sim->runUntil([&] { return stored == m_nodes.size(); }, 600s);
    m_sim->run(2s); // the owners' copies to their successors

    const quint64 before = m_sim->network().stats().sent;
    const Millis quiet = 2s;
    m_sim->run(quiet);
    m_upkeep = double(m_sim->network().stats().sent - before) / double(m_nodes.size()) /
               (double(quiet.count()) / 1000.0);
}

QList<int> ChordDiscovery::peers() const {
    QList<int> out;
    for (int host = 0; host < m_nodes.size(); ++host)
        out.append(host);
    return out;
}

void ChordDiscovery::fail(int host) {
    if (!m_up[host])
        return;
    m_up[host] = false;
    m_sim->crash(*m_nodes[host]);
}

Discovery::Batch ChordDiscovery::run(const QList<Query>& queries) {
    QHash<NodeId, int> hostOf;
    for (int host = 0; host < m_nodes.size(); ++host)
        if (m_up[host])
            hostOf.insert(m_nodes[host]->id(), host);
    const int attempts = m_sim->options().chord.rpc.attempts;
    const int replication = m_sim->options().chord.replicationFactor;

    Batch batch;
    batch.outcomes.resize(queries.size());
    QList<quint64> received(m_nodes.size(), 0);
    int done = 0;
    for (qsizetype i = 0; i < queries.size(); ++i) {
        const Query query = queries[i];
        const Millis started = m_sim->clock().now();
        const QByteArray expected = QByteArray::number(query.holder);
        m_nodes[query.from]->get(m_keys[query.holder], [&, i, started, expected,
                                                        from = query.from](const QList<dht::Record>& records,
                                                                           const dht::LookupResult& lookup) {
            QueryOutcome& outcome = batch.outcomes[i];
            outcome.found = std::any_of(records.begin(), records.end(),
                                        [&](const dht::Record& r) { return r.value == expected; });
            outcome.hops = lookup.hops();
            outcome.latencyMs = double((m_sim->clock().now() - started).count());
            // Replicas read: as ChordNode::get picks them, the asker itself excepted.
            QList<int> read;
            if (lookup.found) {
                for (const dht::NodeRef& replica : lookup.replicas.mid(0, replication))
                    if (hostOf.contains(replica.id) && hostOf.value(replica.id) != from)
                        read.append(hostOf.value(replica.id));
            }
            batch.messages +=
                quint64(2 * (lookup.hops() + lookup.discarded + lookup.verifications + int(read.size())) +
                        attempts * lookup.timeouts);
            for (const dht::NodeRef& asked : lookup.path)
                if (hostOf.contains(asked.id))
                    ++received[hostOf.value(asked.id)];
            for (int host : std::as_const(read))
                ++received[host];
            ++done;
        });
    }
    m_sim->runUntil([&] { return done == queries.size(); }, 600s, 10ms);
    for (int host = 0; host < received.size(); ++host)
        if (received[host] > batch.busiestReceived) {
            batch.busiestReceived = received[host];
            batch.busiest = host;
        }
    return batch;
}

} // namespace ringshare::lab
