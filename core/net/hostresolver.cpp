// The system's resolver over QHostInfo, and resolveAll() over any resolver.
#include "net/hostresolver.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <memory>
#include <optional>

namespace ringshare::net {

void SystemResolver::resolve(const QString& name, Done done) {
    // With `this` as context the answer is dropped once the resolver is gone.
    QHostInfo::lookupHost(name, this, [done = std::move(done)](const QHostInfo& info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            done(Error{info.errorString().isEmpty()
                           ? QCoreApplication::translate("ringshare::net::HostResolver", "no address found")
                           : info.errorString()});
            return;
        }
        done(info.addresses());
    });
}

void resolveAll(HostResolver& resolver, const QList<HostPort>& nodes,
                std::function<void(const Resolved&)> done) {
    struct State {
        QList<HostPort> nodes;
        // Per node: its endpoints once known, or its failure.
        QList<std::optional<QList<Endpoint>>> found;
        QList<QString> reasons;
        int pending = 0;
        std::function<void(const Resolved&)> done;

        void finish() {
            Resolved resolved;
            for (qsizetype i = 0; i < nodes.size(); ++i) {
                if (!found[i]) {
                    resolved.failures.append({nodes[i], reasons[i]});
                    continue;
                }
                resolved.endpoints.append(*found[i]);
            }
            done(resolved);
        }
    };
    auto state = std::make_shared<State>();
    state->nodes = nodes;
    state->found.resize(nodes.size());
    state->reasons.resize(nodes.size());
    state->done = std::move(done);
    QList<qsizetype> names;
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        if (const std::optional<Endpoint> literal = nodes[i].endpoint())
            state->found[i] = QList<Endpoint>{*literal};
        else
            names.append(i);
    }
    if (names.isEmpty()) {
        state->finish();
        return;
    }
    state->pending = int(names.size());
    for (const qsizetype i : std::as_const(names)) {
        const quint16 port = nodes[i].port();
        resolver.resolve(nodes[i].host(), [state, i, port](const Result<QList<QHostAddress>>& addresses) {
            if (addresses) {
                QList<Endpoint> endpoints;
                for (const QHostAddress& address : addresses.value()) {
                    const Endpoint endpoint{plainAddress(address), port};
                    if (endpoints.size() < kMaxAddressesPerName && endpoint.isValid() &&
                        !endpoints.contains(endpoint))
                        endpoints.append(endpoint);
                }
                if (endpoints.isEmpty())
                    state->reasons[i] =
                        QCoreApplication::translate("ringshare::net::HostResolver", "no address found");
                else
                    state->found[i] = endpoints;
            } else {
                state->reasons[i] = addresses.error();
            }
            if (--state->pending == 0)
                state->finish();
        });
    }
}

QString describeFailure(const ResolveFailure& failure) {
    return QCoreApplication::translate("ringshare::net::HostResolver", "Cannot find the node %1: %2")
        .arg(failure.node.toString(), failure.reason);
}

} // namespace ringshare::net
