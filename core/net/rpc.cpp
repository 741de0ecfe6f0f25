#include "net/rpc.h"

#include "base/logging.h"

namespace ringshare::net {

Rpc::Rpc(Transport& transport, Clock& clock, Random& random, std::optional<NodeId> self, RpcOptions options)
    : m_transport(transport), m_clock(clock), m_random(random), m_self(self), m_options(options),
      m_timer(clock.createTimer([this] { expireDue(); })) {
    m_transport.setReceiver(this);
}

Rpc::~Rpc() {
    m_transport.setReceiver(nullptr);
}

void Rpc::request(const Endpoint& to, Body body, Callback done) {
    if (int(m_pending.size()) >= m_options.maxPending) {
        qCWarning(lcNet) << "too many requests in flight; dropping one to" << to.toString();
        done(nullptr);
        return;
    }
    quint64 id;
    do {
        id = m_random.next64();
    } while (id == 0 || m_pending.contains(id));

    Message message{id, m_self, std::move(body)};
    const MessageType answerType = MessageType(quint8(message.type()) + 1);
    std::optional<QByteArray> datagram = encode(message);
    if (!datagram) {
        qCWarning(lcNet) << "could not encode a request of type" << int(message.type());
        done(nullptr);
        return;
    }
    const Millis deadline = m_clock.now() + m_options.timeout;
    m_transport.send(to, *datagram);
    ++m_stats.requestsSent;
    m_pending.emplace(
        id, Pending{to, answerType, std::move(*datagram), m_options.attempts - 1, deadline, std::move(done)});
    m_deadlines.emplace(deadline, id);
    rearm();
}

void Rpc::abandonAll() {
    m_pending.clear();
    m_deadlines.clear();
    m_timer->stop();
}

void Rpc::onDatagram(const Endpoint& from, QByteArrayView datagram) {
    Decoded decoded = decode(datagram);
    if (!decoded.message) {
        ++m_stats.decodeErrors[size_t(decoded.error)];
        qCDebug(lcNet) << "dropped a datagram from" << from.toString() << ":" << describe(decoded.error)
                       << decoded.detail;
        return;
    }
    Message& message = *decoded.message;

    if (!message.isResponse()) {
        ++m_stats.requestsReceived;
        if (!m_handler)
            return;
        if (std::optional<Body> reply = m_handler->handleRequest(from, message))
            answer(from, message.transactionId, std::move(*reply));
        return;
    }

    const auto it = m_pending.find(message.transactionId);
    // An answer counts only from the address asked and of the type asked for: anything else is stale,
    // misdirected or forged.
    if (it == m_pending.end() || !(it->second.to == from) || it->second.answerType != message.type()) {
        ++m_stats.unmatchedAnswers;
        return;
    }
    ++m_stats.answersReceived;
    Callback done = std::move(it->second.done);
    m_deadlines.erase({it->second.deadline, it->first});
    m_pending.erase(it);
    rearm();
    done(&message);
}

void Rpc::answer(const Endpoint& to, quint64 transactionId, Body body) {
    const Message message{transactionId, m_self, std::move(body)};
    if (std::optional<QByteArray> datagram = encode(message))
        m_transport.send(to, *datagram);
    else
        qCWarning(lcNet) << "could not encode an answer of type" << int(message.type());
}

void Rpc::expireDue() {
    const Millis now = m_clock.now();
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const quint64 id = m_deadlines.begin()->second;
        m_deadlines.erase(m_deadlines.begin());
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            continue;
        Pending& pending = it->second;
        if (pending.attemptsLeft > 0) {
            --pending.attemptsLeft;
            ++m_stats.retries;
            pending.deadline = now + m_options.timeout;
            m_deadlines.emplace(pending.deadline, id);
            m_transport.send(pending.to, pending.datagram);
            continue;
        }
        ++m_stats.timeouts;
        Callback done = std::move(pending.done);
        m_pending.erase(it);
        done(nullptr); // may issue new requests; the loop re-reads the deadlines
    }
    rearm();
}

void Rpc::rearm() {
    if (m_deadlines.empty()) {
        m_timer->stop();
        return;
    }
    const Millis delay = m_deadlines.begin()->first - m_clock.now();
    m_timer->start(std::max(delay, Millis(0)));
}

} // namespace ringshare::net
