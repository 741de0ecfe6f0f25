// Votes on this node's own address as peers report it; see addressobserver.h.
#include "net/addressobserver.h"

#include <QHash>
#include <algorithm>

namespace ringshare::net {

namespace {

bool usable(const QHostAddress& address) {
    return !address.isNull() && address != QHostAddress(QHostAddress::AnyIPv4) &&
           address != QHostAddress(QHostAddress::AnyIPv6) && !address.isMulticast() && !address.isBroadcast();
}

// The value most voters hold and how many hold it; `unique` is false when another value has as many.
template <typename T>
struct Count {
    T value{};
    int votes = 0;
    bool unique = false;
};

template <typename T>
Count<T> winner(const QList<T>& values) {
    QHash<T, int> counts;
    for (const T& value : values)
        ++counts[value];
    Count<T> best;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > best.votes) {
            best = {it.key(), it.value(), true};
        } else if (it.value() == best.votes) {
            best.unique = false;
            // Ties are broken by value, not by the hash's order, so the same votes give the same view.
            if (it.key() < best.value)
                best.value = it.key();
        }
    }
    return best;
}

QAbstractSocket::NetworkLayerProtocol familyOf(const QHostAddress& address) {
    return address.protocol() == QAbstractSocket::IPv6Protocol ? QAbstractSocket::IPv6Protocol
                                                               : QAbstractSocket::IPv4Protocol;
}

} // namespace

AddressObserver::AddressObserver(Clock& clock, AddressObserverOptions options)
    : m_clock(clock), m_options(options) {}

bool AddressObserver::report(const Endpoint& source, const Endpoint& observed) {
    const QHostAddress from = plainAddress(source.address);
    const Endpoint seen{plainAddress(observed.address), observed.port};
    if (seen.port == 0 || !usable(seen.address) || !usable(from) || familyOf(from) != familyOf(seen.address))
        return false;
    const auto family = familyOf(seen.address);
    forgetOld();
    const std::optional<ObservedAddress> before = derive(family);

    // One vote per source, its latest; the oldest votes make room.
    const QHostAddress key = sourceOf(from);
    m_votes.removeIf([&](const Vote& vote) { return vote.source == key; });
    m_votes.append({key, seen, m_clock.now()});
    while (m_votes.size() > m_options.maxSources)
        m_votes.removeFirst();
    const std::optional<ObservedAddress> after = derive(family);
    const auto same = [](const ObservedAddress& a, const ObservedAddress& b) {
        return a.address == b.address && a.port == b.port && a.symmetric == b.symmetric;
    };
    return before.has_value() != after.has_value() || (before && !same(*before, *after));
}

void AddressObserver::forgetOld() {
    const Millis now = m_clock.now();
    m_votes.removeIf([&](const Vote& vote) { return now - vote.at > m_options.maxAge; });
}

std::optional<ObservedAddress> AddressObserver::derive(QAbstractSocket::NetworkLayerProtocol family) const {
    const Millis now = m_clock.now();
    QList<Vote> votes;
    for (const Vote& vote : m_votes)
        if (familyOf(vote.observed.address) == family && now - vote.at <= m_options.maxAge)
            votes.append(vote);

    QList<QString> addresses; // as text: QHostAddress has no order
    for (const Vote& vote : votes)
        addresses.append(vote.observed.address.toString());
    const Count<QString> address = winner(addresses);
    if (address.votes < m_options.quorum || !address.unique)
        return std::nullopt;

    ObservedAddress view;
    view.address = QHostAddress(address.value);
    view.sources = address.votes;
    QList<quint16> ports;
    for (const Vote& vote : votes)
        if (vote.observed.address == view.address)
            ports.append(vote.observed.port);
    const Count<quint16> port = winner(ports);
    if (port.votes >= m_options.quorum && port.unique)
        view.port = port.value;
    else if (port.votes == 1)
        view.symmetric = true; // a quorum agrees on the address and each saw another port
    return view;
}

std::optional<ObservedAddress> AddressObserver::view(QAbstractSocket::NetworkLayerProtocol family) const {
    return derive(family);
}

QList<ObservedAddress> AddressObserver::views() const {
    QList<ObservedAddress> all;
    for (const auto family : {QAbstractSocket::IPv6Protocol, QAbstractSocket::IPv4Protocol})
        if (auto seen = derive(family))
            all.append(*seen);
    return all;
}

} // namespace ringshare::net
