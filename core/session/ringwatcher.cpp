// The ring view's watcher: snapshots from the node's routing state, walks of small rings, the size estimate.
#include "session/ringwatcher.h"

#include "dht/chordnode.h"

#include <QNetworkInterface>
#include <QPointer>
#include <QSet>

namespace ringshare::session {

namespace {

RingNode nodeOf(const dht::NodeRef& ref, RingNode::Role role) {
    return RingNode{ref.id, ref.endpoint.toString(), role};
}

// Where others can reach this node: what distinct peers agree they saw it at, else the address it is bound
// to, else (bound to every address) one of this machine's own, so the view never shows 0.0.0.0.
QString usableAddress(const dht::ChordNode& node) {
    const net::Endpoint bound = node.self().endpoint;
    for (const net::ObservedAddress& seen : node.observedAddresses())
        if (const auto endpoint = seen.endpoint())
            return endpoint->toString();
    const bool any = bound.address == QHostAddress(QHostAddress::AnyIPv4) ||
                     bound.address == QHostAddress(QHostAddress::AnyIPv6) ||
                     bound.address == QHostAddress(QHostAddress::Any);
    if (!any)
        return bound.toString();
    QList<QHostAddress> own = QNetworkInterface::allAddresses();
    // IPv4 first (what most peers can dial today), then IPv6; neither loopback nor link-local.
    std::stable_sort(own.begin(), own.end(), [](const QHostAddress& a, const QHostAddress& b) {
        return a.protocol() == QAbstractSocket::IPv4Protocol && b.protocol() != QAbstractSocket::IPv4Protocol;
    });
    for (const QHostAddress& address : std::as_const(own))
        if (!address.isLoopback() && !address.isLinkLocal() && address.scopeId().isEmpty())
            return net::Endpoint{address, bound.port}.toString();
    return bound.toString();
}

} // namespace

RingWatcher::RingWatcher(dht::ChordNode& node, Clock& clock, QObject* parent)
    : QObject(parent), m_node(node) {
    m_timer = clock.createTimer([this] {
        m_timer->start(m_interval);
        refresh();
    });
    // Changes next to us show at once; the rest within a round.
    connect(&node, &dht::ChordNode::successorChanged, this, &RingWatcher::takeSnapshot);
    connect(&node, &dht::ChordNode::predecessorChanged, this, &RingWatcher::takeSnapshot);
    connect(&node, &dht::ChordNode::joined, this, &RingWatcher::refresh);
    m_timer->start(m_interval);
    takeSnapshot();
}

RingWatcher::~RingWatcher() = default;

void RingWatcher::setInterval(int milliseconds) {
    m_interval = Millis(milliseconds);
    if (m_timer->isActive())
        m_timer->start(m_interval);
}

void RingWatcher::refresh() {
    // A walk costs one request per node: every other round is plenty for a picture, and a ring too large
    // to walk whole is tried again only now and then, in case it shrank.
    const int every = m_walked.size() >= kWalkLimit && !m_walkComplete ? 30 : 2;
    if (m_round++ % every == 0)
        walk();
    takeSnapshot();
}

void RingWatcher::walk() {
    if (m_walking || !m_node.isJoined())
        return;
    if (m_node.successors().isEmpty()) {
        m_walked.clear();
        m_walkComplete = true;
        return;
    }
    m_walking = true;
    QPointer<RingWatcher> self(this);
    m_node.walkRing(kWalkLimit, [self](const QList<dht::NodeRef>& ring, bool complete) {
        if (!self)
            return;
        self->m_walking = false;
        // An incomplete walk of a small ring (a node just left) keeps the last good picture's other
        // nodes out: what is shown must be what is known now.
        self->m_walked.clear();
        for (const dht::NodeRef& node : ring)
            self->m_walked << nodeOf(node, RingNode::Role::Known);
        self->m_walkComplete = complete;
        self->takeSnapshot();
    });
}

void RingWatcher::takeSnapshot() {
    RingSnapshot next;
    next.self = m_node.id();
    next.selfAddress = usableAddress(m_node);
    if (!m_node.isJoined() && m_node.state() != dht::ChordNode::State::Leaving) {
        m_estimate = 0;
        m_snapshot = next;
        Q_EMIT snapshotChanged(m_snapshot);
        return;
    }
    QSet<NodeId> placed{next.self};
    if (const auto& predecessor = m_node.predecessor(); predecessor && predecessor->id != next.self) {
        next.predecessor = nodeOf(*predecessor, RingNode::Role::Predecessor);
        placed.insert(predecessor->id);
    }
    for (const dht::NodeRef& successor : m_node.successors().entries()) {
        if (placed.contains(successor.id))
            continue;
        next.successors << nodeOf(successor, RingNode::Role::Successor);
        placed.insert(successor.id);
    }
    for (const dht::NodeRef& finger : m_node.fingers().distinct()) {
        if (finger.id == next.self)
            continue;
        next.fingers << nodeOf(finger, RingNode::Role::Finger);
        placed.insert(finger.id);
    }
    const bool alone = m_node.successors().isEmpty();
    next.complete = alone || m_walkComplete;
    if (!alone) {
        for (const RingNode& walked : std::as_const(m_walked))
            if (!placed.contains(walked.id)) {
                next.known << walked;
                placed.insert(walked.id);
            }
    }

    if (alone) {
        m_estimate = 1;
    } else if (m_walkComplete && !m_walked.isEmpty()) {
        m_estimate = int(m_walked.size());
    } else {
        // r successors spread over a fraction f of the circle: about r / f nodes in all.
        const QList<dht::NodeRef>& successors = m_node.successors().entries();
        double span = successors.last().id.toUnitInterval() - next.self.toUnitInterval();
        if (span <= 0)
            span += 1.0;
        m_estimate = std::max(int(successors.size()) + 1, int(double(successors.size()) / span));
    }
    m_snapshot = next;
    Q_EMIT snapshotChanged(m_snapshot);
}

} // namespace ringshare::session
