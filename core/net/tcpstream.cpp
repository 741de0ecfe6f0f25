// TcpStream: QTcpSocket's signals and errors mapped onto the Stream phases, nothing more.
#include "net/tcpstream.h"

#include <QCoreApplication>

namespace ringshare::net {

namespace {

StreamEnd endFor(QAbstractSocket::SocketError error) {
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        return StreamEnd::PeerClosed;
    case QAbstractSocket::ConnectionRefusedError:
        return StreamEnd::Refused;
    case QAbstractSocket::SocketTimeoutError:
        return StreamEnd::TimedOut;
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::HostNotFoundError:
        return StreamEnd::Lost;
    default:
        return StreamEnd::Failed;
    }
}

} // namespace

TcpStream::TcpStream(QTcpSocket* socket, Phase phase) : Stream(phase), m_socket(socket) {
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (moveTo(Phase::Open))
            Q_EMIT connected();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &Stream::readyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Stream::bytesWritten);
    // Qt reports a peer's close as an error and then as a disconnect: the first one names the end.
    connect(m_socket, &QTcpSocket::errorOccurred, this, &TcpStream::onError);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        finish(StreamEnd::PeerClosed,
               QCoreApplication::translate("ringshare::net::TcpStream", "the peer closed the connection"));
    });
}

std::unique_ptr<TcpStream> TcpStream::dial(const Endpoint& to) {
    std::unique_ptr<TcpStream> stream(new TcpStream(new QTcpSocket, Phase::Connecting));
    stream->m_dialled = to;
    // connectToHost may fail on the spot (an address of the wrong family, no route); the stream's owner
    // cannot have connected to closed() yet, so that failure is told from the event loop instead.
    stream->m_dialling = true;
    stream->m_socket->connectToHost(to.address, to.port);
    stream->m_dialling = false;
    if (stream->m_socket->state() == QAbstractSocket::UnconnectedState) {
        const QString reason = stream->m_socket->errorString();
        const StreamEnd end = endFor(stream->m_socket->error());
        QMetaObject::invokeMethod(
            stream.get(), [raw = stream.get(), end, reason] { raw->finish(end, reason); },
            Qt::QueuedConnection);
    }
    return stream;
}

std::unique_ptr<TcpStream> TcpStream::adopt(QTcpSocket* socket) {
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    return std::unique_ptr<TcpStream>(new TcpStream(socket, Phase::Open));
}

TcpStream::~TcpStream() {
    m_socket->disconnect(this);
    m_socket->abort();
}

Endpoint TcpStream::peerEndpoint() const {
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        return {plainAddress(m_socket->peerAddress()), m_socket->peerPort()};
    return m_dialled;
}

Endpoint TcpStream::localEndpoint() const {
    return {plainAddress(m_socket->localAddress()), m_socket->localPort()};
}

void TcpStream::write(const QByteArray& bytes) {
    if (phase() != Phase::Closed)
        m_socket->write(bytes);
}

void TcpStream::abort() {
    if (!moveTo(Phase::Closed, StreamEnd::Aborted))
        return;
    // Qt emits disconnected() from inside abort(); this stream has said all it will.
    m_socket->disconnect(this);
    m_socket->abort();
}

void TcpStream::onError(QAbstractSocket::SocketError error) {
    if (m_dialling)
        return; // dial() reports it from the event loop
    finish(endFor(error), m_socket->errorString());
}

void TcpStream::finish(StreamEnd end, const QString& reason) {
    if (moveTo(Phase::Closed, end))
        Q_EMIT closed(reason);
}

} // namespace ringshare::net
