// PortMapper on fake routers and a ManualClock: the order of methods, conflicts, renewal, a dropped mapping,
// removal on stop, the worker thread; and the LAN check of UPnP gateway URLs.
#include "base/manualclock.h"
#include "net/gatewaycheck.h"
#include "net/portmapper.h"
#include "tests/support/fakerouter.h"

#include <QSignalSpy>
#include <QTest>
#include <thread>

using namespace ringshare;
using namespace ringshare::net;
using namespace ringshare::testing;
using namespace std::chrono_literals;

namespace {

PortMapperOptions onClock() {
    PortMapperOptions options;
    options.lease = 3600s;
    options.checkInterval = Millis(300'000);
    options.retryInterval = Millis(600'000);
    options.work = WorkMode::OnClock;
    return options;
}

using Phase = PortMappingState::Phase;

} // namespace

class TestPortMapper : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void upnpFirst() {
        ManualClock clock;
        SeededRandom random(1);
        FakeMappingBackends routers;
        PortMapper mapper(4000, 4000, routers, clock, random, onClock());
        QSignalSpy changed(&mapper, &PortMapper::stateChanged);
        mapper.start();
        QCOMPARE(mapper.state().phase, Phase::Trying);
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().phase, Phase::Mapped);
        QCOMPARE(mapper.state().method, MappingMethod::Upnp);
        QCOMPARE(mapper.state().externalAddress, QHostAddress(QStringLiteral("11.0.0.1")));
        QCOMPARE(mapper.state().externalUdpPort, quint16(4000));
        QCOMPARE(mapper.state().externalTcpPort, quint16(4000));
        QVERIFY(routers.upnp.holds(MappingProtocol::Udp, 4000));
        QVERIFY(routers.upnp.holds(MappingProtocol::Tcp, 4000));
        QCOMPARE(routers.natpmp.mapCalls, 0);
        QCOMPARE(changed.size(), 2); // Trying, Mapped
    }

    void natPmpWhenUpnpFails() {
        ManualClock clock;
        SeededRandom random(2);
        FakeMappingBackends routers;
        routers.upnp.answers = false;
        PortMapper mapper(4000, 4001, routers, clock, random, onClock());
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().phase, Phase::Mapped);
        QCOMPARE(mapper.state().method, MappingMethod::NatPmp);
        QCOMPARE(mapper.state().externalTcpPort, quint16(4001));
        QVERIFY(routers.natpmp.holds(MappingProtocol::Tcp, 4001));
        QCOMPARE(routers.upnp.count(), std::size_t(0));
    }

    void upnpMappingRefusedFallsBackAndLeavesNothing() {
        // UPnP maps UDP then refuses TCP: the UDP mapping is taken back before NAT-PMP is asked.
        ManualClock clock;
        SeededRandom random(3);
        FakeMappingBackends routers;
        routers.upnp.refuseTcp = true;
        PortMapper mapper(4000, 4000, routers, clock, random, onClock());
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().method, MappingMethod::NatPmp);
        QCOMPARE(routers.upnp.mapCalls, 2);
        QCOMPARE(routers.upnp.unmapCalls, 1);
        QCOMPARE(routers.upnp.count(), std::size_t(0));
    }

    void bothFailThenRetry() {
        ManualClock clock;
        SeededRandom random(4);
        FakeMappingBackends routers;
        routers.upnp.answers = false;
        routers.natpmp.answers = false;
        PortMapper mapper(4000, 4000, routers, clock, random, onClock());
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().phase, Phase::Failed);
        QVERIFY2(mapper.state().reason.contains(QStringLiteral("UPnP")), qPrintable(mapper.state().reason));
        QVERIFY(mapper.state().reason.contains(QStringLiteral("NAT-PMP")));
        routers.natpmp.answers = true;
        clock.advance(Millis(599'000));
        QCOMPARE(mapper.state().phase, Phase::Failed);
        clock.advance(Millis(1'001));
        QCOMPARE(mapper.state().phase, Phase::Mapped);
        QCOMPARE(mapper.state().method, MappingMethod::NatPmp);
    }

    void conflictTakesAnotherPort() {
        ManualClock clock;
        SeededRandom random(5);
        FakeMappingBackends routers;
        routers.upnp.taken = {4000};
        PortMapper mapper(4000, 4000, routers, clock, random, onClock());
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().phase, Phase::Mapped);
        QCOMPARE(mapper.state().method, MappingMethod::Upnp);
        const quint16 udp = mapper.state().externalUdpPort;
        const quint16 tcp = mapper.state().externalTcpPort;
        QVERIFY(udp != 4000 && udp >= 1024);
        QVERIFY(tcp != 4000 && tcp >= 1024);
        QVERIFY(routers.upnp.holds(MappingProtocol::Udp, udp));
        QVERIFY(routers.upnp.holds(MappingProtocol::Tcp, tcp));
        QCOMPARE(routers.upnp.mappings.at({int(MappingProtocol::Udp), udp}), quint16(4000));
        QCOMPARE(udp, tcp); // transfers are dialled at the DHT's port number
    }

    void aPortTakenForTcpOnlyMovesBothProtocols() {
        // UDP 4000 is free but TCP 4000 is not: both move to one other port, and UDP 4000 is given back.
        ManualClock clock;
        SeededRandom random(15);
        FakeMappingBackends routers;
        routers.upnp.takenTcp = {4000};
        PortMapper mapper(4000, 4000, routers, clock, random, onClock());
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().phase, Phase::Mapped);
        const quint16 udp = mapper.state().externalUdpPort;
        QVERIFY(udp != 4000);
        QCOMPARE(mapper.state().externalTcpPort, udp);
        QVERIFY(!routers.upnp.holds(MappingProtocol::Udp, 4000));
        QVERIFY(routers.upnp.holds(MappingProtocol::Udp, udp));
        QVERIFY(routers.upnp.holds(MappingProtocol::Tcp, udp));
        QCOMPARE(routers.upnp.count(), std::size_t(2));
    }

    void renewsBeforeTheLeaseRunsOut() {
        ManualClock clock;
        SeededRandom random(6);
        FakeMappingBackends routers;
        routers.upnp.grant = 120s; // the router grants less than asked for
        PortMapperOptions options = onClock();
        options.checkInterval = Millis(3'600'000); // checks out of the way: renewals alone
        PortMapper mapper(4000, 4000, routers, clock, random, options);
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().phase, Phase::Mapped);
        QCOMPARE(routers.upnp.mapCalls, 2);
        clock.advance(Millis(59'000));
        QCOMPARE(routers.upnp.mapCalls, 2);
        clock.advance(Millis(1'500)); // half the lease: both asked again, well before 120 s
        QCOMPARE(routers.upnp.mapCalls, 4);
        clock.advance(Millis(60'000));
        QCOMPARE(routers.upnp.mapCalls, 6);
        QCOMPARE(mapper.state().phase, Phase::Mapped);
    }

    void noticesADroppedMapping() {
        ManualClock clock;
        SeededRandom random(7);
        FakeMappingBackends routers;
        PortMapper mapper(4000, 4000, routers, clock, random, onClock());
        QList<Phase> phases;
        connect(&mapper, &PortMapper::stateChanged, this,
                [&](const PortMappingState& state) { phases.append(state.phase); });
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(mapper.state().phase, Phase::Mapped);
        // The router restarts and forgets; UPnP now refuses to map, NAT-PMP still works.
        routers.upnp.drop();
        routers.upnp.failMapping = true;
        clock.advance(Millis(299'000));
        QCOMPARE(phases.size(), 2);
        clock.advance(Millis(2'000)); // the check: dropped noticed, back to Trying, mapped again
        QCOMPARE(phases, (QList<Phase>{Phase::Trying, Phase::Mapped, Phase::Trying, Phase::Mapped}));
        QCOMPARE(mapper.state().method, MappingMethod::NatPmp);
        // And then the NAT-PMP router goes too: Trying, then Failed.
        routers.natpmp.drop();
        routers.natpmp.answers = false;
        routers.upnp.answers = false;
        clock.advance(Millis(301'000));
        QCOMPARE(phases.mid(4), (QList<Phase>{Phase::Trying, Phase::Failed}));
    }

    void unmapsOnStop() {
        ManualClock clock;
        SeededRandom random(8);
        FakeMappingBackends routers;
        PortMapper mapper(4000, 4001, routers, clock, random, onClock());
        mapper.start();
        clock.advance(Millis(1));
        QCOMPARE(routers.upnp.count(), std::size_t(2));
        bool stopped = false;
        mapper.stop([&] { stopped = true; });
        clock.advance(Millis(1));
        QVERIFY(stopped);
        QCOMPARE(mapper.state().phase, Phase::Off);
        QCOMPARE(routers.upnp.count(), std::size_t(0));
        QCOMPARE(routers.upnp.unmapCalls, 2);
        // Nothing more is asked once stopped.
        const int calls = routers.upnp.mapCalls;
        clock.advance(Millis(10'000'000));
        QCOMPARE(routers.upnp.mapCalls, calls);
    }

    void blockingCallsOffTheEventLoop() {
        ManualClock clock;
        SeededRandom random(9);
        FakeMappingBackends routers;
        PortMapperOptions options = onClock();
        options.work = WorkMode::Threaded;
        PortMapper mapper(4000, 4000, routers, clock, random, options);
        mapper.start();
        QTRY_COMPARE(mapper.state().phase, Phase::Mapped);
        {
            const std::lock_guard guard(routers.upnp.lock);
            QCOMPARE(routers.upnp.threads.size(), std::size_t(1));
            QVERIFY(!routers.upnp.threads.contains(std::this_thread::get_id()));
        }
        bool stopped = false;
        mapper.stop([&] { stopped = true; });
        QTRY_VERIFY(stopped);
        QCOMPARE(routers.upnp.count(), std::size_t(0));
    }

    void gatewayUrlsOnTheLanOnly() {
        const QList<LocalSubnet> lan{{QHostAddress(QStringLiteral("192.168.1.20")), 24}};
        QVERIFY(checkGatewayUrl(QStringLiteral("http://192.168.1.1:5000/rootDesc.xml"), lan));
        // Outside the LAN, a public address, a name, this machine, another scheme: refused.
        QVERIFY(!checkGatewayUrl(QStringLiteral("http://192.168.2.1:5000/rootDesc.xml"), lan));
        QVERIFY(!checkGatewayUrl(QStringLiteral("http://11.0.0.1:5000/rootDesc.xml"), lan));
        QVERIFY(!checkGatewayUrl(QStringLiteral("http://router.example:5000/rootDesc.xml"), lan));
        QVERIFY(!checkGatewayUrl(QStringLiteral("http://192.168.1.20:5000/rootDesc.xml"), lan));
        QVERIFY(!checkGatewayUrl(QStringLiteral("https://192.168.1.1/rootDesc.xml"), lan));
        QVERIFY(!checkGatewayUrl(QStringLiteral("file:///etc/passwd"), lan));
        // A public LAN is still not a home router's.
        const QList<LocalSubnet> publicLan{{QHostAddress(QStringLiteral("11.0.0.2")), 24}};
        QVERIFY(!checkGatewayUrl(QStringLiteral("http://11.0.0.1:5000/rootDesc.xml"), publicLan));
        QVERIFY(isPrivateOrLinkLocal(QHostAddress(QStringLiteral("172.16.0.1"))));
        QVERIFY(isPrivateOrLinkLocal(QHostAddress(QStringLiteral("172.31.255.1"))));
        QVERIFY(!isPrivateOrLinkLocal(QHostAddress(QStringLiteral("172.32.0.1"))));
        QVERIFY(isPrivateOrLinkLocal(QHostAddress(QStringLiteral("fd00::1"))));
        QVERIFY(!isPrivateOrLinkLocal(QHostAddress(QStringLiteral("2001:db8::1"))));
    }
};

QTEST_GUILESS_MAIN(TestPortMapper)
#include "tst_portmapper.moc"
