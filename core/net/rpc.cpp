// Rpc: sending with timeouts and retries, matching answers to requests, and the gate every incoming
// datagram passes (filter, decode, cookie, amplification bound).
#include "net/rpc.h"

#include "base/logging.h"

namespace ringshare::net {

namespace {

// Bytes a padding field of `size` zero bytes adds to a message: its key, the length head and the bytes.
int paddingCost(int size) {
    return 1 + (size < 24 ? 1 : size < 256 ? 2 : 3) + size;
}

} // namespace

Rpc::Rpc(Transport& transport, Clock& clock, Random& random, std::optional<NodeId> self, RpcOptions options)
    : m_transport(transport), m_clock(clock), m_random(random), m_self(self), m_options(options),
      m_filter(clock, options.filter), m_mint(clock, random.bytes(32), options.cookieEpoch),
      m_jar(clock, options.cookieEpoch), m_timer(clock.createTimer([this] { expireDue(); })) {
    m_transport.setReceiver(this);
}

Rpc::~Rpc() {
    m_transport.setReceiver(nullptr);
}

std::optional<QByteArray> Rpc::encodeRequest(Message& message, const Endpoint& to) const {
    message.cookie = m_jar.find(to);
    message.padding = 0;
    std::optional<QByteArray> datagram = encode(message);
    if (!datagram || !message.cookie.isEmpty() || datagram->size() >= kPaddedRequestSize)
        return datagram;
    const int missing = kPaddedRequestSize - int(datagram->size());
    int padding = std::max(1, missing - 3);
    while (paddingCost(padding) < missing)
        ++padding;
    message.padding = padding;
    return encode(message);
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

    Message message{id, namesSender() ? m_self : std::nullopt, std::move(body)};
    const MessageType answerType = MessageType(quint8(message.type()) + 1);
    std::optional<QByteArray> datagram = encodeRequest(message, to);
    if (!datagram) {
        qCWarning(lcNet) << "could not encode a request of type" << int(message.type());
        done(nullptr);
        return;
    }
    const Millis deadline = m_clock.now() + m_options.timeout;
    m_transport.send(to, *datagram);
    ++m_stats.requestsSent;
    m_pending.emplace(id, Pending{to, answerType, std::move(message), std::move(*datagram),
                                  m_options.attempts - 1, deadline, std::move(done)});
    m_deadlines.emplace(deadline, id);
    rearm();
}

void Rpc::abandonAll() {
    m_pending.clear();
    m_deadlines.clear();
    m_timer->stop();
}

void Rpc::onDatagram(const Endpoint& from, const Endpoint& to, QByteArrayView datagram) {
    if (!m_filter.admit(from))
        return;
    Decoded decoded = decode(datagram);
    if (!decoded.message) {
        ++m_stats.decodeErrors[size_t(decoded.error)];
        m_filter.reportGarbage(from);
        qCDebug(lcNet) << "dropped a datagram from" << from.toString() << ":" << describe(decoded.error)
                       << decoded.detail;
        return;
    }
    Message& message = *decoded.message;
    if (m_self && message.sender == m_self) {
        // Nobody else can own our ID; whoever claims it is lying or replaying our own datagrams.
        ++m_stats.impostors;
        m_filter.ignore(from);
        qCDebug(lcNet) << from.toString() << "claims to be this node; ignoring it for a while";
        return;
    }

    if (!message.isResponse()) {
        ++m_stats.requestsReceived;
        if (!m_handler)
            return;
        const CookieMint::Verdict cookie = m_mint.verify(from, message.cookie);
        const RequestContext context{from, to, cookie != CookieMint::Verdict::Invalid};
        if (!context.addressProven)
            m_stats.unprovenBytesIn += quint64(datagram.size());
        if (std::optional<Body> reply = m_handler->handleRequest(context, message))
            answer(from, message.transactionId, std::move(*reply), cookie, datagram.size());
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
    if (!message.cookie.isEmpty())
        m_jar.store(from, message.cookie);
    Callback done = std::move(it->second.done);
    m_deadlines.erase({it->second.deadline, it->first});
    m_pending.erase(it);
    rearm();
    done(&message);
}

void Rpc::answer(const Endpoint& to, quint64 transactionId, Body body, CookieMint::Verdict cookie,
                 qsizetype requestSize) {
    Message message{transactionId, m_self, std::move(body)};
    if (cookie != CookieMint::Verdict::Valid)
        message.cookie = m_mint.issue(to);
    std::optional<QByteArray> datagram = encode(message);
    if (!datagram) {
        qCWarning(lcNet) << "could not encode an answer of type" << int(message.type());
        return;
    }
    if (cookie == CookieMint::Verdict::Invalid) {
        if (datagram->size() > kAmplificationLimit * requestSize) {
            // Too long for a requester that may not be who it says: it will pad its next try.
            ++m_stats.answersWithheld;
            return;
        }
        m_stats.unprovenBytesOut += quint64(datagram->size());
    }
    m_transport.send(to, *datagram);
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
            if (!pending.message.cookie.isEmpty()) {
                // The peer may have restarted and no longer know our cookie: ask the long way.
                m_jar.forget(pending.to);
                if (std::optional<QByteArray> padded = encodeRequest(pending.message, pending.to))
                    pending.datagram = std::move(*padded);
            }
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
