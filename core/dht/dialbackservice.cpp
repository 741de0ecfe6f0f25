// DialBackService and DialLimiter: the member's side of the dial-back check; see dialbackservice.h.
#include "dht/dialbackservice.h"

#include "base/logging.h"
#include "net/codec.h"
#include "net/gatewaycheck.h"

namespace ringshare::dht {

DialLimiter::DialLimiter(Clock& clock, const DialBackOptions& options) : m_clock(clock), m_options(options) {}

DialLimiter::DialLimiter(Clock& clock, int perSource, int perWindowTotal, Millis window) : m_clock(clock) {
    m_options.perSource = perSource;
    m_options.perWindowTotal = perWindowTotal;
    m_options.window = window;
}

void DialLimiter::forgetOld(Millis now) {
    const auto old = [&](Millis at) { return now - at >= m_options.window; };
    while (!m_all.isEmpty() && old(m_all.first()))
        m_all.removeFirst();
    for (auto it = m_bySource.begin(); it != m_bySource.end();) {
        while (!it->isEmpty() && old(it->first()))
            it->removeFirst();
        it = it->isEmpty() ? m_bySource.erase(it) : std::next(it);
    }
}

bool DialLimiter::admit(const QHostAddress& address) {
    const Millis now = m_clock.now();
    forgetOld(now);
    const QHostAddress source = net::sourceOf(net::plainAddress(address));
    QList<Millis>& times = m_bySource[source];
    if (times.size() >= m_options.perSource || m_all.size() >= m_options.perWindowTotal) {
        if (times.isEmpty())
            m_bySource.remove(source);
        return false;
    }
    if (m_bySource.size() > m_options.maxSources) {
        // Forget the source whose last dial is oldest; it gets a fresh allowance, at worst one more.
        auto oldest = m_bySource.end();
        for (auto it = m_bySource.begin(); it != m_bySource.end(); ++it) {
            if (it.key() != source && (oldest == m_bySource.end() || it->last() < oldest->last()))
                oldest = it;
        }
        if (oldest != m_bySource.end())
            m_bySource.erase(oldest);
    }
    m_bySource[source].append(now);
    m_all.append(now);
    return true;
}

namespace {

// The same limits with another allowance per source.
DialBackOptions allowing(DialBackOptions options, int perSource) {
    options.perSource = perSource;
    return options;
}

} // namespace

DialBackService::DialBackService(Host& host, Clock& clock, Random& random, DialBackOptions options)
    : m_host(host), m_random(random), m_options(options), m_requesters(clock, options),
      m_targets(clock, allowing(options, options.perTarget)),
      m_forwarders(clock, allowing(options, options.perForwarder)) {}

int DialBackService::reach(const QHostAddress& address) {
    const QHostAddress plain = net::plainAddress(address);
    if (plain.isLoopback())
        return 0;
    return net::isPrivateOrLinkLocal(plain) ? 1 : 2;
}

bool DialBackService::dialable(const QHostAddress& address) {
    const QHostAddress plain = net::plainAddress(address);
    return !plain.isNull() && plain != QHostAddress::AnyIPv4 && plain != QHostAddress::AnyIPv6 &&
           !plain.isMulticast() && !plain.isBroadcast() && plain.scopeId().isEmpty();
}

net::DialStatus DialBackService::refuse() {
    ++m_stats.refused;
    return net::DialStatus::Refused;
}

net::DialStatus DialBackService::busy() {
    ++m_stats.rateLimited;
    return net::DialStatus::Busy;
}

net::DialStatus DialBackService::onDialBack(const net::RequestContext& context, const net::DialBack& dial) {
    // A source address not proven by a cookie may be forged: the probe would go to whoever it names.
    if (!m_host.isMember() || !context.addressProven || dial.port == 0)
        return refuse();
    const net::Endpoint target{net::plainAddress(context.from.address), dial.port};
    if (!dialable(target.address))
        return refuse();
    QList<NodeRef> helpers;
    for (const NodeRef& helper : m_host.dialHelpers()) {
        const QHostAddress at = net::plainAddress(helper.endpoint.address);
        const bool sameAsRequester = m_options.distinctAddresses
                                         ? net::sourceOf(at) == net::sourceOf(target.address)
                                         : helper.endpoint == context.from;
        if (!sameAsRequester)
            helpers.append(helper);
    }
    if (helpers.isEmpty())
        return refuse();
    if (!m_requesters.admit(target.address))
        return busy();
    const NodeRef& helper = helpers[qsizetype(m_random.next64() % quint64(helpers.size()))];
    ++m_stats.forwarded;
    m_host.askHelper(helper, net::DialForMe{dial.nonce, target});
    return net::DialStatus::Accepted;
}

net::DialStatus DialBackService::onDialForMe(const net::RequestContext& context,
                                             const std::optional<NodeId>& sender,
                                             const net::DialForMe& dial) {
    if (!m_host.isMember() || !context.addressProven || !sender ||
        !m_host.isProvenPeer({*sender, context.from}) || !dialable(dial.target.address) ||
        dial.target.port == 0)
        return refuse();
    // A member can only have asked for a target as far away as itself or farther: nobody on the internet
    // gets this node to probe its own loopback or its LAN.
    if (reach(dial.target.address) < reach(context.from.address))
        return refuse();
    if (!m_forwarders.admit(context.from.address) || !m_targets.admit(dial.target.address))
        return busy();
    std::unique_ptr<net::Transport> socket = m_host.openFresh();
    if (!socket)
        return refuse();
    // No sender and no padding: the probe is smaller than either request that led to it.
    const std::optional<QByteArray> probe =
        net::encode(net::Message{m_random.next64(), std::nullopt, net::DialProbe{dial.nonce}});
    if (!probe)
        return refuse();
    socket->send(dial.target, *probe);
    ++m_stats.probesSent;
    qCDebug(lcDht) << "sent a reachability probe to" << dial.target.toString() << "for"
                   << context.from.toString();
    return net::DialStatus::Accepted;
}

} // namespace ringshare::dht
