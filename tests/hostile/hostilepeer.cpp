// The hostile test doubles: HostileNode, BlackHole, Flooder, Slowloris, DeafRequester and
// HostileSeeder, each misbehaving over real loopback sockets.
#include "hostilepeer.h"

#include "crypto/securechannel.h"
#include "net/codec.h"
#include "net/tcpstream.h"

#include <QNetworkDatagram>
#include <stdexcept>

namespace ringshare::hostile {

using transfer::PeerConnection;
using transfer::TransferMessage;

// ---- HostileNode ----------------------------------------------------------------------------------------

HostileNode::HostileNode(Clock& clock, crypto::Identity identity, std::optional<NodeId> claimedId)
    : m_identity(std::move(identity)), m_claimedId(claimedId.value_or(m_identity.nodeId())),
      m_random(qHash(m_claimedId.toHex())) {
    auto bound = net::UdpTransport::bind(QHostAddress::LocalHost, 0);
    if (!bound.ok())
        throw std::runtime_error(bound.error().toStdString());
    m_transport = std::move(bound).value();
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

// ---- BlackHole ------------------------------------------------------------------------------------------

BlackHole::BlackHole() {
    m_socket.bind(QHostAddress::LocalHost, 0);
}

net::Endpoint BlackHole::endpoint() const {
    return net::Endpoint{QHostAddress::LocalHost, m_socket.localPort()};
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

// ---- Slowloris ------------------------------------------------------------------------------------------

void Slowloris::open(const QHostAddress& host, quint16 port, int count) {
    if (m_opening.isEmpty()) {
        const crypto::Identity someone = crypto::Identity::generate();
        crypto::SecureChannel channel(someone, crypto::SecureChannel::Role::Initiator);
        m_opening = channel.start();
    }
    for (int i = 0; i < count; ++i) {
        auto* socket = new QTcpSocket(this);
        socket->bind(m_source, 0);
        // A connection refused at accept may end as a reset before Qt ever reports it connected: count
        // whichever comes, once.
        const auto over = [this, socket, host, port] {
            if (socket->property("over").toBool())
                return;
            socket->setProperty("over", true);
            ++m_ended;
            socket->deleteLater();
            if (m_reopen)
                QMetaObject::invokeMethod(
                    this, [this, host, port] { open(host, port, 1); }, Qt::QueuedConnection);
        };
        connect(socket, &QTcpSocket::disconnected, this, over);
        connect(socket, &QTcpSocket::errorOccurred, this, over);
        socket->connectToHost(host, port);
        m_sockets.append(socket);
    }
}

void Slowloris::trickle() {
    if (m_sent >= m_opening.size())
        return;
    const char byte = m_opening.at(m_sent++);
    for (const QPointer<QTcpSocket>& socket : std::as_const(m_sockets))
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->write(&byte, 1);
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
    : m_clock(clock), m_identity(std::move(identity)), m_unlimited(clock) {
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            ++m_accepted;
            auto* connection = new PeerConnection(
                m_identity, net::TcpStream::adopt(socket), PeerConnection::Direction::Inbound, std::nullopt,
                m_server.serverPort(), m_unlimited, m_clock, PeerConnection::kHandshakeTimeout, this);
            m_connections.append(connection);
            connect(connection, &PeerConnection::message, this,
                    [this, connection](const transfer::TransferMessage& message) {
                        if (onMessage)
                            onMessage(*connection, message);
                    });
            connect(connection, &PeerConnection::closed, this,
                    [this](const QString& reason) { m_closeReasons.append(reason); });
        }
    });
}

HostileSeeder::~HostileSeeder() {
    for (const QPointer<PeerConnection>& connection : std::as_const(m_connections))
        if (connection)
            connection->disconnect(this);
}

transfer::PeerAddress HostileSeeder::address() const {
    return {QHostAddress::LocalHost, m_server.serverPort(), m_identity.nodeId()};
}

int HostileSeeder::open() const {
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(),
                             [](const QPointer<PeerConnection>& c) { return c && !c->isClosed(); }));
}

} // namespace ringshare::hostile
