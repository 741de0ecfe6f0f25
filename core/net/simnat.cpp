// A simulated NAT box's mappings and filter; see simnat.h.
#include "net/simnat.h"

namespace ringshare::net {

namespace {

constexpr quint16 kFirstPort = 1024;

} // namespace

SimNat::SimNat(QHostAddress publicAddress, NatBehaviour behaviour, quint64 seed)
    : m_publicAddress(std::move(publicAddress)), m_behaviour(behaviour), m_random(seed) {}

Endpoint SimNat::mapOut(SimProtocol protocol, const Endpoint& inside, const Endpoint& to, Millis now) {
    OutKey key{protocol, inside, {}};
    if (m_behaviour.mapping == NatMapping::AddressDependent)
        key.destination = {to.address, 0};
    else if (m_behaviour.mapping == NatMapping::AddressAndPortDependent)
        key.destination = to;

    quint16 port = 0;
    if (const auto found = m_byKey.constFind(key); found != m_byKey.cend()) {
        const PortKey slot{int(protocol), *found};
        if (expired(m_byPort[slot], now)) {
            m_byPort.remove(slot);
            m_byKey.erase(found);
        } else {
            port = *found;
        }
    }
    if (port == 0) {
        for (auto it = m_forwards.cbegin(); it != m_forwards.cend() && port == 0; ++it) {
            if (it.key().first == int(protocol) && *it == inside && !m_byPort.contains(it.key()))
                port = it.key().second;
        }
        if (port == 0)
            port = freePort(protocol, inside.port);
        m_byKey.insert(key, port);
        m_byPort.insert({int(protocol), port}, Mapping{key, now, {}, {}});
    }
    Mapping& mapping = m_byPort[{int(protocol), port}];
    mapping.lastUsed = now;
    mapping.contacted.insert(to);
    mapping.contactedAddresses.insert(to.address);
    return {m_publicAddress, port};
}

void SimNat::forward(SimProtocol protocol, quint16 publicPort, const Endpoint& inside) {
    m_forwards.insert({int(protocol), publicPort}, inside);
}

std::optional<Endpoint> SimNat::mapIn(SimProtocol protocol, const Endpoint& from, quint16 port, Millis now) {
    if (const auto forward = m_forwards.constFind({int(protocol), port}); forward != m_forwards.cend())
        return *forward;
    const auto found = m_byPort.find({int(protocol), port});
    if (found == m_byPort.end() || expired(*found, now))
        return std::nullopt;
    switch (m_behaviour.filtering) {
    case NatFiltering::EndpointIndependent:
        break;
    case NatFiltering::AddressDependent:
        if (!found->contactedAddresses.contains(from.address))
            return std::nullopt;
        break;
    case NatFiltering::AddressAndPortDependent:
        if (!found->contacted.contains(from))
            return std::nullopt;
        break;
    }
    found->lastUsed = now; // traffic either way keeps a mapping alive, as conntrack does
    return found->key.inside;
}

quint16 SimNat::freePort(SimProtocol protocol, quint16 wanted) {
    const auto taken = [&](quint16 port) {
        return m_byPort.contains({int(protocol), port}) || m_forwards.contains({int(protocol), port});
    };
    if (m_behaviour.preservePorts && wanted >= kFirstPort && !taken(wanted))
        return wanted;
    // Random draws until one is free; the space is large next to any simulation's mappings.
    for (;;) {
        const auto port = quint16(kFirstPort + m_random.next64() % (65536 - kFirstPort));
        if (!taken(port))
            return port;
    }
}

} // namespace ringshare::net
