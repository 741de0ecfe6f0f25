// BootstrapNodes: resolving the nodes named for joining, with one warning per name that fails.
#include "session/bootstrapnodes.h"

#include "net/hostresolver.h"

#include <algorithm>

namespace ringshare::session {

BootstrapNodes::BootstrapNodes(QList<net::HostPort> nodes, net::HostResolver& resolver)
    : m_resolver(resolver) {
    for (const net::HostPort& node : nodes)
        add(node);
}

void BootstrapNodes::add(const net::HostPort& node) {
    if (node.isValid() && !m_nodes.contains(node))
        m_nodes.append(node);
}

bool BootstrapNodes::hasNames() const {
    return std::any_of(m_nodes.begin(), m_nodes.end(),
                       [](const net::HostPort& node) { return node.isName(); });
}

void BootstrapNodes::resolve(Done done) {
    const std::weak_ptr<int> alive = m_alive;
    net::resolveAll(m_resolver, m_nodes,
                    [this, alive, done = std::move(done)](const net::Resolved& resolved) {
                        if (alive.expired())
                            return;
                        QStringList warnings;
                        QSet<net::HostPort> failing;
                        for (const net::ResolveFailure& failure : resolved.failures) {
                            failing.insert(failure.node);
                            if (!m_failing.contains(failure.node))
                                warnings.append(net::describeFailure(failure));
                        }
                        m_failing = failing;
                        done(resolved.endpoints, warnings);
                    });
}

} // namespace ringshare::session
