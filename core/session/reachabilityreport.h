// What the session tells the views and the node tool about its reachability: whether peers can dial it,
// at which endpoint, how that endpoint came about, and whether it is a member or a client of the ring.
#pragma once

#include "dht/reachabilitychecker.h"
#include "net/endpoint.h"

#include <QJsonObject>
#include <QMetaType>
#include <optional>

namespace ringshare::session {

// How the endpoint in the report came about.
enum class ReachMethod {
    None,   // no endpoint known (alone, a symmetric NAT without a mapping, not checked)
    Direct, // the endpoint peers see: a public address, or a forward the user set up on the router
    Upnp,   // a port mapping this node asked the router for through UPnP-IGD
    NatPmp, // the same through NAT-PMP
};

// The node's role on the ring, as the views name it.
enum class RingRole {
    Member, // dialable: owns keys, in others' routing state
    Client, // reached through its rendezvous; owns no keys
};

struct ReachabilityReport {
    dht::Reachability state = dht::Reachability::Unknown;
    std::optional<net::Endpoint> endpoint; // see dht::ReachabilityStatus::endpoint
    ReachMethod method = ReachMethod::None;
    qint64 sinceUnixMs = 0; // when this state began, milliseconds since 1970 (0: not on a ring yet)
    RingRole role = RingRole::Member;
    std::optional<net::Endpoint> rendezvous; // a client's

    // {"event":"reachability","state":"reachable","endpoint":"203.0.113.21:41000","method":"upnp",
    //  "since_ms":1796630000000,"role":"member"}; `endpoint` left out when there is none, `rendezvous`
    // added for a client that has one.
    [[nodiscard]] QJsonObject toJson() const;
    // The same object read back (from the status file a running node keeps); nullopt for anything else.
    [[nodiscard]] static std::optional<ReachabilityReport> fromJson(const QJsonObject& object);

    friend bool operator==(const ReachabilityReport&, const ReachabilityReport&) = default;
};

[[nodiscard]] const char* toString(ReachMethod method); // "none", "direct", "upnp", "nat-pmp"
[[nodiscard]] const char* toString(RingRole role);      // "member", "client"

} // namespace ringshare::session

Q_DECLARE_METATYPE(ringshare::session::ReachabilityReport)
