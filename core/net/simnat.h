// One NAT box of the simulated network: how it maps inside endpoints to public ports and which packets
// from outside it lets through (the behaviours of RFC 4787), on the network's virtual time.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "net/endpoint.h"

#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <optional>

namespace ringshare::net {

// What crosses the wire: the two kinds map (and are filtered) separately.
enum class SimProtocol { Datagram, Stream };

// Which outside destinations share one public port of an inside endpoint.
enum class NatMapping {
    EndpointIndependent,     // one port for every destination: peers all see the same endpoint
    AddressDependent,        // one port per destination address
    AddressAndPortDependent, // one port per destination endpoint: "symmetric"
};

// Which outside sources may send to a public port.
enum class NatFiltering {
    EndpointIndependent,     // anyone ("full cone")
    AddressDependent,        // an address the inside endpoint sent to ("restricted cone")
    AddressAndPortDependent, // an endpoint it sent to ("port-restricted cone", the usual home router)
};

struct NatBehaviour {
    NatMapping mapping = NatMapping::EndpointIndependent;
    NatFiltering filtering = NatFiltering::AddressAndPortDependent;
    // A mapping no packet used for this long is gone; the next packet out gets a new one.
    Millis idleTimeout{120'000};
    // Keep the inside port when it is free (what most home routers do); else ports are drawn at random
    // (what a symmetric NAT with random port assignment does).
    bool preservePorts = true;
};

class SimNat final {
public:
    SimNat(QHostAddress publicAddress, NatBehaviour behaviour, quint64 seed);

    // The public endpoint a packet from `inside` to `to` leaves from: its mapping, used again, or a new
    // one; `to` may answer from now on, as the filter says.
    [[nodiscard]] Endpoint mapOut(SimProtocol protocol, const Endpoint& inside, const Endpoint& to,
                                  Millis now);
    // The inside endpoint that a packet from `from` to public port `port` goes to, if a live mapping
    // holds that port and its filter lets `from` in.
    [[nodiscard]] std::optional<Endpoint> mapIn(SimProtocol protocol, const Endpoint& from, quint16 port,
                                                Millis now);

    // A static port forward (a rule set by hand or by UPnP/NAT-PMP): packets from anyone to `publicPort`
    // reach `inside`, and `inside`'s own packets leave from that port while it is free.
    void forward(SimProtocol protocol, quint16 publicPort, const Endpoint& inside);
    // The forward is gone (the lease ran out, the router rebooted): only live mappings let packets in.
    void unforward(SimProtocol protocol, quint16 publicPort) {
        m_forwards.remove({int(protocol), publicPort});
    }

    [[nodiscard]] const QHostAddress& publicAddress() const { return m_publicAddress; }
    [[nodiscard]] const NatBehaviour& behaviour() const { return m_behaviour; }
    // Live and expired mappings not yet reused, per protocol.
    [[nodiscard]] int mappingCount() const { return int(m_byPort.size()); }

private:
    struct OutKey {
        SimProtocol protocol;
        Endpoint inside;
        Endpoint destination; // as far as the mapping behaviour tells destinations apart
        friend bool operator==(const OutKey&, const OutKey&) = default;
        friend size_t qHash(const OutKey& key, size_t seed = 0) {
            return qHashMulti(seed, int(key.protocol), key.inside, key.destination);
        }
    };
    struct Mapping {
        OutKey key;
        Millis lastUsed{0};
        QSet<Endpoint> contacted;
        QSet<QHostAddress> contactedAddresses;
    };
    using PortKey = std::pair<int, quint16>; // protocol, public port

    [[nodiscard]] quint16 freePort(SimProtocol protocol, quint16 wanted);
    [[nodiscard]] bool expired(const Mapping& mapping, Millis now) const {
        return now - mapping.lastUsed > m_behaviour.idleTimeout;
    }

    QHostAddress m_publicAddress;
    NatBehaviour m_behaviour;
    SeededRandom m_random;
    QHash<OutKey, quint16> m_byKey;
    QHash<PortKey, Mapping> m_byPort;
    QHash<PortKey, Endpoint> m_forwards; // public port -> inside endpoint
};

} // namespace ringshare::net
