// Session's way onto the ring through named nodes: bootstrap nodes resolved each time they are used,
// contacts handed in (a link's), and the addresses others can reach this node at.
#include "dht/chordnode.h"
#include "net/hostresolver.h"
#include "session/bootstrapnodes.h"
#include "session/contactaddresses.h"
#include "session/session.h"

#include <QPointer>

namespace ringshare::session {

QList<net::Endpoint> Session::withRemembered(const QList<net::Endpoint>& bootstrap) const {
    QList<net::Endpoint> contacts = bootstrap;
    for (const net::Endpoint& peer : std::as_const(m_remembered))
        if (!contacts.contains(peer))
            contacts.append(peer);
    return contacts;
}

void Session::tell(const QStringList& warnings) {
    for (const QString& text : warnings)
        Q_EMIT warning(text);
}

void Session::joinThroughBootstrap() {
    // Literal addresses alone resolve at once, so such a join starts here as it always did; names join once
    // their lookups have answered.
    m_bootstrap->resolve([this](const QList<net::Endpoint>& endpoints, const QStringList& warnings) {
        if (m_stopping)
            return;
        tell(warnings);
        const QList<net::Endpoint> contacts = withRemembered(endpoints);
        if (contacts.isEmpty()) {
            // Every node named is a name that did not resolve: no ring of one, which would split the
            // network, but another lookup a little later. The warning above said why; "no bootstrap node
            // answered" would only cover it up (the app's message bar shows one message at a time).
            m_bootstrapRetry = m_clock.createTimer([this] { joinThroughBootstrap(); });
            m_bootstrapRetry->start(m_options.chord.rejoinInterval);
            return;
        }
        m_node->join(contacts);
        // Once every contact has had all its tries: say so, and keep trying (the network may come back).
        m_bootstrapWarning = m_clock.createTimer([this] {
            if (!m_node->isJoined())
                Q_EMIT bootstrapUnanswered();
        });
        const auto& rpc = m_options.chord.rpc;
        m_bootstrapWarning->start(rpc.timeout * rpc.attempts * contacts.size() + Millis(500));
        if (m_bootstrap->hasNames()) {
            // The node retries its bootstrap nodes every rejoinInterval; each retry gets fresh lookups.
            m_bootstrapRetry = m_clock.createTimer([this] { resolveBootstrapAgain(); });
            m_bootstrapRetry->start(m_options.chord.rejoinInterval);
        }
    });
}

void Session::resolveBootstrapAgain() {
    if (!m_node || m_node->state() != dht::ChordNode::State::Joining)
        return;
    m_bootstrapRetry->start(m_options.chord.rejoinInterval);
    m_bootstrap->resolve([this](const QList<net::Endpoint>& endpoints, const QStringList& warnings) {
        if (m_stopping || m_node->state() != dht::ChordNode::State::Joining)
            return;
        tell(warnings);
        if (const QList<net::Endpoint> contacts = withRemembered(endpoints); !contacts.isEmpty())
            m_node->setBootstrap(contacts);
    });
}

void Session::contactNow(const net::HostPort& node) {
    if (const std::optional<net::Endpoint> literal = node.endpoint()) {
        m_node->addContact(*literal);
        return;
    }
    net::resolveAll(*m_resolver, {node},
                    [this, guard = QPointer<Session>(this)](const net::Resolved& resolved) {
                        if (!guard || !m_node)
                            return;
                        for (const net::ResolveFailure& failure : resolved.failures)
                            Q_EMIT warning(net::describeFailure(failure));
                        for (const net::Endpoint& endpoint : resolved.endpoints)
                            m_node->addContact(endpoint);
                    });
}

void Session::addContact(const net::HostPort& node) {
    if (!node.isValid())
        return;
    if (!m_joinStarted) {
        if (!m_hints.contains(node))
            m_hints.append(node);
        return;
    }
    if (m_client) {
        // Off the ring, a contact matters only until one answers; it joins the queue of those tried.
        if (!m_records && !m_bootstrap->nodes().contains(node)) {
            m_bootstrap->add(node);
            net::resolveAll(*m_resolver, {node},
                            [this, guard = QPointer<Session>(this)](const net::Resolved& resolved) {
                                if (!guard)
                                    return;
                                for (const net::ResolveFailure& failure : resolved.failures)
                                    Q_EMIT warning(net::describeFailure(failure));
                                m_clientContacts.append(resolved.endpoints);
                            });
        }
        return;
    }
    if (!m_node)
        return;
    if (m_node->state() == dht::ChordNode::State::Joining && !m_bootstrap->nodes().contains(node)) {
        // Joining through the bootstrap nodes: this one is tried with them from the next round on.
        m_bootstrap->add(node);
        m_bootstrap->resolve([this](const QList<net::Endpoint>& endpoints, const QStringList& warnings) {
            tell(warnings);
            if (const QList<net::Endpoint> contacts = withRemembered(endpoints); !contacts.isEmpty())
                m_node->setBootstrap(contacts);
        });
        return;
    }
    // Kept too, so that alone (the contact was away, say) housekeeping knocks on it again.
    m_bootstrap->add(node);
    contactNow(node);
}

QList<net::Endpoint> Session::contactEndpoints(qsizetype limit) const {
    return m_node ? contactAddresses(*m_node, limit) : QList<net::Endpoint>();
}

} // namespace ringshare::session
