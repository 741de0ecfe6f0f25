// Rpc: requests and answers over a datagram Transport, with retries, cookies and the amplification limit;
// RequestHandler is whoever answers what arrives.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "net/codec.h"
#include "net/cookies.h"
#include "net/message.h"
#include "net/peerfilter.h"
#include "net/transport.h"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace ringshare::net {

struct RpcOptions {
    // How long to wait for an answer before sending again, and how many sends in all.
    Millis timeout{1000};
    int attempts = 3;
    // Requests in flight at once; beyond this a request fails at once instead of queueing without bound.
    int maxPending = 4096;
    PeerFilterOptions filter;
    Millis cookieEpoch = CookieMint::kDefaultEpoch;
};

// Where a request came from.
struct RequestContext {
    Endpoint from;
    // Where it was sent: this node's address as the requester sees it.
    Endpoint to;
    // The requester showed a cookie for `from`, so it receives there: the source address is not forged.
    bool addressProven = false;
};

// Answers the requests that arrive.
class RequestHandler {
public:
    // Returns the answer's body, or nullopt to stay silent.
    virtual std::optional<Body> handleRequest(const RequestContext& context, const Message& request) = 0;

protected:
    ~RequestHandler() = default;
};

// Requests and answers over a Transport: random transaction ids, timeouts, bounded retries, and matching
// of each answer to its request by id, source and type. Malformed datagrams are dropped and counted.
//
// What reaches it from the network passes a PeerFilter first (a rate limit per peer; peers that keep
// sending garbage or claim this node's ID are ignored for a while). Address cookies keep a node from being
// used as an amplifier: an answer to a requester that has not shown a cookie for its address is at most
// kAmplificationLimit times as long as the request, and every such answer carries a cookie to show next
// time. Requests without a cookie are padded to kPaddedRequestSize, so that any answer still fits.
class Rpc final : private DatagramReceiver {
public:
    // The answer, or nullptr when none came after every attempt (or the request could not be sent).
    using Callback = std::function<void(const Message* reply)>;

    // `self` is stamped as the sender on everything sent; nullopt for a client outside the ring.
    Rpc(Transport& transport, Clock& clock, Random& random, std::optional<NodeId> self,
        RpcOptions options = {});
    ~Rpc();
    Rpc(const Rpc&) = delete;
    Rpc& operator=(const Rpc&) = delete;

    void setHandler(RequestHandler* handler) { m_handler = handler; }
    // Whether requests name `self` as their sender. A node that is a client of the ring for a while (it
    // cannot be dialled) sends its requests unnamed, so members take it into none of their routing state;
    // its answers still name it, and datagrams claiming its ID are still refused.
    void setNamesSender(bool names) { m_namesSender = names; }
    [[nodiscard]] bool namesSender() const { return m_namesSender && m_self.has_value(); }
    // The peer at `from` sent something well formed but provably false, such as a record with a forged
    // signature: it counts against the peer as an undecodable datagram does. Only for an address proven by
    // a cookie, or a forger could get an honest peer ignored by sending in its name.
    void reportMisbehaviour(const Endpoint& from) { m_filter.reportGarbage(from); }
    void request(const Endpoint& to, Body body, Callback done);
    // Fails every request in flight without calling its callback (used when a node shuts down).
    void abandonAll();

    [[nodiscard]] const std::optional<NodeId>& self() const { return m_self; }
    [[nodiscard]] Endpoint localEndpoint() const { return m_transport.localEndpoint(); }
    [[nodiscard]] int pendingCount() const { return int(m_pending.size()); }

    struct Stats {
        quint64 requestsSent = 0; // first attempts only
        quint64 retries = 0;
        quint64 timeouts = 0;
        quint64 answersReceived = 0;
        quint64 requestsReceived = 0;
        quint64 unmatchedAnswers = 0; // unknown id, wrong source or wrong type
        quint64 impostors = 0;        // datagrams that claimed this node's ID
        std::array<quint64, kDecodeErrorCount> decodeErrors{};
        // Requests from addresses not proven by a cookie, the bytes of their answers, and the answers
        // withheld because they would have been too long.
        quint64 unprovenBytesIn = 0;
        quint64 unprovenBytesOut = 0;
        quint64 answersWithheld = 0;
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }
    [[nodiscard]] const PeerFilter& filter() const { return m_filter; }

private:
    struct Pending {
        Endpoint to;
        MessageType answerType;
        Message message;
        QByteArray datagram;
        int attemptsLeft;
        Millis deadline;
        Callback done;
    };

    void onDatagram(const Endpoint& from, const Endpoint& to, QByteArrayView datagram) override;
    // Fills in the request's cookie for `to`, or its padding; nullopt when it cannot be encoded.
    std::optional<QByteArray> encodeRequest(Message& message, const Endpoint& to) const;
    void answer(const Endpoint& to, quint64 transactionId, Body body, CookieMint::Verdict cookie,
                qsizetype requestSize);
    void expireDue();
    void rearm();

    Transport& m_transport;
    Clock& m_clock;
    Random& m_random;
    std::optional<NodeId> m_self;
    bool m_namesSender = true;
    RpcOptions m_options;
    RequestHandler* m_handler = nullptr;
    PeerFilter m_filter;
    CookieMint m_mint;
    CookieJar m_jar;
    std::map<quint64, Pending> m_pending;
    std::set<std::pair<Millis, quint64>> m_deadlines;
    std::unique_ptr<Timer> m_timer;
    Stats m_stats;
};

} // namespace ringshare::net
