// ChordNode's part in reverse connections: a client attaching to its rendezvous and acting on the Connect
// requests it passes on, a member serving as rendezvous through its RendezvousService, and a requester
// asking a rendezvous to have its client connect.
#include "base/logging.h"
#include "dht/chordnode.h"

namespace ringshare::dht {

using net::Endpoint;
using net::Message;

void ChordNode::keepAttached() {
    const std::optional<NodeRef> rendezvous = isClient() ? this->rendezvous() : std::nullopt;
    if (!isClient())
        m_attachTimer->stop();
    if (!isMember())
        m_rendezvousService.clear(); // a client is nobody's rendezvous
    if (!rendezvous) {
        setAttached(std::nullopt);
        return;
    }
    if (m_attachedTo == rendezvous)
        return; // attached there already; the timer renews it
    sendAttach(*rendezvous);
}

void ChordNode::sendAttach(const NodeRef& rendezvous) {
    if (m_attaching)
        return; // the answer to the one in flight decides; the timer or a later change sends the next
    m_attaching = true;
    const qint64 now = m_clock.unixMillis();
    const net::Attach attach{m_identity.publicKey(), now,
                             m_identity.sign(net::attachBytes(rendezvous.id, m_id, now))};
    m_rpc.request(rendezvous.endpoint, attach, [this, rendezvous](const Message* reply) {
        m_attaching = false;
        if (!isClient())
            return;
        const auto* answer = reply ? std::get_if<net::AttachReply>(&reply->body) : nullptr;
        const std::optional<NodeRef> current = this->rendezvous();
        if (!current || current->id != rendezvous.id) {
            keepAttached(); // the rendezvous moved while this one was asked
            return;
        }
        if (answer && answer->status == net::AttachStatus::Attached) {
            setAttached(rendezvous);
            schedule(*m_attachTimer, m_config.attachInterval);
            return;
        }
        // Not taken (no cookie yet, say): the next try shows the cookie this answer carried. A renewal that
        // went unanswered keeps the attachment; a rendezvous that died is noticed by stabilize.
        qCDebug(lcDht) << m_id.shortHex() << "rendezvous" << rendezvous.endpoint.toString()
                       << (answer ? "did not take the attachment" : "did not answer the attachment");
        if (answer || (m_attachedTo && m_attachedTo->id != rendezvous.id))
            setAttached(std::nullopt);
        schedule(*m_attachTimer, m_config.attachRetryInterval);
    });
}

void ChordNode::setAttached(const std::optional<NodeRef>& rendezvous) {
    if (m_attachedTo == rendezvous)
        return;
    m_attachedTo = rendezvous;
    if (rendezvous)
        qCInfo(lcDht) << m_id.shortHex() << "attached to rendezvous" << rendezvous->id.shortHex()
                      << rendezvous->endpoint.toString();
    Q_EMIT attachmentChanged();
}

void ChordNode::sendConnect(const Endpoint& client, const net::Connect& connect) {
    // The client acts only on a Connect that shows its cookie; it has never answered this node before,
    // so the first one is answered with a cookie alone and sent again showing it.
    m_rpc.request(client, connect, [this, client, connect](const Message* reply) {
        if (reply && !reply->cookie.isEmpty())
            m_rpc.request(client, connect, [](const Message*) {});
    });
}

void ChordNode::askToConnect(const NodeRef& rendezvous, const NodeId& target, quint16 port,
                             std::function<void(std::optional<net::CallStatus>)> done) {
    if (rendezvous.id != m_id) {
        dht::askToConnect(m_rpc, rendezvous, net::CallMe{target, port, m_id}, std::move(done));
        return;
    }
    // This node is the client's rendezvous itself: it tells its client straight, with the endpoint the
    // check found others reach it at.
    const std::optional<Endpoint> client = m_rendezvousService.clientAt(target);
    const std::optional<Endpoint> here = m_reachability.status().endpoint;
    if (!client || !here || !isMember()) {
        done(client ? net::CallStatus::Refused : net::CallStatus::Unknown);
        return;
    }
    sendConnect(*client, net::Connect{NodeRef{m_id, Endpoint{here->address, port}}});
    done(net::CallStatus::Forwarded);
}

std::optional<net::Body> ChordNode::handleRendezvous(const net::RequestContext& context,
                                                     const Message& request) {
    if (const auto* attach = std::get_if<net::Attach>(&request.body))
        return net::AttachReply{m_rendezvousService.onAttach(context, *attach)};
    if (const auto* call = std::get_if<net::CallMe>(&request.body))
        return net::CallMeReply{m_rendezvousService.onCallMe(context, *call)};
    const auto* connect = std::get_if<net::Connect>(&request.body);
    // Only the rendezvous this node attached to may ask it to dial out, from a source a cookie proves
    // (the answer to a first try carries one), and not without bound.
    if (!connect || !isClient() || !m_attachedTo || !(m_attachedTo->endpoint == context.from))
        return std::nullopt;
    if (!context.addressProven)
        return net::ConnectReply{};
    // Nor may it point this node at its own host or LAN from afar: the requester is no nearer than the
    // rendezvous, and an address a dial can go to.
    const QHostAddress at = net::plainAddress(connect->requester.endpoint.address);
    if (!DialBackService::dialable(at) ||
        DialBackService::reach(at) < DialBackService::reach(context.from.address) ||
        isOwnEndpoint(Endpoint{at, m_rpc.localEndpoint().port})) {
        qCDebug(lcDht) << m_id.shortHex() << "refused to connect to"
                       << connect->requester.endpoint.toString();
        return net::ConnectReply{};
    }
    if (m_connectRequests.admit(at) && connect->requester.id != m_id) {
        qCDebug(lcDht) << m_id.shortHex() << "asked to connect to" << connect->requester.endpoint.toString();
        Q_EMIT connectRequested(connect->requester);
    }
    return net::ConnectReply{};
}

} // namespace ringshare::dht
