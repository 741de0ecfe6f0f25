// The hostile test doubles: HostileNode, Flooder, DeafRequester and HostileSeeder, each misbehaving over
// real loopback sockets (HostileNode and HostileSeeder over the simulator's too).
#include "hostilepeer.h"

#include "crypto/securechannel.h"
#include "net/codec.h"
#include "net/tcpstream.h"
#include "net/tcpstreamtransport.h"

#include <QNetworkDatagram>
#include <stdexcept>

namespace ringshare::hostile {

using transfer::PeerConnection;
using transfer::TransferMessage;

// ---- HostileNode ----------------------------------------------------------------------------------------

HostileNode::HostileNode(Clock& clock, crypto::Identity identity, std::optional<NodeId> claimedId,
                         std::unique_ptr<net::Transport> transport)
    : m_identity(std::move(identity)), m_claimedId(claimedId.value_or(m_identity.nodeId())),
      m_random(qHash(m_claimedId.toHex())), m_transport(std::move(transport)) {
    if (!m_transport) {
        auto bound = net::UdpTransport::bind(QHostAddress::LocalHost, 0);
        if (!bound.ok())
            throw std::runtime_error(bound.error().toStdString());
        m_transport = std::move(bound).value();
    }
    // Short waits: a test asks it to send requests that are meant to go unanswered.
    net::RpcOptions options;
    options.timeout = Millis(500);
    options.attempts = 3;
    m_rpc = std::make_unique<net::Rpc>(*m_transport, clock, m_random, m_claimedId, options);
    m_rpc->setHandler(this);
}

HostileNode::~HostileNode() {
    m_rpc->setHandler(nullptr);
}

std::optional<net::Body> HostileNode::handleRequest(const net::RequestContext&, const net::Message& request) {
    ++requests;
    seen.append(request.type());
    if (answer)
        if (auto body = answer(request))
            return body;
    if (const auto* ping = std::get_if<net::Ping>(&request.body)) {
        if (ping->challenge.isEmpty())
            return net::Body(net::Pong{});
        return net::Body(net::Pong{m_identity.publicKey(),
                                   m_identity.sign(net::proofBytes(ping->challenge, m_claimedId))});
    }
    return std::nullopt;
}

// ---- Flooder --------------------------------------------------------------------------------------------

Flooder::Flooder(std::optional<NodeId> sender, int sockets) : m_sender(sender) {
    for (int i = 0; i < sockets; ++i) {
        auto socket = std::make_unique<QUdpSocket>();
        socket->bind(QHostAddress::LocalHost, 0);
        connect(socket.get(), &QUdpSocket::readyRead, this, [this, raw = socket.get()] {
            while (raw->hasPendingDatagrams()) {
                raw->receiveDatagram();
                ++m_answers;
            }
        });
        m_sockets.push_back(std::move(socket));
    }
}

int Flooder::flood(const net::Endpoint& target, const net::Body& body, int count) {
    int sent = 0;
    for (int i = 0; i < count; ++i) {
        net::Message message{m_nextId++, m_sender, body};
        message.padding = net::kPaddedRequestSize; // as a first contact must, so every answer could fit
        std::optional<QByteArray> datagram = net::encode(message);
        if (!datagram) {
            message.padding = 0;
            datagram = net::encode(message);
        }
        if (!datagram)
            return sent;
        QUdpSocket& socket = *m_sockets[size_t(i) % m_sockets.size()];
        if (socket.writeDatagram(*datagram, target.address, target.port) == datagram->size())
            ++sent;
    }
    return sent;
}

// ---- DeafRequester --------------------------------------------------------------------------------------

DeafRequester::DeafRequester(crypto::Identity identity, const transfer::PeerAddress& peer)
    : m_identity(std::move(identity)),
      m_channel(std::make_unique<crypto::SecureChannel>(m_identity, crypto::SecureChannel::Role::Initiator,
                                                        peer.id, TransferMessage::kMaxEncodedSize)) {
    connect(&m_socket, &QTcpSocket::connected, this, [this] { m_socket.write(m_channel->start()); });
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] {
        if (m_channel->isEstablished())
            return; // deaf from now on: nothing more is read, and the socket's small buffer fills
        QByteArray toWrite;
        QList<QByteArray> messages;
        m_channel->feed(m_socket.readAll(), toWrite, messages);
        m_socket.write(toWrite);
        if (m_channel->isEstablished()) {
            TransferMessage hello;
            hello.type = transfer::MessageType::Hello;
            m_socket.write(m_channel->seal(hello.encode()));
            m_socket.setReadBufferSize(4096);
        }
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { m_closedByPeer = true; });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] { m_closedByPeer = true; });
    m_socket.connectToHost(peer.address, peer.port);
}

DeafRequester::~DeafRequester() {
    m_socket.disconnect(this);
    m_socket.abort();
}

bool DeafRequester::isEstablished() const {
    return m_channel->isEstablished();
}

qint64 DeafRequester::send(const QList<TransferMessage>& messages) {
    qint64 written = 0;
    for (const TransferMessage& message : messages) {
        const QByteArray frame = m_channel->seal(message.encode());
        written += frame.size();
        m_socket.write(frame);
    }
    return written;
}

// ---- HostileSeeder --------------------------------------------------------------------------------------

HostileSeeder::HostileSeeder(Clock& clock, crypto::Identity identity)
    : HostileSeeder(clock, std::move(identity), std::make_unique<net::TcpStreamTransport>(), nullptr,
                    QHostAddress::LocalHost) {}

HostileSeeder::HostileSeeder(Clock& clock, crypto::Identity identity, net::StreamTransport& streams,
                             const QHostAddress& address)
    : HostileSeeder(clock, std::move(identity), nullptr, &streams, address) {}

HostileSeeder::HostileSeeder(Clock& clock, crypto::Identity identity,
                             std::unique_ptr<net::StreamTransport> own, net::StreamTransport* streams,
                             const QHostAddress& address)
    : m_clock(clock), m_identity(std::move(identity)), m_unlimited(clock), m_ownStreams(std::move(own)),
      m_streams(streams ? *streams : *m_ownStreams), m_address(address) {
    m_streams.setAcceptor(this);
    if (!m_streams.listen(address, 0).ok())
        throw std::runtime_error("the hostile seeder cannot listen");
}

void HostileSeeder::onStream(std::unique_ptr<net::Stream> stream) {
    ++m_accepted;
    auto* connection = new PeerConnection(m_identity, std::move(stream), PeerConnection::Direction::Inbound,
                                          std::nullopt, m_streams.listenPort(), m_unlimited, m_clock,
                                          PeerConnection::kHandshakeTimeout, this);
    m_connections.append(connection);
    connect(connection, &PeerConnection::message, this,
            [this, connection](const transfer::TransferMessage& message) {
                if (onMessage)
                    onMessage(*connection, message);
            });
    connect(connection, &PeerConnection::closed, this,
            [this](const QString& reason) { m_closeReasons.append(reason); });
}

HostileSeeder::~HostileSeeder() {
    for (const QPointer<PeerConnection>& connection : std::as_const(m_connections))
        if (connection) {
            connection->disconnect(this);
            delete connection.data(); // before the transport its stream came from
        }
    m_streams.setAcceptor(nullptr);
}

transfer::PeerAddress HostileSeeder::address() const {
    return {m_address, m_streams.listenPort(), m_identity.nodeId()};
}

int HostileSeeder::open() const {
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(),
                             [](const QPointer<PeerConnection>& c) { return c && !c->isClosed(); }));
}

} // namespace ringshare::hostile
