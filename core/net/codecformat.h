// The wire format of the DHT datagrams, protocol version 1: what is written below is what codec.cpp
// encodes and codecreader.cpp accepts; the keys and bounds both use.
//
// A datagram is exactly one CBOR data item (RFC 8949) of at most kMaxDatagramSize bytes, in the one form
// QCborStreamWriter produces: every integer and length in its shortest encoding, every array and map of
// definite length, no tags, no floating point, no text strings. Maps have unsigned-integer keys in strictly
// ascending order.
//
// Envelope, a map:
//   0  version      uint        kProtocolVersion
//   1  type         uint        MessageType: the index of the body in net::Body, plus one
//   2  transaction  uint        64 bits, chosen by the requester and echoed in the answer
//   3  sender       bytes(20)   optional: the sender's node ID
//   4  body         map         the fields of the message type, below; an empty body is an empty map
//   5  cookie       bytes(16)   optional: an address cookie (net::Message::cookie)
//   6  padding      bytes       optional: 1 to kMaxDatagramSize zero bytes, to make a request longer
//
// Bodies. An absent optional field is left out; a list is always there, empty or not.
//   Ping           0 challenge    bytes(16)            optional
//   Pong           0 publicKey    bytes(32)            optional \ both or neither
//                  1 signature    bytes(64)            optional /
//                  2 observed     Endpoint             optional: the Ping's source as the answerer saw it
//   GetNeighbors   -
//   Neighbors      0 predecessor  NodeRef              optional
//                  1 successors   [NodeRef]            at most kMaxNodeRefs
//   Notify         -
//   NotifyAck      -
//   FindNode       0 target       bytes(20)
//   FindNodeReply  0 ownerFound   bool
//                  1 nodes        [NodeRef]            at most kMaxNodeRefs
//   Store          0 record       bytes(0..1000)
//   StoreReply     0 status       uint                 StoreStatus, 0..5
//   Get            0 key          bytes(20)
//                  1 offset       uint                 32 bits
//   GetReply       0 records      [bytes(0..1000)]     at most kMaxRecordsPerReply
//                  1 more         bool
//   Leave          0 predecessor  NodeRef              optional
//                  1 successors   [NodeRef]            at most kMaxNodeRefs
//   LeaveAck       -
//   DialBack       0 nonce        bytes(16)
//                  1 port         uint                 1..65535
//   DialBackReply  0 status       uint                 DialStatus, 0..2
//   DialForMe      0 nonce        bytes(16)
//                  1 target       Endpoint
//   DialForMeReply 0 status       uint                 DialStatus, 0..2
//   DialProbe      0 nonce        bytes(16)
//   (type 20)      never sent: refused by encode() and decode() alike
//   Attach         0 publicKey    bytes(32)
//                  1 timestamp    uint                 Unix milliseconds, at most 2^53
//                  2 signature    bytes(64)
//   AttachReply    0 status       uint                 AttachStatus, 0..2
//   CallMe         0 target       bytes(20)
//                  1 port         uint                 1..65535
//                  2 requester    bytes(20)
//   CallMeReply    0 status       uint                 CallStatus, 0..3
//   Connect        0 requester    NodeRef
//   ConnectReply   -
//
// NodeRef, an array of three: [id bytes(20), address bytes(4) for IPv4 or bytes(16) for IPv6, port
// uint 1..65535]. Endpoint, an array of two: [address, port] as in a NodeRef. An IPv6 address with a scope
// cannot be sent.
//
// decode() checks the envelope first: the version before anything else, then the type, so that a newer peer's
// message is reported as such however its body looks. It accepts exactly the bytes encode() would write for
// the message it returns, so every message has one encoding (which also means signatures over encoded
// messages and duplicate detection by bytes stay sound). The first problem in reading order decides the
// error:
//   Oversize        more than kMaxDatagramSize bytes (checked before anything is parsed)
//   Malformed       empty; not CBOR; not a map at the top; an indefinite length or a tag anywhere; a map key
//                   that is not an unsigned integer or not above the previous one; no version first or no
//                   type second (or either not an unsigned integer); not the shortest encoding (checked last)
//   Truncated       the bytes end inside an item
//   TrailingData    bytes after the top-level map
//   UnknownVersion  a version other than kProtocolVersion
//   UnknownType     a type outside MessageType
//   BadField        a field missing or unknown, of the wrong CBOR type, of the wrong length, out of range,
//                   a list too long, port 0, half a proof
#pragma once

#include "net/message.h"

#include <QtGlobal>
#include <array>
#include <variant>

namespace ringshare::net::wire {

// Envelope keys.
constexpr quint64 kKeyVersion = 0;
constexpr quint64 kKeyType = 1;
constexpr quint64 kKeyTransaction = 2;
constexpr quint64 kKeySender = 3;
constexpr quint64 kKeyBody = 4;
constexpr quint64 kKeyCookie = 5;
constexpr quint64 kKeyPadding = 6;

// Body keys, by message type.
constexpr quint64 kPingChallenge = 0;
constexpr quint64 kPongPublicKey = 0;
constexpr quint64 kPongSignature = 1;
constexpr quint64 kPongObserved = 2;
constexpr quint64 kNeighborsPredecessor = 0;
constexpr quint64 kNeighborsSuccessors = 1;
constexpr quint64 kFindNodeTarget = 0;
constexpr quint64 kFindNodeReplyOwnerFound = 0;
constexpr quint64 kFindNodeReplyNodes = 1;
constexpr quint64 kStoreRecord = 0;
constexpr quint64 kStoreReplyStatus = 0;
constexpr quint64 kGetKey = 0;
constexpr quint64 kGetOffset = 1;
constexpr quint64 kGetReplyRecords = 0;
constexpr quint64 kGetReplyMore = 1;
constexpr quint64 kLeavePredecessor = 0;
constexpr quint64 kLeaveSuccessors = 1;
constexpr quint64 kDialBackNonce = 0;
constexpr quint64 kDialBackPort = 1;
// The one field of the answers that are a status alone: DialBackReply, DialForMeReply, AttachReply,
// CallMeReply.
constexpr quint64 kStatusField = 0;
constexpr quint64 kDialForMeNonce = 0;
constexpr quint64 kDialForMeTarget = 1;
constexpr quint64 kDialProbeNonce = 0;
constexpr quint64 kAttachPublicKey = 0;
constexpr quint64 kAttachTimestamp = 1;
constexpr quint64 kAttachSignature = 2;
constexpr quint64 kCallMeTarget = 0;
constexpr quint64 kCallMePort = 1;
constexpr quint64 kCallMeRequester = 2;
constexpr quint64 kConnectRequester = 0;

// A NodeRef is [id, address, port].
constexpr quint64 kNodeRefItems = 3;
constexpr quint64 kEndpointItems = 2;

// A record blob (dht::Record::encode() output) may not be longer than this.
constexpr qsizetype kMaxRecordSize = 1000;
constexpr qsizetype kIPv4Size = 4;
constexpr qsizetype kIPv6Size = 16;
constexpr quint64 kMaxPort = 65535;
constexpr quint64 kMaxStoreStatus = quint64(StoreStatus::NotResponsible);
constexpr quint64 kMaxOffset = 0xffffffffu;
constexpr quint64 kMaxDialStatus = quint64(DialStatus::Refused);
constexpr quint64 kMaxAttachStatus = quint64(AttachStatus::Refused);
constexpr quint64 kMaxCallStatus = quint64(CallStatus::Refused);
// A bound on an Attach's time, far past any real clock, so that it fits a qint64 with room to spare.
constexpr quint64 kMaxTimestampMs = quint64(1) << 53;

constexpr std::array<const char*, std::variant_size_v<Body>> kTypeNames = {
    "Ping",      "Pong",          "GetNeighbors", "Neighbors",     "Notify",    "NotifyAck",
    "FindNode",  "FindNodeReply", "Store",        "StoreReply",    "Get",       "GetReply",
    "Leave",     "LeaveAck",      "DialBack",     "DialBackReply", "DialForMe", "DialForMeReply",
    "DialProbe", "Unused20",      "Attach",       "AttachReply",   "CallMe",    "CallMeReply",
    "Connect",   "ConnectReply",
};

} // namespace ringshare::net::wire
