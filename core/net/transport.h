// The datagram transport interface (Transport) and its receiver: what the DHT needs from a network.
#pragma once

#include "net/endpoint.h"

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

namespace ringshare::net {

// Whoever reads what arrives on a Transport.
class DatagramReceiver {
public:
    // `to`: the local address and port it was sent to, which names this host the way the sender sees it
    // (the transport's own address when it listens on one, or when the system does not say).
    virtual void onDatagram(const Endpoint& from, const Endpoint& to, QByteArrayView datagram) = 0;

protected:
    ~DatagramReceiver() = default;
};

// Unreliable, unordered datagrams, like UDP: the one thing the protocol needs from a network. The real
// implementation sits on QUdpSocket; the simulated one delivers in-process on a virtual clock.
class Transport {
public:
    virtual ~Transport() = default;
    // Not owned; may be null to stop receiving.
    virtual void setReceiver(DatagramReceiver* receiver) = 0;
    // Best effort: a datagram may be lost, delayed or reordered, and no error comes back.
    virtual void send(const Endpoint& to, const QByteArray& datagram) = 0;
    [[nodiscard]] virtual Endpoint localEndpoint() const = 0;
};

// Opens a new socket beside a node's own: same host and address, another port. A packet sent from it is
// a reply on no flow the node has, so a NAT in front of the receiver treats it as unsolicited (how a
// reachability probe is sent).
class SocketFactory {
public:
    virtual ~SocketFactory() = default;
    // A new transport, or null when none can be opened now.
    [[nodiscard]] virtual std::unique_ptr<Transport> openFresh() = 0;
};

} // namespace ringshare::net
