// What this node's own address looks like from outside: the endpoints peers say they saw it at, voted on
// by distinct sources, and whether a NAT in front of it maps each destination to a port of its own.
#pragma once

#include "base/clock.h"
#include "net/endpoint.h"

#include <QHostAddress>
#include <QList>
#include <optional>

namespace ringshare::net {

// This node as seen from outside on one address family (IPv4 or IPv6).
struct ObservedAddress {
    QHostAddress address; // the address peers agree they saw
    // The port they agree on; unset when the mapping depends on the destination (symmetric NAT) or when
    // sources agree on the address but not yet on a port.
    std::optional<quint16> port;
    // Sources that agree on the address each saw a port of its own: a NAT that maps every destination
    // to a new port, so no peer can reach this node at a port another peer saw.
    bool symmetric = false;
    int sources = 0; // distinct sources that saw this address

    [[nodiscard]] std::optional<Endpoint> endpoint() const {
        if (!port)
            return std::nullopt;
        return Endpoint{address, *port};
    }
    friend bool operator==(const ObservedAddress&, const ObservedAddress&) = default;
};

struct AddressObserverOptions {
    // Sources (an IPv4 address, an IPv6 /64) that must agree before a view is believed: one peer alone,
    // honest or not, cannot change it.
    int quorum = 2;
    // At most this many sources are remembered; the oldest report goes first.
    int maxSources = 32;
    // A report older than this no longer counts (a new router, a new lease, a new network).
    Millis maxAge{30 * 60'000};
};

// Collects "I saw you at X" reports from peers and derives, per family, the address and port they agree
// on. Each source holds one vote, its latest report; a source is a peer's IPv4 address or IPv6 /64, so
// many ports or IDs on one host are still one vote. Within a family the address most sources report wins
// once at least `quorum` of them agree and no other address has as many; its port likewise, or the
// mapping is called symmetric when `quorum` sources agree on the address and no two on the port.
class AddressObserver final {
public:
    explicit AddressObserver(Clock& clock, AddressObserverOptions options = {});

    // `source`: the peer that answered, at the endpoint this node asked it at; `observed`: where it says
    // it saw this node. Reports of another family than the source's, of an unusable endpoint (port 0,
    // unspecified, multicast, broadcast) are ignored. True when what that family's view says changed (its
    // address, port or symmetry; not merely how many sources agree).
    bool report(const Endpoint& source, const Endpoint& observed);

    // The view of one family, if sources agree on an address.
    [[nodiscard]] std::optional<ObservedAddress> view(QAbstractSocket::NetworkLayerProtocol family) const;
    // Both families' views, IPv6 first.
    [[nodiscard]] QList<ObservedAddress> views() const;

private:
    struct Vote {
        QHostAddress source; // the source's address or /64
        Endpoint observed;
        Millis at{0};
    };
    void forgetOld();
    [[nodiscard]] std::optional<ObservedAddress> derive(QAbstractSocket::NetworkLayerProtocol family) const;

    Clock& m_clock;
    AddressObserverOptions m_options;
    QList<Vote> m_votes; // oldest first
};

} // namespace ringshare::net
