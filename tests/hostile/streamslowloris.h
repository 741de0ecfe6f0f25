// The slowloris of tst_hostilepeers on any stream transport (the simulator's): connections that send
// nothing, or a real handshake opening one byte at a time.
#pragma once

#include "crypto/identity.h"
#include "crypto/securechannel.h"
#include "net/stream.h"

#include <memory>
#include <vector>

namespace ringshare::hostile {

class StreamSlowloris final {
public:
    explicit StreamSlowloris(net::StreamTransport& streams) : m_streams(streams) {
        const crypto::Identity someone = crypto::Identity::generate();
        crypto::SecureChannel channel(someone, crypto::SecureChannel::Role::Initiator);
        m_opening = channel.start();
    }

    void open(const net::Endpoint& target, int count) {
        m_target = target;
        for (int i = 0; i < count; ++i)
            dial();
    }
    // Sends one more byte of a well-formed handshake opening on every open connection.
    void trickle() {
        if (m_sent >= m_opening.size())
            return;
        const QByteArray byte = m_opening.mid(m_sent++, 1);
        for (const auto& stream : m_live)
            if (stream->phase() == net::Stream::Phase::Open)
                stream->write(byte);
    }
    // Opens a new connection whenever one ends.
    void setReopen(bool reopen) { m_reopen = reopen; }
    // Connections that are over: closed or reset by the other side, or refused.
    [[nodiscard]] int ended() const { return m_ended; }
    // Bytes of the handshake opening trickle() has yet to send.
    [[nodiscard]] int bytesLeft() const { return int(m_opening.size()) - m_sent; }

private:
    void dial() {
        std::unique_ptr<net::Stream> stream = m_streams.dial(m_target);
        net::Stream* raw = stream.get();
        // An aborted end hears nothing more; the streams are kept (never destroyed from their own signal).
        QObject::connect(raw, &net::Stream::closed, [this] {
            ++m_ended;
            if (m_reopen)
                dial();
        });
        m_live.push_back(std::move(stream));
    }

    net::StreamTransport& m_streams;
    net::Endpoint m_target;
    QByteArray m_opening;
    std::vector<std::unique_ptr<net::Stream>> m_live;
    int m_sent = 0;
    int m_ended = 0;
    bool m_reopen = false;
};

} // namespace ringshare::hostile
