// A Stream over a real QTcpSocket, the one TcpStreamTransport dials and accepts.
#pragma once

#include "net/stream.h"

#include <QTcpSocket>

namespace ringshare::net {

class TcpStream final : public Stream {
public:
    // Starts connecting to `to`.
    [[nodiscard]] static std::unique_ptr<TcpStream> dial(const Endpoint& to);
    // Takes ownership of `socket`, which is connected (accepted by a QTcpServer).
    [[nodiscard]] static std::unique_ptr<TcpStream> adopt(QTcpSocket* socket);
    ~TcpStream() override;
    TcpStream(const TcpStream&) = delete;
    TcpStream& operator=(const TcpStream&) = delete;

    [[nodiscard]] Endpoint peerEndpoint() const override;
    [[nodiscard]] Endpoint localEndpoint() const override;
    [[nodiscard]] qint64 bytesAvailable() const override { return m_socket->bytesAvailable(); }
    [[nodiscard]] QByteArray read(qint64 maxBytes) override { return m_socket->read(maxBytes); }
    void setReadBufferSize(qint64 bytes) override { m_socket->setReadBufferSize(bytes); }
    void write(const QByteArray& bytes) override;
    [[nodiscard]] qint64 bytesToWrite() const override { return m_socket->bytesToWrite(); }
    void abort() override;

private:
    TcpStream(QTcpSocket* socket, Phase phase);
    void onError(QAbstractSocket::SocketError error);
    void finish(StreamEnd end, const QString& reason);

    QTcpSocket* m_socket; // a child of this stream
    Endpoint m_dialled;   // what dial() was given, the peer until the socket knows better
    bool m_dialling = false;
};

} // namespace ringshare::net
