#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "net/codec.h"
#include "net/message.h"
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
};

// Answers the requests that arrive.
class RequestHandler {
public:
    // Returns the answer's body, or nullopt to stay silent.
    virtual std::optional<Body> handleRequest(const Endpoint& from, const Message& request) = 0;

protected:
    ~RequestHandler() = default;
};

// Requests and answers over a Transport: random transaction ids, timeouts, bounded retries, and matching
// of each answer to its request by id, source and type. Malformed datagrams are dropped and counted.
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
        std::array<quint64, kDecodeErrorCount> decodeErrors{};
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

private:
    struct Pending {
        Endpoint to;
        MessageType answerType;
        QByteArray datagram;
        int attemptsLeft;
        Millis deadline;
        Callback done;
    };

    void onDatagram(const Endpoint& from, QByteArrayView datagram) override;
    void answer(const Endpoint& to, quint64 transactionId, Body body);
    void expireDue();
    void rearm();

    Transport& m_transport;
    Clock& m_clock;
    Random& m_random;
    std::optional<NodeId> m_self;
    RpcOptions m_options;
    RequestHandler* m_handler = nullptr;
    std::map<quint64, Pending> m_pending;
    std::set<std::pair<Millis, quint64>> m_deadlines;
    std::unique_ptr<Timer> m_timer;
    Stats m_stats;
};

} // namespace ringshare::net
