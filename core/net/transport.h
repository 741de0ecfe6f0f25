// The datagram transport interface (Transport) and its receiver: what the DHT needs from a network.
#pragma once

#include "net/endpoint.h"

#include <QByteArray>
#include <QByteArrayView>

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

} // namespace ringshare::net
