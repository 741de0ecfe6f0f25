// LanDiscovery: the multicast socket, the jittered announcements and the bounded memory of peers heard.
#include "net/landiscovery.h"

#include "base/logging.h"

#include <QCoreApplication>
#include <QNetworkDatagram>
#include <QVariant>
#include <QtEndian>

namespace ringshare::net {

namespace {

constexpr char kMagic[] = "RSLAN\x01";
constexpr int kMagicSize = 6;
// Peers remembered so as not to report the same one at every announcement; beyond this, forget them all.
constexpr int kMaxHeard = 1024;
constexpr Millis kMinAnnounceGap{1000};

} // namespace

LanDiscovery::LanDiscovery(Clock& clock, Random& random, const NodeId& self, quint16 nodePort,
                           LanDiscoveryOptions options, QObject* parent)
    : QObject(parent), m_clock(clock), m_random(random), m_self(self), m_nodePort(nodePort),
      m_options(options), m_timer(clock.createTimer([this] {
          announce();
          scheduleNext();
      })),
      m_deferred(clock.createTimer([this] { announce(); })) {}

LanDiscovery::~LanDiscovery() = default;

QByteArray LanDiscovery::announcement(const NodeId& id, quint16 port) {
    QByteArray bytes(kMagic, kMagicSize);
    bytes += id.toByteArray();
    char portBytes[2];
    qToBigEndian(port, portBytes);
    bytes.append(portBytes, 2);
    return bytes;
}

Result<void> LanDiscovery::start() {
    const auto failed = [&](const QString& what) {
        return Error{QCoreApplication::translate("ringshare::net::LanDiscovery",
                                                 "LAN discovery is off: cannot %1 (%2).")
                         .arg(what, m_socket.errorString())};
    };
    if (!m_socket.bind(QHostAddress::AnyIPv4, m_options.port,
                       QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint))
        return failed(QCoreApplication::translate("ringshare::net::LanDiscovery", "listen on UDP port %1")
                          .arg(m_options.port));
    if (!m_socket.joinMulticastGroup(m_options.group))
        return failed(
            QCoreApplication::translate("ringshare::net::LanDiscovery", "join the multicast group %1")
                .arg(m_options.group.toString()));
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, QVariant(1));
    m_socket.setSocketOption(QAbstractSocket::MulticastTtlOption, QVariant(1));
    connect(&m_socket, &QUdpSocket::readyRead, this, &LanDiscovery::readPending);
    announce();
    scheduleNext();
    return {};
}

void LanDiscovery::announce() {
    const Millis now = m_clock.now();
    if (m_lastAnnounced && now - *m_lastAnnounced < kMinAnnounceGap) {
        if (!m_deferred->isActive())
            m_deferred->start(*m_lastAnnounced + kMinAnnounceGap - now);
        return;
    }
    m_deferred->stop();
    m_lastAnnounced = now;
    if (m_socket.writeDatagram(announcement(m_self, m_nodePort), m_options.group, m_options.port) ==
        kAnnouncementSize)
        ++m_stats.sent;
    else
        qCDebug(lcNet) << "LAN announcement not sent:" << m_socket.errorString();
}

void LanDiscovery::scheduleNext() {
    // Jittered, so that nodes started together do not announce in lock-step.
    const double factor = 0.75 + 0.5 * m_random.uniform();
    m_timer->start(Millis(qint64(double(m_options.interval.count()) * factor)));
}

void LanDiscovery::readPending() {
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram(kAnnouncementSize + 1);
        if (datagram.isValid())
            onAnnouncement(datagram.senderAddress(), datagram.data());
    }
}

void LanDiscovery::onAnnouncement(const QHostAddress& from, QByteArrayView datagram) {
    if (datagram.size() != kAnnouncementSize ||
        datagram.first(kMagicSize) != QByteArrayView(kMagic, kMagicSize)) {
        ++m_stats.malformed;
        return;
    }
    const std::optional<NodeId> id = NodeId::fromBytes(datagram.sliced(kMagicSize, NodeId::kBytes));
    const quint16 port = qFromBigEndian<quint16>(datagram.sliced(kMagicSize + NodeId::kBytes).data());
    if (!id || *id == m_self || port == 0)
        return;
    ++m_stats.heard;
    const Millis now = m_clock.now();
    const auto seen = m_heard.constFind(*id);
    if (seen != m_heard.constEnd() && now - *seen < m_options.interval * 2)
        return;
    if (m_heard.size() >= kMaxHeard)
        m_heard.clear();
    m_heard.insert(*id, now);
    Q_EMIT peerHeard({plainAddress(from), port}, *id);
    announce(); // so that a newcomer hears of us without waiting a whole interval
}

} // namespace ringshare::net
