// Test doubles that misbehave on purpose. Each speaks the real protocol with the project's own codec and a
// real identity, over real loopback sockets or the simulator's, so what an honest node sees is exactly what
// a hostile peer on the internet could send.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "crypto/identity.h"
#include "crypto/securechannel.h"
#include "net/message.h"
#include "net/rpc.h"
#include "net/stream.h"
#include "net/transport.h"
#include "net/udptransport.h"
#include "transfer/peerconnection.h"
#include "transfer/ratelimiter.h"
#include "transfer/transfermessage.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QUdpSocket>
#include <functional>
#include <memory>
#include <optional>

namespace ringshare::hostile {

// A DHT peer on its own UDP socket that answers requests as the test tells it to. By default it answers a
// challenge with a proof for `claimedId` made with its real key: valid only when the claim is true.
class HostileNode final : public net::RequestHandler {
public:
    using Answer = std::function<std::optional<net::Body>(const net::Message& request)>;

    // On a loopback UDP socket of its own, or on `transport` (the simulator's) when one is given.
    HostileNode(Clock& clock, crypto::Identity identity, std::optional<NodeId> claimedId = std::nullopt,
                std::unique_ptr<net::Transport> transport = nullptr);
    ~HostileNode();

    [[nodiscard]] net::NodeRef ref() const { return {m_claimedId, m_transport->localEndpoint()}; }
    [[nodiscard]] net::Endpoint endpoint() const { return m_transport->localEndpoint(); }
    [[nodiscard]] const crypto::Identity& identity() const { return m_identity; }
    [[nodiscard]] net::Rpc& rpc() { return *m_rpc; }

    Answer answer;
    int requests = 0;
    QList<net::MessageType> seen; // types of the requests that reached it

private:
    std::optional<net::Body> handleRequest(const net::RequestContext& context,
                                           const net::Message& request) override;

    crypto::Identity m_identity;
    NodeId m_claimedId;
    SeededRandom m_random;
    std::unique_ptr<net::Transport> m_transport;
    std::unique_ptr<net::Rpc> m_rpc;
};

// Sends well-formed requests as fast as it can, from `sockets` source ports at once, bypassing any
// rate limit of its own. It never waits for an answer; it counts the ones that came back.
class Flooder final : public QObject {
    Q_OBJECT
public:
    Flooder(std::optional<NodeId> sender, int sockets);
    // Sends `count` datagrams carrying `body` to `target`, spread over the sockets; returns how many left.
    int flood(const net::Endpoint& target, const net::Body& body, int count);
    [[nodiscard]] int answers() const { return m_answers; }

private:
    std::optional<NodeId> m_sender;
    std::vector<std::unique_ptr<QUdpSocket>> m_sockets;
    quint64 m_nextId = 1;
    int m_answers = 0;
};

// A transfer peer that dials, completes the real handshake, says hello, and then sends whatever it is
// given as fast as it can while reading nothing more: what it asked for piles up on the other side.
class DeafRequester final : public QObject {
    Q_OBJECT
public:
    DeafRequester(crypto::Identity identity, const transfer::PeerAddress& peer);
    ~DeafRequester() override;

    [[nodiscard]] bool isEstablished() const;
    // Seals and writes every message; returns the bytes written.
    qint64 send(const QList<transfer::TransferMessage>& messages);
    [[nodiscard]] bool isClosedByPeer() const { return m_closedByPeer; }

private:
    crypto::Identity m_identity;
    std::unique_ptr<crypto::SecureChannel> m_channel;
    QTcpSocket m_socket;
    bool m_closedByPeer = false;
};

// A transfer peer that accepts connections, completes the real handshake with its real identity, and
// answers messages as the test tells it to (through `onMessage`, which may send anything back). On real
// loopback TCP of its own, or on a stream transport it is given (the simulator's).
class HostileSeeder final : public QObject, private net::StreamAcceptor {
    Q_OBJECT
public:
    using Handler =
        std::function<void(transfer::PeerConnection& connection, const transfer::TransferMessage&)>;

    HostileSeeder(Clock& clock, crypto::Identity identity);
    // Listens on `address` of `streams`, which must outlive it.
    HostileSeeder(Clock& clock, crypto::Identity identity, net::StreamTransport& streams,
                  const QHostAddress& address);
    ~HostileSeeder() override;

    [[nodiscard]] transfer::PeerAddress address() const;
    [[nodiscard]] int accepted() const { return m_accepted; }
    [[nodiscard]] int open() const; // connections not closed yet
    // Why the honest side's connections to us ended, in order (the honest side closing shows up as
    // "the peer closed the connection").
    [[nodiscard]] const QStringList& closeReasons() const { return m_closeReasons; }

    Handler onMessage;

private:
    // `streams`, or `own` when it is null.
    HostileSeeder(Clock& clock, crypto::Identity identity, std::unique_ptr<net::StreamTransport> own,
                  net::StreamTransport* streams, const QHostAddress& address);
    void onStream(std::unique_ptr<net::Stream> stream) override;

    Clock& m_clock;
    crypto::Identity m_identity;
    transfer::RateLimiter m_unlimited;
    std::unique_ptr<net::StreamTransport> m_ownStreams;
    net::StreamTransport& m_streams;
    QHostAddress m_address;
    QList<QPointer<transfer::PeerConnection>> m_connections;
    QStringList m_closeReasons;
    int m_accepted = 0;
};

} // namespace ringshare::hostile
