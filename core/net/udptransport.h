// UdpTransport: the datagram Transport over a real UDP socket.
#pragma once

#include "base/result.h"
#include "net/transport.h"

#include <QUdpSocket>
#include <memory>

namespace ringshare::net {

// Datagrams over a real UDP socket, read on the Qt event loop of the thread that binds it.
// Anything longer than kMaxDatagramSize is dropped unread by the protocol and counted.
class UdpTransport final : public Transport {
public:
    // Binds `address`:`port` (port 0 picks a free one). A taken port or an address this machine does not
    // have is an error in words.
    [[nodiscard]] static Result<std::unique_ptr<UdpTransport>> bind(const QHostAddress& address,
                                                                    quint16 port);
    // Opens fresh sockets on `address` (any free port), for packets that must not look like replies.
    [[nodiscard]] static std::unique_ptr<SocketFactory> freshSockets(const QHostAddress& address);
    ~UdpTransport() override;

    void setReceiver(DatagramReceiver* receiver) override { m_receiver = receiver; }
    void send(const Endpoint& to, const QByteArray& datagram) override;
    [[nodiscard]] Endpoint localEndpoint() const override;

    struct Stats {
        quint64 received = 0;
        quint64 oversize = 0;
        quint64 sent = 0;
        quint64 sendErrors = 0;
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

private:
    UdpTransport() = default;
    void readPending();

    QUdpSocket m_socket;
    DatagramReceiver* m_receiver = nullptr;
    Stats m_stats;
};

} // namespace ringshare::net
