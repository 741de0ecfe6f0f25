// HostResolver: the seam through which host names become addresses (the system's resolver, or a table in
// tests), and resolveAll(), which turns a list of HostPorts into every endpoint they name.
#pragma once

#include "base/result.h"
#include "net/endpoint.h"
#include "net/hostport.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace ringshare::net {

// Looks names up without blocking the caller's event loop.
class HostResolver {
public:
    // The addresses a name has, or the resolver's reason in words.
    using Done = std::function<void(const Result<QList<QHostAddress>>& addresses)>;

    virtual ~HostResolver() = default;
    // `done` comes later on this thread's event loop, never from inside the call, and never once the
    // resolver is gone.
    virtual void resolve(const QString& name, Done done) = 0;
};

// The system's resolver (getaddrinfo, through QHostInfo::lookupHost on Qt's lookup threads): IPv4 and IPv6
// addresses alike, /etc/hosts included.
class SystemResolver final : public QObject, public HostResolver {
    Q_OBJECT

public:
    explicit SystemResolver(QObject* parent = nullptr) : QObject(parent) {}
    void resolve(const QString& name, Done done) override;
};

// A name that did not resolve, and why (in the resolver's words).
struct ResolveFailure {
    HostPort node;
    QString reason;
};

// What resolveAll() found: every endpoint, in the order the nodes were given and each name's addresses in
// the resolver's order (a name's duplicates dropped), and the names that did not resolve.
struct Resolved {
    QList<Endpoint> endpoints;
    QList<ResolveFailure> failures;
};

// A name with more addresses than this contributes only the first ones: a hostile name (a link's contact,
// say) must not make a node dial hundreds.
inline constexpr int kMaxAddressesPerName = 8;

// Resolves every name among `nodes` at once and calls `done` when all have answered. Literal addresses
// need no lookup: a list of them alone is answered from inside the call, as before names were accepted.
void resolveAll(HostResolver& resolver, const QList<HostPort>& nodes,
                std::function<void(const Resolved&)> done);

// "cannot find the node seed.example.org: Host not found", for warnings; translated where it is made.
[[nodiscard]] QString describeFailure(const ResolveFailure& failure);

} // namespace ringshare::net
