// RendezvousService: the member's side of reverse connections; see rendezvousservice.h.
#include "dht/rendezvousservice.h"

#include "base/logging.h"

#include <algorithm>
#include <cstdlib>

namespace ringshare::dht {

void askToConnect(net::Rpc& rpc, const NodeRef& rendezvous, const net::CallMe& call,
                  std::function<void(std::optional<net::CallStatus>)> done) {
    const auto status = [](const net::Message* reply) -> std::optional<net::CallStatus> {
        const auto* answer = reply ? std::get_if<net::CallMeReply>(&reply->body) : nullptr;
        return answer ? std::optional(answer->status) : std::nullopt;
    };
    rpc.request(rendezvous.endpoint, call,
                [&rpc, rendezvous, call, status, done = std::move(done)](const net::Message* reply) {
                    if (status(reply) != net::CallStatus::Refused || reply->cookie.isEmpty()) {
                        done(status(reply));
                        return;
                    }
                    rpc.request(rendezvous.endpoint, call,
                                [status, done](const net::Message* again) { done(status(again)); });
                });
}

RendezvousService::RendezvousService(Host& host, const NodeId& self, Clock& clock, RendezvousOptions options)
    : m_host(host), m_self(self), m_clock(clock), m_options(options),
      m_requesters(clock, options.callsPerRequester, options.callsTotal, options.window),
      m_clientAddresses(clock, options.callsPerClient, options.callsTotal, options.window) {}

bool RendezvousService::lapsed(const Client& client) const {
    return m_clock.now() - client.lastSeen >= m_options.lifetime;
}

void RendezvousService::forgetLapsed() {
    for (auto it = m_clients.begin(); it != m_clients.end();)
        it = lapsed(*it) ? m_clients.erase(it) : std::next(it);
}

net::AttachStatus RendezvousService::onAttach(const net::RequestContext& context, const net::Attach& attach) {
    // A forged source would have the client's calls sent to whoever it names.
    if (!m_host.isMember() || !context.addressProven || !DialBackService::dialable(context.from.address)) {
        ++m_stats.refused;
        return net::AttachStatus::Refused;
    }
    const NodeId client = attach.publicKey.nodeId();
    if (client == m_self ||
        std::llabs(attach.timestampMs - m_clock.unixMillis()) > m_options.maxClockSkew.count() ||
        !attach.publicKey.verify(net::attachBytes(m_self, client, attach.timestampMs), attach.signature)) {
        ++m_stats.refused;
        return net::AttachStatus::Refused;
    }
    forgetLapsed();
    const auto known = m_clients.find(client);
    if (known != m_clients.end() && attach.timestampMs == known->signedAtMs &&
        known->endpoint == context.from)
        return net::AttachStatus::Attached; // a retry whose first answer was lost
    if (known != m_clients.end() && attach.timestampMs <= known->signedAtMs) {
        ++m_stats.refused; // replayed (a new Attach always carries a later time)
        return net::AttachStatus::Refused;
    }
    const QHostAddress source = net::sourceOf(net::plainAddress(context.from.address));
    const auto fromSource = std::count_if(m_clients.cbegin(), m_clients.cend(), [&](const Client& other) {
        return net::sourceOf(net::plainAddress(other.endpoint.address)) == source;
    });
    // One address (or /64) cannot fill the table with keys it made up.
    if (known == m_clients.end() &&
        (m_clients.size() >= m_options.maxClients || fromSource >= m_options.maxClientsPerSource)) {
        ++m_stats.rateLimited;
        return net::AttachStatus::Full;
    }
    if (known == m_clients.end())
        qCDebug(lcDht) << "client" << client.shortHex() << "attached from" << context.from.toString();
    m_clients.insert(client, Client{context.from, m_clock.now(), attach.timestampMs});
    ++m_stats.attached;
    return net::AttachStatus::Attached;
}

net::CallStatus RendezvousService::onCallMe(const net::RequestContext& context, const net::CallMe& call) {
    // The client will dial the request's source address: it must not be forged.
    const QHostAddress requesterAddress = net::plainAddress(context.from.address);
    if (!m_host.isMember() || !context.addressProven || call.port == 0 ||
        !DialBackService::dialable(requesterAddress)) {
        ++m_stats.refused;
        return net::CallStatus::Refused;
    }
    const std::optional<net::Endpoint> client = clientAt(call.target);
    if (!client)
        return net::CallStatus::Unknown;
    // Nobody on the internet gets a client to dial into its own host or LAN.
    if (DialBackService::reach(requesterAddress) < DialBackService::reach(client->address)) {
        ++m_stats.refused;
        return net::CallStatus::Refused;
    }
    if (!m_requesters.admit(requesterAddress) || !m_clientAddresses.admit(client->address)) {
        ++m_stats.rateLimited;
        return net::CallStatus::Busy;
    }
    ++m_stats.forwarded;
    m_host.sendConnect(*client,
                       net::Connect{NodeRef{call.requester, net::Endpoint{requesterAddress, call.port}}});
    return net::CallStatus::Forwarded;
}

std::optional<net::Endpoint> RendezvousService::clientAt(const NodeId& client) const {
    const auto it = m_clients.constFind(client);
    if (it == m_clients.constEnd() || lapsed(*it))
        return std::nullopt;
    return it->endpoint;
}

int RendezvousService::clientCount() const {
    return int(std::count_if(m_clients.cbegin(), m_clients.cend(),
                             [this](const Client& client) { return !lapsed(client); }));
}

} // namespace ringshare::dht
