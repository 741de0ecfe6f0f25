// TcpStreamTransport: listening and dialling over the system's TCP.
#include "net/tcpstreamtransport.h"

#include "net/tcpstream.h"

namespace ringshare::net {

TcpStreamTransport::TcpStreamTransport() {
    QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { acceptPending(); });
}

TcpStreamTransport::~TcpStreamTransport() {
    m_server.close();
}

Result<void> TcpStreamTransport::listen(const QHostAddress& address, quint16 port) {
    if (!m_server.listen(address, port))
        return Error{m_server.errorString()};
    return {};
}

quint16 TcpStreamTransport::listenPort() const {
    return m_server.isListening() ? m_server.serverPort() : 0;
}

std::unique_ptr<Stream> TcpStreamTransport::dial(const Endpoint& to) {
    return TcpStream::dial(to);
}

void TcpStreamTransport::acceptPending() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto stream = TcpStream::adopt(socket);
        // The acceptor may make or drop streams, but not this transport, while it runs.
        if (m_acceptor)
            m_acceptor->onStream(std::move(stream));
    }
}

} // namespace ringshare::net
