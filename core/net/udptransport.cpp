// UdpTransport: binding, sending, and reading with oversize datagrams dropped unread.
#include "net/udptransport.h"

#include "base/logging.h"
#include "net/message.h"

#include <QCoreApplication>
#include <QNetworkDatagram>

namespace ringshare::net {

namespace {

class UdpSockets final : public SocketFactory {
public:
    explicit UdpSockets(QHostAddress address) : m_address(std::move(address)) {}
    std::unique_ptr<Transport> openFresh() override {
        auto bound = UdpTransport::bind(m_address, 0);
        if (!bound)
            return nullptr;
        return std::move(bound.value());
    }

private:
    QHostAddress m_address;
};

} // namespace

std::unique_ptr<SocketFactory> UdpTransport::freshSockets(const QHostAddress& address) {
    return std::make_unique<UdpSockets>(address);
}

Result<std::unique_ptr<UdpTransport>> UdpTransport::bind(const QHostAddress& address, quint16 port) {
    std::unique_ptr<UdpTransport> transport(new UdpTransport);
    if (!transport->m_socket.bind(address, port, QAbstractSocket::DontShareAddress)) {
        return Error{
            QCoreApplication::translate("ringshare::net::UdpTransport", "Cannot listen for UDP on %1:%2: %3.")
                .arg(address.toString())
                .arg(port)
                .arg(transport->m_socket.errorString())};
    }
    UdpTransport* raw = transport.get();
    QObject::connect(&raw->m_socket, &QUdpSocket::readyRead, &raw->m_socket, [raw] { raw->readPending(); });
    return transport;
}

UdpTransport::~UdpTransport() {
    m_socket.close();
}

void UdpTransport::send(const Endpoint& to, const QByteArray& datagram) {
    if (m_socket.writeDatagram(datagram, to.address, to.port) == datagram.size()) {
        ++m_stats.sent;
    } else {
        ++m_stats.sendErrors;
        qCDebug(lcNet) << "could not send to" << to.toString() << ":" << m_socket.errorString();
    }
}

Endpoint UdpTransport::localEndpoint() const {
    return {m_socket.localAddress(), m_socket.localPort()};
}

void UdpTransport::readPending() {
    while (m_socket.hasPendingDatagrams()) {
        const qint64 size = m_socket.pendingDatagramSize();
        if (size < 0 || size > kMaxDatagramSize) {
            // Read and thrown away: a peer cannot make us buffer more than one datagram's worth.
            m_socket.readDatagram(nullptr, 0);
            ++m_stats.oversize;
            continue;
        }
        const QNetworkDatagram datagram = m_socket.receiveDatagram(kMaxDatagramSize);
        if (!datagram.isValid())
            continue;
        ++m_stats.received;
        const Endpoint from{plainAddress(datagram.senderAddress()), quint16(datagram.senderPort())};
        // A socket on a wildcard address learns here which of this host's addresses the sender used.
        Endpoint to = localEndpoint();
        if (const QHostAddress local = plainAddress(datagram.destinationAddress());
            !local.isNull() && local.scopeId().isEmpty())
            to.address = local;
        if (m_receiver)
            m_receiver->onDatagram(from, to, datagram.data());
    }
}

} // namespace ringshare::net
