// BootstrapNodes: the nodes a session joins through as they were named (host names or addresses), resolved
// afresh each time they are used, so that a name which did not resolve at start is tried again later.
#pragma once

#include "net/endpoint.h"
#include "net/hostport.h"

#include <QList>
#include <QSet>
#include <QStringList>
#include <functional>
#include <memory>

namespace ringshare::net {
class HostResolver;
}

namespace ringshare::session {

// The bootstrap nodes and the contacts handed in later (a link's, say), and what they resolved to.
class BootstrapNodes final {
public:
    // The warnings worth telling: a name that stopped resolving, said once until it resolves again.
    using Done = std::function<void(const QList<net::Endpoint>& endpoints, const QStringList& warnings)>;

    BootstrapNodes(QList<net::HostPort> nodes, net::HostResolver& resolver);

    // A node to try as well (kept once).
    void add(const net::HostPort& node);
    [[nodiscard]] const QList<net::HostPort>& nodes() const { return m_nodes; }
    [[nodiscard]] bool isEmpty() const { return m_nodes.isEmpty(); }
    [[nodiscard]] bool hasNames() const;

    // Resolves every node now; with no names among them `done` runs before this returns, as joining did
    // before names were accepted. Nothing is called once this object is gone.
    void resolve(Done done);

private:
    QList<net::HostPort> m_nodes;
    net::HostResolver& m_resolver;
    QSet<net::HostPort> m_failing; // names whose failure was told
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace ringshare::session
