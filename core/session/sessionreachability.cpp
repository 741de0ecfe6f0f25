// Session's side of reachability: the port mapping on the home router, the endpoint it claims for the
// dial-back check, and the report the views and the node tool show.
#include "base/logging.h"
#include "dht/chordnode.h"
#include "dht/ringclient.h"
#include "net/mappingbackend.h"
#include "net/portmapper.h"
#include "session/session.h"
#include "transfer/transfermanager.h"

#include <algorithm>

namespace ringshare::session {

void Session::startPortMapping() {
    // Nobody outside could use a mapping to loopback, or to transports that are not this host's sockets.
    const QHostAddress bound = m_options.bind.value_or(QHostAddress(QHostAddress::Any));
    if (!m_options.portMapping || m_streams || !m_node || bound.isLoopback() || m_portMapper)
        return;
    net::MappingBackendFactory* backends = m_options.mappingBackends;
    if (!backends) {
        m_systemBackends = std::make_unique<net::SystemMappingBackends>();
        backends = m_systemBackends.get();
    }
    m_portMapper =
        std::make_unique<net::PortMapper>(port(), port(), *backends, m_clock, m_random, m_options.portMapper);
    connect(m_portMapper.get(), &net::PortMapper::stateChanged, this, &Session::onPortMappingChanged);
    m_portMapper->start();
}

void Session::onPortMappingChanged(const net::PortMappingState& state) {
    // While the router forwards the port, its external endpoint is the one to have checked; when it
    // drops the mapping, the node falls back to what peers see.
    using Phase = net::PortMappingState::Phase;
    if (state.phase == Phase::Mapped)
        m_node->setClaimedEndpoint(net::Endpoint{state.externalAddress, state.externalUdpPort});
    else
        m_node->setClaimedEndpoint(std::nullopt);
    Q_EMIT portMappingChanged(state);
    Q_EMIT reachabilityChanged(); // the method may be another even when the verdict stays
}

quint16 Session::transferPortForOthers() const {
    const net::PortMappingState mapping = portMapping();
    return mapping.phase == net::PortMappingState::Phase::Mapped ? mapping.externalTcpPort
                                                                 : m_transfers->listenPort();
}

void Session::wireReverseConnections() {
    m_transfers->setReverseConnector([this](const transfer::PeerAddress& peer) {
        const auto said = [id = peer.id](std::optional<net::CallStatus> status) {
            if (status != net::CallStatus::Forwarded)
                qCDebug(lcTransfer) << "the rendezvous of" << id.shortHex()
                                    << "did not pass the call on:" << (status ? int(*status) : -1);
        };
        if (m_client) {
            m_client->askToConnect(*peer.rendezvous, peer.id, m_identity->nodeId(), m_transfers->listenPort(),
                                   said);
        } else if (m_node->isMember()) {
            m_node->askToConnect(*peer.rendezvous, peer.id, transferPortForOthers(), said);
        } else {
            // A client cannot be reached by the connection it would ask for; that takes hole punching.
            qCDebug(lcTransfer) << "cannot ask" << peer.id.shortHex()
                                << "to connect: this node cannot be dialled either";
        }
    });
    if (m_node)
        connect(m_node.get(), &dht::ChordNode::connectRequested, this, [this](const net::NodeRef& requester) {
            if (m_transfers) // gone first when the session is destroyed
                m_transfers->connectTo(
                    {requester.endpoint.address, requester.endpoint.port, requester.id, std::nullopt});
        });
}

net::PortMappingState Session::portMapping() const {
    return m_portMapper ? m_portMapper->state() : net::PortMappingState{};
}

ReachabilityReport Session::reachability() const {
    ReachabilityReport report;
    if (!m_node)
        return report;
    const dht::ReachabilityStatus& status = m_node->reachability();
    report.state = status.state;
    report.endpoint = status.endpoint;
    // The verdict's time is on the monotonic clock; a report read later needs the wall clock's. A phase
    // that began before the node did (Unknown, never changed) began when the session started.
    report.sinceUnixMs =
        std::max(m_startedUnixMs, m_clock.unixMillis() - (m_clock.now() - status.since).count());
    if (status.endpoint) {
        const net::PortMappingState mapping = portMapping();
        const bool mapped =
            mapping.phase == net::PortMappingState::Phase::Mapped &&
            *status.endpoint == net::Endpoint{mapping.externalAddress, mapping.externalUdpPort};
        if (!mapped)
            report.method = ReachMethod::Direct;
        else
            report.method =
                mapping.method == net::MappingMethod::Upnp ? ReachMethod::Upnp : ReachMethod::NatPmp;
    }
    if (m_node->isClient()) {
        report.role = RingRole::Client;
        // The one that took the attachment, and so passes calls on; none while none has.
        if (const std::optional<dht::NodeRef>& rendezvous = m_node->attachedRendezvous())
            report.rendezvous = rendezvous->endpoint;
    }
    return report;
}

} // namespace ringshare::session
