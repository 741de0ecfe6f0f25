// LanDiscovery: peers on the local network found by multicast announcements, reported unproven.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "crypto/nodeid.h"
#include "net/endpoint.h"

#include <QHash>
#include <QObject>
#include <QUdpSocket>
#include <memory>

namespace ringshare::net {

struct LanDiscoveryOptions {
    // An organization-local multicast group (RFC 2365) and the port every Ringshare node listens on.
    QHostAddress group{QStringLiteral("239.192.82.83")};
    quint16 port = kDefaultPort;
    Millis interval{30'000};

    static constexpr quint16 kDefaultPort = 41413;
};

// Finds peers on the local network: every node announces "node ID, UDP port" to a multicast group now and
// then (multicast loopback on, so nodes on one machine hear each other too) and reports the peers it hears.
// An announcement proves nothing; whoever acts on one challenges the peer to prove its ID first.
class LanDiscovery final : public QObject {
    Q_OBJECT

public:
    LanDiscovery(Clock& clock, Random& random, const NodeId& self, quint16 nodePort,
                 LanDiscoveryOptions options = {}, QObject* parent = nullptr);
    ~LanDiscovery() override;

    // Joins the group and announces this node; an error in words when the group cannot be joined.
    [[nodiscard]] Result<void> start();
    // Announces this node now, or as soon as a second has passed since the last announcement.
    void announce();

    // The wire form of an announcement, exactly kAnnouncementSize bytes.
    static constexpr int kAnnouncementSize = 28;
    [[nodiscard]] static QByteArray announcement(const NodeId& id, quint16 port);

    struct Stats {
        quint64 sent = 0;
        quint64 heard = 0;
        quint64 malformed = 0;
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

Q_SIGNALS:
    // A peer other than this node announced itself, for the first time or the first in a while.
    void peerHeard(const ringshare::net::Endpoint& endpoint, const ringshare::NodeId& id);

private:
    void readPending();
    void onAnnouncement(const QHostAddress& from, QByteArrayView datagram);
    void scheduleNext();

    Clock& m_clock;
    Random& m_random;
    NodeId m_self;
    quint16 m_nodePort;
    LanDiscoveryOptions m_options;
    QUdpSocket m_socket;
    std::unique_ptr<Timer> m_timer;
    std::unique_ptr<Timer> m_deferred;
    std::optional<Millis> m_lastAnnounced;
    QHash<NodeId, Millis> m_heard;
    Stats m_stats;
};

} // namespace ringshare::net
