// Flooding: joining through a bootstrap node, forwarding with duplicate suppression, direct answers.
#include "lab/flooding.h"

namespace ringshare::lab {

Flooding::Flooding(int peers, int ttl, quint64 seed)
    : LabNetwork(peers, seed), m_ttl(ttl), m_neighbours(peers), m_seen(peers), m_has(peers),
      m_known(kBootstrapNodes) {
    for (int peer = 0; peer < peers; ++peer) {
        m_has[peer] = random().next64();
        addContent(peer, m_has[peer]);
    }
    // Peers arrive one after another; each says hello to a random bootstrap node, which offers it peers
    // it has heard of, and connects to some of them.
    for (int peer = 0; peer < peers; ++peer) {
        const int bootstrap = int(random().bounded(kBootstrapNodes));
        if (peer != bootstrap)
            send(peer, bootstrap, LabMessage{.type = LabMessage::Type::Hello});
        settle();
    }
}

double Flooding::meanDegree() const {
    double links = 0;
    for (const QList<int>& n : m_neighbours)
        links += double(n.size());
    return links / double(std::max<qsizetype>(m_neighbours.size(), 1));
}

void Flooding::batchDone() {
    for (QHash<quint64, int>& seen : m_seen)
        seen.clear();
}

void Flooding::startQuery(int from, quint64 query, quint64 key) {
    m_seen[from].insert(query, m_ttl);
    forward(from, -1,
            LabMessage{.type = LabMessage::Type::Query,
                       .query = query,
                       .key = key,
                       .origin = from,
                       .ttl = m_ttl,
                       .hops = 0});
}

void Flooding::forward(int at, int except, LabMessage message) {
    if (message.ttl <= 0)
        return;
    message.ttl -= 1;
    message.hops += 1;
    for (int neighbour : std::as_const(m_neighbours[at]))
        if (neighbour != except)
            send(at, neighbour, message);
}

void Flooding::receive(int at, int from, const LabMessage& message) {
    switch (message.type) {
    case LabMessage::Type::Hello: {
        QList<int>& known = m_known[at];
        LabMessage offer{.type = LabMessage::Type::Peers};
        for (int i = 0; i < kOffered && !known.isEmpty(); ++i)
            offer.peers.append(known[qsizetype(random().bounded(quint64(known.size())))]);
        offer.peers.append(at);
        known.append(from);
        send(at, from, offer);
        // The other bootstrap nodes hear of the newcomer too, or each would grow an overlay of its own.
        for (int other = 0; other < kBootstrapNodes; ++other)
            if (other != at)
                send(at, other, LabMessage{.type = LabMessage::Type::Register, .origin = from});
        break;
    }
    case LabMessage::Type::Register:
        if (at < kBootstrapNodes)
            m_known[at].append(message.origin);
        break;
    case LabMessage::Type::Peers: {
        int connected = 0;
        for (int peer : message.peers) {
            if (connected == kConnections || peer == at || m_neighbours[at].contains(peer))
                continue;
            m_neighbours[at].append(peer);
            send(at, peer, LabMessage{.type = LabMessage::Type::Connect});
            ++connected;
        }
        break;
    }
    case LabMessage::Type::Connect:
        if (!m_neighbours[at].contains(from))
            m_neighbours[at].append(from);
        break;
    case LabMessage::Type::Query: {
        const auto seen = m_seen[at].constFind(message.query);
        const bool first = seen == m_seen[at].cend();
        if (!first && *seen >= message.ttl)
            break; // a duplicate: suppressed
        m_seen[at].insert(message.query, message.ttl);
        if (m_has[at] == message.key) {
            if (!first)
                break; // answered already
            send(at, message.origin,
                 LabMessage{.type = LabMessage::Type::Answer,
                            .query = message.query,
                            .holder = at,
                            .hops = message.hops});
            break;
        }
        forward(at, from, message);
        break;
    }
    case LabMessage::Type::Answer:
        answered(message.query, message.holder, message.hops);
        break;
    default:
        break;
    }
}

} // namespace ringshare::lab
