// The sample messages: every type with and without its optional fields, lists at their longest,
// transaction ids of every width.
#include "samplemessages.h"

#include <QtEndian>

namespace ringshare::net::samples {

QByteArray pattern(int size, int seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = char((seed * 131 + i * 29 + 7) & 0xff);
    return bytes;
}

NodeId nodeId(int seed) {
    return *NodeId::fromBytes(pattern(NodeId::kBytes, seed));
}

NodeRef nodeRef(int seed) {
    QHostAddress address;
    switch (seed % 3) {
    case 0:
        address = QHostAddress(quint32(0xc0000200u + quint32(seed % 256))); // 192.0.2.x
        break;
    case 1: {
        quint8 ip6[16] = {0x20, 0x01, 0x0d, 0xb8}; // 2001:db8::/32
        qToBigEndian(quint32(seed), ip6 + 12);
        address = QHostAddress(ip6);
        break;
    }
    default:
        address = QHostAddress(QStringLiteral("::ffff:198.51.100.%1").arg(seed % 256));
        break;
    }
    const quint16 port = seed % 2 ? quint16(65536 - seed) : quint16(1 + seed);
    return NodeRef{nodeId(seed), Endpoint{address, port}};
}

QList<NodeRef> nodeRefs(int count, int firstSeed) {
    QList<NodeRef> refs;
    for (int i = 0; i < count; ++i)
        refs.append(nodeRef(firstSeed + i));
    return refs;
}

QList<Sample> validMessages() {
    const NodeId sender = nodeId(1000);
    const auto publicKey = crypto::PublicKey::fromBytes(pattern(crypto::PublicKey::kSize, 7));
    const auto signature = crypto::Signature::fromBytes(pattern(crypto::Signature::kSize, 8));
    QList<QByteArray> fullRecords;
    for (int i = 0; i < kMaxRecordsPerReply; ++i)
        fullRecords.append(pattern(40 + i, 100 + i));

    return {
        {QStringLiteral("ping"), {.transactionId = 0, .sender = std::nullopt, .body = Ping{}}},
        {QStringLiteral("ping_challenge"),
         {.transactionId = 23, .sender = sender, .body = Ping{pattern(16, 1)}}},
        {QStringLiteral("ping_max_transaction"),
         {.transactionId = ~quint64(0), .sender = sender, .body = Ping{}}},
        {QStringLiteral("pong"), {.transactionId = 24, .sender = std::nullopt, .body = Pong{}}},
        {QStringLiteral("pong_proof"),
         {.transactionId = 255, .sender = sender, .body = Pong{publicKey, signature}}},
        {QStringLiteral("pong_observed_ipv4"),
         {.transactionId = 25,
          .sender = sender,
          .body = Pong{std::nullopt, std::nullopt,
                       Endpoint{QHostAddress(QStringLiteral("203.0.113.7")), 41000}}}},
        {QStringLiteral("pong_proof_observed_ipv6"),
         {.transactionId = 26,
          .sender = sender,
          .body = Pong{publicKey, signature, Endpoint{QHostAddress(QStringLiteral("2001:db8::7")), 65535}}}},
        {QStringLiteral("get_neighbors"), {.transactionId = 256, .sender = sender, .body = GetNeighbors{}}},
        {QStringLiteral("neighbors_empty"), {.transactionId = 65535, .sender = sender, .body = Neighbors{}}},
        {QStringLiteral("neighbors_predecessor_only"),
         {.transactionId = 65536, .sender = sender, .body = Neighbors{nodeRef(1), {}}}},
        {QStringLiteral("neighbors_full"),
         {.transactionId = 0xffffffffu,
          .sender = sender,
          .body = Neighbors{nodeRef(0), nodeRefs(kMaxNodeRefs, 1)}}},
        {QStringLiteral("notify"), {.transactionId = 0x100000000u, .sender = sender, .body = Notify{}}},
        {QStringLiteral("notify_ack"), {.transactionId = 5, .sender = std::nullopt, .body = NotifyAck{}}},
        {QStringLiteral("find_node"),
         {.transactionId = 6, .sender = std::nullopt, .body = FindNode{nodeId(9)}}},
        {QStringLiteral("find_node_reply_empty"),
         {.transactionId = 7, .sender = sender, .body = FindNodeReply{}}},
        {QStringLiteral("find_node_reply_full"),
         {.transactionId = 8, .sender = sender, .body = FindNodeReply{true, nodeRefs(kMaxNodeRefs, 20)}}},
        {QStringLiteral("store"), {.transactionId = 9, .sender = sender, .body = Store{pattern(120, 3)}}},
        {QStringLiteral("store_empty_record"),
         {.transactionId = 10, .sender = std::nullopt, .body = Store{}}},
        {QStringLiteral("store_largest_record"),
         {.transactionId = 11, .sender = sender, .body = Store{pattern(1000, 4)}}},
        {QStringLiteral("store_reply"), {.transactionId = 12, .sender = sender, .body = StoreReply{}}},
        {QStringLiteral("store_reply_not_responsible"),
         {.transactionId = 13, .sender = sender, .body = StoreReply{StoreStatus::NotResponsible}}},
        {QStringLiteral("get"), {.transactionId = 14, .sender = sender, .body = Get{nodeId(5), 0}}},
        {QStringLiteral("get_largest_offset"),
         {.transactionId = 15, .sender = std::nullopt, .body = Get{nodeId(6), 0xffffffffu}}},
        {QStringLiteral("get_reply_empty"), {.transactionId = 16, .sender = sender, .body = GetReply{}}},
        {QStringLiteral("get_reply_full"),
         {.transactionId = 17, .sender = sender, .body = GetReply{fullRecords, true}}},
        {QStringLiteral("leave_empty"), {.transactionId = 18, .sender = sender, .body = Leave{}}},
        {QStringLiteral("leave_full"),
         {.transactionId = 19, .sender = sender, .body = Leave{nodeRef(40), nodeRefs(kMaxNodeRefs, 41)}}},
        {QStringLiteral("leave_ack"), {.transactionId = 20, .sender = sender, .body = LeaveAck{}}},
        {QStringLiteral("dial_back"),
         {.transactionId = 27, .sender = sender, .body = DialBack{pattern(kDialNonceSize, 11), 41000}}},
        {QStringLiteral("dial_back_port_max"),
         {.transactionId = 28, .sender = std::nullopt, .body = DialBack{pattern(kDialNonceSize, 12), 65535}}},
        {QStringLiteral("dial_back_reply"),
         {.transactionId = 29, .sender = sender, .body = DialBackReply{DialStatus::Accepted}}},
        {QStringLiteral("dial_back_reply_refused"),
         {.transactionId = 30, .sender = sender, .body = DialBackReply{DialStatus::Refused}}},
        {QStringLiteral("dial_for_me_ipv4"),
         {.transactionId = 31,
          .sender = sender,
          .body = DialForMe{pattern(kDialNonceSize, 13),
                            Endpoint{QHostAddress(QStringLiteral("203.0.113.9")), 1}}}},
        {QStringLiteral("dial_for_me_ipv6"),
         {.transactionId = 32,
          .sender = sender,
          .body = DialForMe{pattern(kDialNonceSize, 14),
                            Endpoint{QHostAddress(QStringLiteral("2001:db8::9")), 4000}}}},
        {QStringLiteral("dial_for_me_reply_busy"),
         {.transactionId = 33, .sender = sender, .body = DialForMeReply{DialStatus::Busy}}},
        {QStringLiteral("dial_probe"),
         {.transactionId = 34, .sender = std::nullopt, .body = DialProbe{pattern(kDialNonceSize, 15)}}},
        {QStringLiteral("attach"),
         {.transactionId = 35,
          .sender = std::nullopt,
          .body = Attach{*publicKey, 1'796'000'000'000, *signature}}},
        {QStringLiteral("attach_time_zero"),
         {.transactionId = 36, .sender = std::nullopt, .body = Attach{*publicKey, 0, *signature}}},
        {QStringLiteral("attach_reply"),
         {.transactionId = 37, .sender = sender, .body = AttachReply{AttachStatus::Attached}}},
        {QStringLiteral("attach_reply_refused"),
         {.transactionId = 38, .sender = sender, .body = AttachReply{AttachStatus::Refused}}},
        {QStringLiteral("call_me"),
         {.transactionId = 39, .sender = sender, .body = CallMe{nodeId(12), 41000, nodeId(13)}}},
        {QStringLiteral("call_me_reply_unknown"),
         {.transactionId = 40, .sender = sender, .body = CallMeReply{CallStatus::Unknown}}},
        {QStringLiteral("call_me_reply_refused"),
         {.transactionId = 41, .sender = sender, .body = CallMeReply{CallStatus::Refused}}},
        {QStringLiteral("connect_ipv4"),
         {.transactionId = 42, .sender = sender, .body = Connect{nodeRef(42)}}},
        {QStringLiteral("connect_ipv6"),
         {.transactionId = 43, .sender = sender, .body = Connect{nodeRef(43)}}},
        {QStringLiteral("connect_reply"),
         {.transactionId = 44, .sender = std::nullopt, .body = ConnectReply{}}},
        {QStringLiteral("find_node_padded"),
         {.transactionId = 21,
          .sender = sender,
          .body = FindNode{nodeId(10)},
          .cookie = {},
          .padding = kPaddedRequestSize - 60}},
        {QStringLiteral("find_node_cookie"),
         {.transactionId = 22,
          .sender = std::nullopt,
          .body = FindNode{nodeId(11)},
          .cookie = pattern(kCookieSize, 9),
          .padding = 0}},
        {QStringLiteral("pong_cookie"),
         {.transactionId = 23,
          .sender = sender,
          .body = Pong{publicKey, signature},
          .cookie = pattern(kCookieSize, 10),
          .padding = 0}},
    };
}

} // namespace ringshare::net::samples
