// ReachabilityReport: its JSON form, written as the node tool's event and status file and read back.
#include "session/reachabilityreport.h"

#include <QJsonValue>
#include <array>

namespace ringshare::session {

namespace {

constexpr std::array kStates{dht::Reachability::Unknown, dht::Reachability::Checking,
                             dht::Reachability::Reachable, dht::Reachability::Unreachable};
constexpr std::array kMethods{ReachMethod::None, ReachMethod::Direct, ReachMethod::Upnp, ReachMethod::NatPmp};
constexpr std::array kRoles{RingRole::Member, RingRole::Client};

// The value whose name is `name`, from `values`.
template <typename T, std::size_t N>
std::optional<T> named(const std::array<T, N>& values, const QJsonValue& name) {
    for (const T value : values)
        if (name.toString() == QLatin1String(toString(value)))
            return value;
    return std::nullopt;
}

} // namespace

using dht::toString;

const char* toString(ReachMethod method) {
    switch (method) {
    case ReachMethod::None:
        return "none";
    case ReachMethod::Direct:
        return "direct";
    case ReachMethod::Upnp:
        return "upnp";
    case ReachMethod::NatPmp:
        return "nat-pmp";
    }
    return "?";
}

const char* toString(RingRole role) {
    return role == RingRole::Client ? "client" : "member";
}

QJsonObject ReachabilityReport::toJson() const {
    QJsonObject object{{QStringLiteral("event"), QStringLiteral("reachability")},
                       {QStringLiteral("state"), QLatin1String(toString(state))},
                       {QStringLiteral("method"), QLatin1String(toString(method))},
                       {QStringLiteral("since_ms"), double(sinceUnixMs)},
                       {QStringLiteral("role"), QLatin1String(toString(role))}};
    if (endpoint)
        object.insert(QStringLiteral("endpoint"), endpoint->toString());
    if (rendezvous)
        object.insert(QStringLiteral("rendezvous"), rendezvous->toString());
    return object;
}

std::optional<ReachabilityReport> ReachabilityReport::fromJson(const QJsonObject& object) {
    ReachabilityReport report;
    const auto state = named(kStates, object.value(QStringLiteral("state")));
    const auto method = named(kMethods, object.value(QStringLiteral("method")));
    const auto role = named(kRoles, object.value(QStringLiteral("role")));
    const QJsonValue since = object.value(QStringLiteral("since_ms"));
    if (!state || !method || !role || !since.isDouble() || since.toDouble() < 0)
        return std::nullopt;
    report.state = *state;
    report.method = *method;
    report.role = *role;
    report.sinceUnixMs = qint64(since.toDouble());
    const auto endpointAt = [&](const QString& key, std::optional<net::Endpoint>& into) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return true;
        into = net::Endpoint::parse(value.toString());
        return into.has_value();
    };
    if (!endpointAt(QStringLiteral("endpoint"), report.endpoint) ||
        !endpointAt(QStringLiteral("rendezvous"), report.rendezvous))
        return std::nullopt;
    return report;
}

} // namespace ringshare::session
