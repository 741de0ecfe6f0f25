// ChordNode's part in the reachability check (dial-back): the requests it answers for others, what its
// own ReachabilityChecker and DialBackService ask of it, and the move between member and client that the
// verdict decides.
#include "base/logging.h"
#include "dht/chordnode.h"

#include <QNetworkInterface>
#include <algorithm>

namespace ringshare::dht {

using net::Endpoint;
using net::Message;

QList<NodeRef> ChordNode::dialHelpers() const {
    QList<NodeRef> members;
    QSet<NodeId> seen;
    QList<NodeRef> candidates = routingCandidates();
    if (m_predecessor)
        candidates.append(*m_predecessor);
    for (const NodeRef& node : std::as_const(candidates)) {
        if (node.id == m_id || seen.contains(node.id) || !isProven(node))
            continue;
        seen.insert(node.id);
        members.append(node);
    }
    return members;
}

void ChordNode::askHelper(const NodeRef& helper, const net::DialForMe& dial) {
    m_rpc.request(helper.endpoint, dial, [helper](const Message* reply) {
        const auto* answer = reply ? std::get_if<net::DialForMeReply>(&reply->body) : nullptr;
        if (!answer || answer->status != net::DialStatus::Accepted)
            qCDebug(lcDht) << "member" << helper.endpoint.toString() << "did not send a probe for us";
    });
}

std::unique_ptr<net::Transport> ChordNode::openFresh() {
    return m_freshSockets ? m_freshSockets->openFresh() : nullptr;
}

void ChordNode::askDialBack(const NodeRef& member, const net::DialBack& dial,
                            std::function<void(std::optional<net::DialStatus>)> done) {
    m_rpc.request(member.endpoint, dial, [done = std::move(done)](const Message* reply) {
        const auto* answer = reply ? std::get_if<net::DialBackReply>(&reply->body) : nullptr;
        done(answer ? std::optional(answer->status) : std::nullopt);
    });
}

namespace {

// The views of the family a node listening at `local` can be dialled on: any, when it listens on all.
QList<net::ObservedAddress> viewsFor(const QList<net::ObservedAddress>& views, const Endpoint& local) {
    const QHostAddress address = net::plainAddress(local.address);
    if (address.isNull() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 ||
        address.protocol() == QAbstractSocket::AnyIPProtocol)
        return views;
    QList<net::ObservedAddress> matching;
    for (const net::ObservedAddress& view : views)
        if (view.address.protocol() == address.protocol())
            matching.append(view);
    return matching;
}

} // namespace

std::optional<Endpoint> ChordNode::observedEndpoint() const {
    for (const net::ObservedAddress& view : viewsFor(m_observed.views(), m_rpc.localEndpoint()))
        if (std::optional<Endpoint> endpoint = view.endpoint())
            return endpoint;
    return std::nullopt;
}

bool ChordNode::observedSymmetric() const {
    const QList<net::ObservedAddress> views = viewsFor(m_observed.views(), m_rpc.localEndpoint());
    return !views.isEmpty() && std::all_of(views.begin(), views.end(),
                                           [](const net::ObservedAddress& view) { return view.symmetric; });
}

void ChordNode::setClaimedEndpoint(const std::optional<Endpoint>& endpoint) {
    if (m_config.checkReachability)
        m_reachability.setClaimedEndpoint(endpoint);
}

void ChordNode::recheckReachability() {
    if (!m_config.checkReachability)
        return;
    if (!m_reachability.setObservedEndpoint(observedEndpoint(), observedSymmetric()))
        m_reachability.recheck();
}

std::optional<net::Body> ChordNode::handleDial(const net::RequestContext& context, const Message& request) {
    if (const auto* dial = std::get_if<net::DialBack>(&request.body))
        return net::DialBackReply{m_dialBack.onDialBack(context, *dial)};
    if (const auto* dial = std::get_if<net::DialForMe>(&request.body))
        return net::DialForMeReply{m_dialBack.onDialForMe(context, request.sender, *dial)};
    if (const auto* probe = std::get_if<net::DialProbe>(&request.body)) {
        if (m_config.checkReachability)
            m_reachability.onProbe(context.from, probe->nonce);
    }
    return std::nullopt; // a probe is never answered: its sender's socket is gone
}

// ---- Member or client ------------------------------------------------------------------------------

std::optional<NodeRef> ChordNode::rendezvous() const {
    if (!isClient() || m_successors.isEmpty())
        return std::nullopt;
    return m_successors.first();
}

bool ChordNode::isOwnEndpoint(const Endpoint& observed) const {
    const Endpoint local = m_rpc.localEndpoint();
    if (observed.port != local.port)
        return false;
    const QHostAddress seen = net::plainAddress(observed.address);
    const QHostAddress bound = net::plainAddress(local.address);
    if (seen == bound)
        return true;
    const bool any = bound == QHostAddress::AnyIPv4 || bound == QHostAddress::AnyIPv6 ||
                     bound.protocol() == QAbstractSocket::AnyIPProtocol;
    if (!any)
        return false;
    const QList<QHostAddress> own = QNetworkInterface::allAddresses();
    return std::any_of(own.begin(), own.end(),
                       [&](const QHostAddress& address) { return net::plainAddress(address) == seen; });
}

ChordNode::Role ChordNode::firstRole() const {
    if (!m_config.checkReachability || m_seenDirectly)
        return Role::Member;
    return m_reachability.status().state == Reachability::Reachable ? Role::Member : Role::Client;
}

void ChordNode::onReachabilityChanged() {
    Q_EMIT reachabilityChanged();
    if (!isJoined())
        return;
    switch (m_reachability.status().state) {
    case Reachability::Reachable:
        if (m_role == Role::Client)
            becomeMember();
        break;
    case Reachability::Unreachable:
        // The last member stays one: a ring of clients alone would have nobody to own the keys.
        if (m_role == Role::Member && !m_successors.isEmpty() && m_successors.first().id != m_id)
            becomeClient();
        break;
    case Reachability::Unknown:
    case Reachability::Checking:
        break;
    }
}

void ChordNode::becomeMember() {
    qCInfo(lcDht) << m_id.shortHex() << "can be dialled: joining the ring as a member";
    m_role = Role::Member;
    m_rpc.setNamesSender(true);
    Q_EMIT roleChanged();
    stabilize(); // its Notify makes the successor take it as predecessor and hand it its keys
}

void ChordNode::becomeClient() {
    qCInfo(lcDht) << m_id.shortHex() << "cannot be dialled: going on as a client of the ring";
    const NodeRef successor = m_successors.first();
    if (const std::optional<Handoff> handoff = m_replication.leaving(here(), m_clock.unixMillis()))
        for (const Record& record : handoff->records)
            m_rpc.request(successor.endpoint, net::Store{record.encode()}, [](const Message*) {});
    m_rpc.request(successor.endpoint, net::Leave{m_predecessor, {}}, [](const Message*) {});
    if (m_predecessor && m_predecessor->id != successor.id)
        m_rpc.request(m_predecessor->endpoint, net::Leave{std::nullopt, m_successors.entries()},
                      [](const Message*) {});
    m_role = Role::Client;
    m_rpc.setNamesSender(false);
    m_store = RecordStore(m_store.limits()); // what it held is handed on; a client answers for no key
    setPredecessor(std::nullopt);
    Q_EMIT roleChanged();
}

} // namespace ringshare::dht
