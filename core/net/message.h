// The DHT's messages as plain values (one struct per request and answer, in a variant) and the wire
// format's bounds; the codec turns them into bytes.
#pragma once

#include "crypto/keys.h"
#include "crypto/nodeid.h"
#include "net/endpoint.h"

#include <QByteArray>
#include <QList>
#include <optional>
#include <variant>

namespace ringshare::net {

inline constexpr int kProtocolVersion = 1;
// Every message fits one datagram of this many bytes, whatever the path MTU.
inline constexpr int kMaxDatagramSize = 1200;
// The longest list of nodes any message may carry.
inline constexpr int kMaxNodeRefs = 16;
// The longest list of records a GetReply may carry.
inline constexpr int kMaxRecordsPerReply = 16;
inline constexpr int kChallengeSize = 16;
// The nonce a reachability check hands out, and the probe that carries it back.
inline constexpr int kDialNonceSize = 16;
// An address cookie: a receiver's proof, given to a requester, that the requester receives at its address.
inline constexpr int kCookieSize = 16;
// Until a requester has shown a cookie, answers to it carry at most this many times the bytes it sent,
// so a forged source address cannot turn a node into an amplifier.
inline constexpr int kAmplificationLimit = 3;
// A request without a cookie is padded to this size, so that any answer fits the limit above.
inline constexpr int kPaddedRequestSize = (kMaxDatagramSize + kAmplificationLimit - 1) / kAmplificationLimit;

// A node as others name it: its ring position and where it listens.
struct NodeRef {
    NodeId id;
    Endpoint endpoint;
    friend bool operator==(const NodeRef&, const NodeRef&) = default;
};

// Requests and their answers. A request's answer carries the request's transaction id.

// Liveness check. With a challenge, it also asks the peer to prove it owns its node ID.
struct Ping {
    QByteArray challenge; // empty, or exactly kChallengeSize random bytes
    friend bool operator==(const Ping&, const Ping&) = default;
};
// Proof: the public key whose BLAKE2b-160 is the sender's node ID, and its signature over
// net::proofBytes(challenge, sender id). Both present iff the Ping had a challenge.
struct Pong {
    std::optional<crypto::PublicKey> publicKey;
    std::optional<crypto::Signature> signature;
    // Where the Ping came from as this node saw it: how the asker learns its address from outside (a
    // NAT's public endpoint, say). Only a hint: the asker believes it once distinct peers agree.
    std::optional<Endpoint> observed;
    friend bool operator==(const Pong&, const Pong&) = default;
};
// "Who are your predecessor and successors?" (stabilize)
struct GetNeighbors {
    friend bool operator==(const GetNeighbors&, const GetNeighbors&) = default;
};
struct Neighbors {
    std::optional<NodeRef> predecessor;
    QList<NodeRef> successors; // at most kMaxNodeRefs, nearest first
    friend bool operator==(const Neighbors&, const Neighbors&) = default;
};
// "I believe I am your predecessor." (rectify)
struct Notify {
    friend bool operator==(const Notify&, const Notify&) = default;
};
struct NotifyAck {
    friend bool operator==(const NotifyAck&, const NotifyAck&) = default;
};
// One step of an iterative lookup for the owner of `target`.
struct FindNode {
    NodeId target;
    friend bool operator==(const FindNode&, const FindNode&) = default;
};
// ownerFound: nodes[0] is the owner (the responder's successor), followed by the owner's successors.
// Otherwise: the responder's known nodes closest before the target, closest first.
struct FindNodeReply {
    bool ownerFound = false;
    QList<NodeRef> nodes; // at most kMaxNodeRefs
    friend bool operator==(const FindNodeReply&, const FindNodeReply&) = default;
};
// Store one signed record (dht::Record::encode() bytes, opaque at this layer).
struct Store {
    QByteArray record;
    friend bool operator==(const Store&, const Store&) = default;
};
enum class StoreStatus : quint8 {
    Stored = 0,
    Unchanged = 1,      // already held, nothing newer
    Invalid = 2,        // bad encoding or signature
    Expired = 3,        // expired, or timestamped in the future
    Full = 4,           // key or store full
    NotResponsible = 5, // the key is not in this node's part of the ring
};
struct StoreReply {
    StoreStatus status = StoreStatus::Stored;
    friend bool operator==(const StoreReply&, const StoreReply&) = default;
};
// Fetch the records under `key`, starting at index `offset` of the holder's list.
struct Get {
    NodeId key;
    quint32 offset = 0;
    friend bool operator==(const Get&, const Get&) = default;
};
struct GetReply {
    QList<QByteArray> records; // dht::Record::encode() bytes, at most kMaxRecordsPerReply
    bool more = false;         // the holder has more beyond these
    friend bool operator==(const GetReply&, const GetReply&) = default;
};
// Sent by a node leaving gracefully to each neighbour: to its successor, the predecessor to adopt; to its
// predecessor, the successors to adopt.
struct Leave {
    std::optional<NodeRef> predecessor;
    QList<NodeRef> successors; // at most kMaxNodeRefs
    friend bool operator==(const Leave&, const Leave&) = default;
};
struct LeaveAck {
    friend bool operator==(const LeaveAck&, const LeaveAck&) = default;
};

// The reachability check (dial-back). "Dial me back": the receiver, a member, has a probe carrying `nonce`
// sent to the requester's source address at `port` from a socket the requester never talked to.
struct DialBack {
    QByteArray nonce; // exactly kDialNonceSize bytes
    quint16 port = 0; // 1..65535: the port the requester claims it is reachable at
    friend bool operator==(const DialBack&, const DialBack&) = default;
};
enum class DialStatus : quint8 {
    Accepted = 0, // a probe is on its way
    Busy = 1,     // the rate limit for this requester (or for everyone) is reached; ask again later
    Refused = 2,  // not now: no member to dial from, an unusable address, an unproven requester
};
struct DialBackReply {
    DialStatus status = DialStatus::Accepted;
    friend bool operator==(const DialBackReply&, const DialBackReply&) = default;
};
// "Dial for me": a member that got a DialBack asks another member to send the probe, so that it comes
// from an address the requester has not sent to (see docs/architecture.md, "Reachability").
struct DialForMe {
    QByteArray nonce; // exactly kDialNonceSize bytes
    Endpoint target;  // the requester's source address and claimed port
    friend bool operator==(const DialForMe&, const DialForMe&) = default;
};
struct DialForMeReply {
    DialStatus status = DialStatus::Accepted;
    friend bool operator==(const DialForMeReply&, const DialForMeReply&) = default;
};
// The probe itself, from a fresh socket; it is never answered. Smaller than any request that causes it.
struct DialProbe {
    QByteArray nonce; // exactly kDialNonceSize bytes
    friend bool operator==(const DialProbe&, const DialProbe&) = default;
};

// Type 20 is never sent: DialProbe has no answer, and keeping 20 free keeps every request odd and its
// answer the next number. The codec refuses it both ways.
struct Unused20 {
    friend bool operator==(const Unused20&, const Unused20&) = default;
};

// Reverse connection (see docs/architecture.md, "Clients and their rendezvous"). "I am a client and you are
// my rendezvous": sent by a client to its rendezvous when it picks it and again as a keep-alive, which also
// keeps the client's NAT mapping towards the rendezvous open. The signature proves the client owns the key
// whose node ID it claims: net::attachBytes(rendezvous id, client id, timestampMs), Ed25519.
struct Attach {
    crypto::PublicKey publicKey;
    qint64 timestampMs = 0; // Unix milliseconds when signed; at least 0
    crypto::Signature signature;
    friend bool operator==(const Attach&, const Attach&) = default;
};
enum class AttachStatus : quint8 {
    Attached = 0, // the rendezvous passes connection requests on to the client from now on
    Full = 1,     // it serves as many clients as it will (in all, or from this source)
    Refused = 2,  // a bad signature, a stale time, or the receiver is not a member
};
struct AttachReply {
    AttachStatus status = AttachStatus::Attached;
    friend bool operator==(const AttachReply&, const AttachReply&) = default;
};
// "Ask your client `target` to connect to me": the requester's source address (proven by a cookie) and
// `port`, where it accepts transfer connections. `requester` is the node ID the client should find there
// (a ring client names no sender, so it is said here); a false one only makes the connection fail.
struct CallMe {
    NodeId target;
    quint16 port = 0; // 1..65535
    NodeId requester;
    friend bool operator==(const CallMe&, const CallMe&) = default;
};
enum class CallStatus : quint8 {
    Forwarded = 0, // the client has been asked
    Unknown = 1,   // no such client is attached here
    Busy = 2,      // a rate limit for this requester, this client or everyone is reached
    Refused = 3,   // an unproven requester or an unusable address
};
struct CallMeReply {
    CallStatus status = CallStatus::Forwarded;
    friend bool operator==(const CallMeReply&, const CallMeReply&) = default;
};
// From a rendezvous to its client: "`requester` wants you to connect to it" (its node ID, and the address
// the rendezvous saw it at with the port it named).
struct Connect {
    NodeRef requester;
    friend bool operator==(const Connect&, const Connect&) = default;
};
struct ConnectReply {
    friend bool operator==(const ConnectReply&, const ConnectReply&) = default;
};

using Body = std::variant<Ping, Pong, GetNeighbors, Neighbors, Notify, NotifyAck, FindNode, FindNodeReply,
                          Store, StoreReply, Get, GetReply, Leave, LeaveAck, DialBack, DialBackReply,
                          DialForMe, DialForMeReply, DialProbe, Unused20, Attach, AttachReply, CallMe,
                          CallMeReply, Connect, ConnectReply>;

// Wire values of the message types: the variant index plus one. Never renumber.
enum class MessageType : quint8 {
    Ping = 1,
    Pong,
    GetNeighbors,
    Neighbors,
    Notify,
    NotifyAck,
    FindNode,
    FindNodeReply,
    Store,
    StoreReply,
    Get,
    GetReply,
    Leave,
    LeaveAck,
    DialBack,
    DialBackReply,
    DialForMe,
    DialForMeReply,
    DialProbe, // a request that is never answered
    Unused20,  // never sent
    Attach,
    AttachReply,
    CallMe,
    CallMeReply,
    Connect,
    ConnectReply,
};

struct Message {
    quint64 transactionId = 0;
    // The sender's node ID; absent for a client that takes no place on the ring.
    std::optional<NodeId> sender;
    Body body;
    // Empty or kCookieSize bytes. In a request: the cookie the receiver gave this sender earlier. In an
    // answer: a fresh cookie for the requester's address.
    QByteArray cookie;
    // Zero bytes appended to a request that has no cookie to show (see kPaddedRequestSize).
    int padding = 0;

    [[nodiscard]] MessageType type() const { return MessageType(body.index() + 1); }
    // Answers have even type numbers.
    [[nodiscard]] bool isResponse() const { return (body.index() + 1) % 2 == 0; }
    friend bool operator==(const Message&, const Message&) = default;
};

// The bytes a node signs to prove it owns `nodeId` when challenged with `challenge`.
[[nodiscard]] QByteArray proofBytes(QByteArrayView challenge, const NodeId& nodeId);

// The bytes a client signs in an Attach to `rendezvous`: a tag, both node IDs and the time.
[[nodiscard]] QByteArray attachBytes(const NodeId& rendezvous, const NodeId& client, qint64 timestampMs);

// The node ID that `reply` proves its sender owns, answering a Ping with `challenge`: the sender's
// claimed ID must be the hash of the key in the Pong, and that key must have signed the challenge.
// nullopt for anything else (no reply, not a Pong, no proof, a bad one).
[[nodiscard]] std::optional<NodeId> provenSender(const Message* reply, QByteArrayView challenge);

} // namespace ringshare::net
