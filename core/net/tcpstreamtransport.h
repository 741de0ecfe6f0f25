// Streams over real TCP: a QTcpServer for what is accepted, a QTcpSocket per dial.
#pragma once

#include "net/stream.h"

#include <QTcpServer>

namespace ringshare::net {

// Read and written on the Qt event loop of the thread that made it.
class TcpStreamTransport final : public StreamTransport {
public:
    TcpStreamTransport();
    ~TcpStreamTransport() override;
    TcpStreamTransport(const TcpStreamTransport&) = delete;
    TcpStreamTransport& operator=(const TcpStreamTransport&) = delete;

    [[nodiscard]] Result<void> listen(const QHostAddress& address, quint16 port) override;
    [[nodiscard]] quint16 listenPort() const override;
    void setAcceptor(StreamAcceptor* acceptor) override { m_acceptor = acceptor; }
    [[nodiscard]] std::unique_ptr<Stream> dial(const Endpoint& to) override;

private:
    void acceptPending();

    QTcpServer m_server;
    StreamAcceptor* m_acceptor = nullptr;
};

} // namespace ringshare::net
