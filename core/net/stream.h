// Reliable, ordered byte streams between hosts (what TCP gives): the connection and the transport that
// dials and accepts them. TcpStreamTransport is the real one; SimNetwork has one on the virtual clock.
#pragma once

#include "base/result.h"
#include "net/endpoint.h"

#include <QByteArray>
#include <QObject>
#include <memory>

namespace ringshare::net {

// Why a stream ended, for code that reacts to the cause; the reason in words comes with closed().
enum class StreamEnd {
    None,       // still open or connecting
    Aborted,    // this end called abort()
    PeerClosed, // the peer closed its end
    Refused,    // nothing listens on the port dialled
    Lost,       // reset by the peer's host, or the network failed (Qt reports a connect timeout so too)
    TimedOut,   // the dial was never answered (the simulator's SYN schedule ran out)
    Failed,     // anything else the system reports
};

// One connection, dialled (Connecting until connected() or closed()) or accepted (Open from the start).
// Signals never fire from inside a call on the stream itself, only from the event loop (or the virtual
// clock), so an owner may call anything from its slots. Destroying a stream aborts it.
class Stream : public QObject {
    Q_OBJECT

public:
    enum class Phase { Connecting, Open, Closed };

    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] StreamEnd end() const { return m_end; }
    [[nodiscard]] virtual Endpoint peerEndpoint() const = 0;
    [[nodiscard]] virtual Endpoint localEndpoint() const = 0;

    // Bytes received and not read yet; read() takes at most `maxBytes` of them, so a rate limiter can
    // decide how much to take.
    [[nodiscard]] virtual qint64 bytesAvailable() const = 0;
    [[nodiscard]] virtual QByteArray read(qint64 maxBytes) = 0;
    // At most this many unread bytes are held (0: no bound); past it the sender is slowed (flow control).
    virtual void setReadBufferSize(qint64 bytes) = 0;

    // Queues bytes (while connecting too); bytesWritten() reports them as they leave.
    virtual void write(const QByteArray& bytes) = 0;
    // Queued and not yet sent: it grows when the writer outruns the link or the reader, which is how a
    // writer feels back-pressure.
    [[nodiscard]] virtual qint64 bytesToWrite() const = 0;

    // Drops the connection at once, unsent bytes included; the peer hears of it. closed() does not follow.
    virtual void abort() = 0;

Q_SIGNALS:
    void connected();
    void readyRead();
    void bytesWritten(qint64 bytes);
    // Once, when the stream ends other than by abort(); end() says why.
    void closed(const QString& reason);

protected:
    explicit Stream(Phase phase) : m_phase(phase) {}

    // The one way the phase moves: Connecting -> Open, or anything -> Closed (for good). Signals are the
    // caller's to emit, after its own state is consistent; false when nothing changed.
    bool moveTo(Phase phase, StreamEnd end = StreamEnd::None) {
        if (m_phase == Phase::Closed || m_phase == phase ||
            (phase == Phase::Open && m_phase != Phase::Connecting))
            return false;
        m_phase = phase;
        m_end = end;
        return true;
    }

private:
    Phase m_phase;
    StreamEnd m_end = StreamEnd::None;
};

// Whoever takes the streams a StreamTransport accepts. It owns each one; dropping it refuses the peer.
class StreamAcceptor {
public:
    virtual void onStream(std::unique_ptr<Stream> stream) = 0;

protected:
    ~StreamAcceptor() = default;
};

// Dials and accepts streams for one host.
class StreamTransport {
public:
    virtual ~StreamTransport() = default;

    // Starts accepting on `address`:`port` (port 0 picks a free one). The error is the system's reason
    // alone; the caller says what could not be done.
    [[nodiscard]] virtual Result<void> listen(const QHostAddress& address, quint16 port) = 0;
    // 0 when not listening.
    [[nodiscard]] virtual quint16 listenPort() const = 0;
    // Not owned; may be null, and then accepted streams are dropped.
    virtual void setAcceptor(StreamAcceptor* acceptor) = 0;
    // A stream that is connecting; connected() or closed() follows.
    [[nodiscard]] virtual std::unique_ptr<Stream> dial(const Endpoint& to) = 0;
};

} // namespace ringshare::net
