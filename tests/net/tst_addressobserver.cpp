// AddressObserver: what peers say they saw becomes this node's address only when distinct sources agree.
#include "base/manualclock.h"
#include "net/addressobserver.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::net;

namespace {

Endpoint at(const char* address, quint16 port) {
    return {QHostAddress(QString::fromLatin1(address)), port};
}

const Endpoint kPublic = at("203.0.113.7", 41000);

} // namespace

class TestAddressObserver : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneSourceIsNotEnough() {
        ManualClock clock;
        AddressObserver observer(clock);
        QVERIFY(!observer.report(at("198.51.100.1", 4000), kPublic));
        QVERIFY(!observer.view(QAbstractSocket::IPv4Protocol));
        QVERIFY(observer.report(at("198.51.100.2", 4000), kPublic));
        const auto view = observer.view(QAbstractSocket::IPv4Protocol);
        QVERIFY(view);
        QCOMPARE(view->endpoint(), std::optional<Endpoint>(kPublic));
        QCOMPARE(view->sources, 2);
        QVERIFY(!view->symmetric);
    }

    void oneHostWithManyPortsOrAnIpv6Slash64IsOneSource() {
        ManualClock clock;
        AddressObserver observer(clock);
        for (quint16 port = 4000; port < 4010; ++port)
            observer.report(at("198.51.100.1", port), kPublic);
        QVERIFY(!observer.view(QAbstractSocket::IPv4Protocol));

        const Endpoint v6 = at("2001:db8:aa::7", 41000);
        observer.report(at("2001:db8:1:2::1", 4000), v6);
        observer.report(at("2001:db8:1:2::ffff", 4000), v6);
        QVERIFY(!observer.view(QAbstractSocket::IPv6Protocol));
        observer.report(at("2001:db8:1:3::1", 4000), v6);
        QCOMPARE(observer.view(QAbstractSocket::IPv6Protocol)->endpoint(), std::optional<Endpoint>(v6));
    }

    void aLiarIsOutvotedAndATieBelievesNobody() {
        ManualClock clock;
        AddressObserver observer(clock);
        const Endpoint lie = at("192.0.2.66", 666);
        observer.report(at("198.51.100.1", 4000), kPublic);
        observer.report(at("198.51.100.2", 4000), kPublic);
        observer.report(at("198.51.100.3", 4000), kPublic);
        observer.report(at("192.0.2.1", 4000), lie);
        QCOMPARE(observer.view(QAbstractSocket::IPv4Protocol)->endpoint(), std::optional<Endpoint>(kPublic));

        // Two liars against two honest sources: no side wins, so nothing is believed.
        AddressObserver tied(clock);
        tied.report(at("198.51.100.1", 4000), kPublic);
        tied.report(at("198.51.100.2", 4000), kPublic);
        tied.report(at("192.0.2.1", 4000), lie);
        tied.report(at("192.0.2.2", 4000), lie);
        QVERIFY(!tied.view(QAbstractSocket::IPv4Protocol));
    }

    void aPortPerDestinationIsASymmetricNat() {
        ManualClock clock;
        AddressObserver observer(clock);
        observer.report(at("198.51.100.1", 4000), at("203.0.113.7", 50001));
        observer.report(at("198.51.100.2", 4000), at("203.0.113.7", 50002));
        observer.report(at("198.51.100.3", 4000), at("203.0.113.7", 50003));
        const auto view = observer.view(QAbstractSocket::IPv4Protocol);
        QVERIFY(view);
        QCOMPARE(view->address, QHostAddress(QStringLiteral("203.0.113.7")));
        QVERIFY(view->symmetric);
        QVERIFY(!view->port);
        QVERIFY(!view->endpoint());
    }

    void aNewAddressWinsAsSourcesReportIt() {
        // The router got a new address: each source's latest report replaces its earlier one.
        ManualClock clock;
        AddressObserver observer(clock);
        const Endpoint moved = at("203.0.113.99", 41000);
        for (const char* source : {"198.51.100.1", "198.51.100.2", "198.51.100.3"})
            observer.report(at(source, 4000), kPublic);
        QVERIFY(!observer.report(at("198.51.100.1", 4000), moved));
        QVERIFY(observer.report(at("198.51.100.2", 4000), moved));
        QCOMPARE(observer.view(QAbstractSocket::IPv4Protocol)->endpoint(), std::optional<Endpoint>(moved));
    }

    void oldReportsExpire() {
        ManualClock clock;
        AddressObserverOptions options;
        options.maxAge = Millis(60'000);
        AddressObserver observer(clock, options);
        observer.report(at("198.51.100.1", 4000), kPublic);
        clock.advance(Millis(50'000));
        observer.report(at("198.51.100.2", 4000), kPublic);
        QVERIFY(observer.view(QAbstractSocket::IPv4Protocol));
        clock.advance(Millis(20'000));
        QVERIFY(!observer.view(QAbstractSocket::IPv4Protocol));
    }

    void aFloodOfSourcesIsBounded() {
        // Many sources that all lie cannot push out more than the oldest votes; the bound holds the count.
        ManualClock clock;
        AddressObserverOptions options;
        options.maxSources = 8;
        AddressObserver observer(clock, options);
        for (int i = 1; i <= 200; ++i)
            observer.report(at(qPrintable(QStringLiteral("10.0.%1.%2").arg(i / 250).arg(i % 250 + 1)), 4000),
                            at("192.0.2.66", quint16(1000 + i)));
        const auto view = observer.view(QAbstractSocket::IPv4Protocol);
        QVERIFY(view);
        QCOMPARE(view->sources, 8);
    }

    void unusableReportsAreIgnored() {
        ManualClock clock;
        AddressObserver observer(clock);
        const QList<Endpoint> bad = {at("0.0.0.0", 41000), at("203.0.113.7", 0), at("224.0.0.1", 41000),
                                     at("255.255.255.255", 41000), at("2001:db8::7", 41000)};
        for (const Endpoint& observed : bad) {
            observer.report(at("198.51.100.1", 4000), observed);
            observer.report(at("198.51.100.2", 4000), observed);
        }
        QVERIFY(observer.views().isEmpty());
        // An IPv4-mapped address from a dual-stack socket is the IPv4 address.
        observer.report(at("::ffff:198.51.100.1", 4000), kPublic);
        observer.report(at("198.51.100.2", 4000), at("::ffff:203.0.113.7", 41000));
        QCOMPARE(observer.view(QAbstractSocket::IPv4Protocol)->endpoint(), std::optional<Endpoint>(kPublic));
    }
};

QTEST_GUILESS_MAIN(TestAddressObserver)
#include "tst_addressobserver.moc"
