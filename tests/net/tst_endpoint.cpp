// Tests for Endpoint: byte and text round trips, IPv4/IPv6 forms, rejects, validity, hashing; and for
// HostPort (a name or a literal address, and a port) and resolveAll() over a fake resolver.
#include "../support/fakeresolver.h"
#include "net/endpoint.h"
#include "net/hostport.h"
#include "net/hostresolver.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <optional>

using ringshare::net::Endpoint;
using ringshare::net::HostPort;

class TestEndpoint final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << QStringLiteral("192.0.2.1:4000") << QStringLiteral("192.0.2.1") << 4000;
        QTest::newRow("ipv4 lowest port") << QStringLiteral("10.0.0.1:1") << QStringLiteral("10.0.0.1") << 1;
        QTest::newRow("ipv4 highest port")
            << QStringLiteral("255.255.255.255:65535") << QStringLiteral("255.255.255.255") << 65535;
        QTest::newRow("ipv4 unspecified") << QStringLiteral("0.0.0.0:9") << QStringLiteral("0.0.0.0") << 9;
        QTest::newRow("ipv6") << QStringLiteral("[2001:db8::1]:4000") << QStringLiteral("2001:db8::1")
                              << 4000;
        QTest::newRow("ipv6 loopback") << QStringLiteral("[::1]:5") << QStringLiteral("::1") << 5;
        QTest::newRow("ipv6 unspecified") << QStringLiteral("[::]:5") << QStringLiteral("::") << 5;
        QTest::newRow("ipv6 scoped") << QStringLiteral("[fe80::1%eth0]:7") << QStringLiteral("fe80::1%eth0")
                                     << 7;
    }

    void roundTrip() {
        QFETCH(QString, text);
        QFETCH(QString, address);
        QFETCH(int, port);
        const std::optional<Endpoint> endpoint = Endpoint::parse(text);
        QVERIFY(endpoint);
        QCOMPARE(endpoint->address, QHostAddress(address));
        QCOMPARE(int(endpoint->port), port);
        QVERIFY(endpoint->isValid());
        QCOMPARE(endpoint->toString(), text);
        QCOMPARE(Endpoint::parse(endpoint->toString()), endpoint);
    }

    void toStringForms() {
        QCOMPARE((Endpoint{QHostAddress(QStringLiteral("192.0.2.1")), 4000}.toString()),
                 QStringLiteral("192.0.2.1:4000"));
        QCOMPARE((Endpoint{QHostAddress(QStringLiteral("2001:DB8:0:0::1")), 4000}.toString()),
                 QStringLiteral("[2001:db8::1]:4000"));
        QCOMPARE((Endpoint{QHostAddress::LocalHostIPv6, 80}.toString()), QStringLiteral("[::1]:80"));
    }

    void acceptsOtherIpv6Spellings() {
        const auto endpoint = Endpoint::parse(QStringLiteral("[2001:DB8:0000::0:1]:4000"));
        QVERIFY(endpoint);
        QCOMPARE(endpoint->address, QHostAddress(QStringLiteral("2001:db8::1")));
        QCOMPARE(endpoint->toString(), QStringLiteral("[2001:db8::1]:4000"));
    }

    void mappedIpv4BecomesIpv4() {
        const auto endpoint = Endpoint::parse(QStringLiteral("[::ffff:192.0.2.7]:4000"));
        QVERIFY(endpoint);
        QCOMPARE(endpoint->address.protocol(), QAbstractSocket::IPv4Protocol);
        QCOMPARE(endpoint, Endpoint::parse(QStringLiteral("192.0.2.7:4000")));
        QCOMPARE(endpoint->toString(), QStringLiteral("192.0.2.7:4000"));
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        const char* const inputs[] = {
            "",
            ":",
            ":4000",
            "192.0.2.1",
            "192.0.2.1:",
            "192.0.2.1:0",
            "192.0.2.1:00",
            "192.0.2.1:65536",
            "192.0.2.1:99999",
            "192.0.2.1:100000",
            "192.0.2.1:000001",
            "192.0.2.1:-1",
            "192.0.2.1:+5",
            "192.0.2.1:5x",
            "192.0.2.1:0x10",
            "192.0.2.1: 5",
            " 192.0.2.1:5",
            "192.0.2.1:5 ",
            "192.0.2.1:5\n",
            "192.0.2.1:5:6",
            "192.0.2.256:5",
            "192.0.2:5",
            "127.1:5",
            "0x7f.0.0.1:5",
            "010.0.0.1:5",
            "192.0.2.1.:5",
            "localhost:5",
            "example.com:80",
            "::1:5",
            "2001:db8::1:4000",
            "[::1]",
            "[::1]:",
            "[::1]5",
            "[::1]:0",
            "[::1]:65536",
            "[::1:5",
            "::1]:5",
            "[[::1]]:5",
            "[::1]]:5",
            "[]:5",
            "[192.0.2.1]:5",
            "[localhost]:5",
            "[::g]:5",
            "[::1]:5]",
            "[ ::1]:5",
        };
        for (const char* input : inputs)
            QTest::newRow(input) << QString::fromLatin1(input);
        // Digits of other scripts are digits to QChar, not to us.
        QTest::newRow("arabic-indic digit") << (QStringLiteral("192.0.2.1:") + QChar(0x0665));
        QTest::newRow("fullwidth digit") << (QStringLiteral("192.0.2.1:") + QChar(0xff15));
        QTest::newRow("very long") << (QStringLiteral("[") + QString(200, u'0') + QStringLiteral("::1]:5"));
    }

    void rejects() {
        QFETCH(QString, text);
        QCOMPARE(Endpoint::parse(text), std::nullopt);
    }

    void validity() {
        QVERIFY(!Endpoint{}.isValid());
        QVERIFY(!(Endpoint{QHostAddress::LocalHost, 0}.isValid()));
        QVERIFY(!(Endpoint{QHostAddress(), 4000}.isValid()));
        QVERIFY((Endpoint{QHostAddress::LocalHost, 4000}.isValid()));
    }

    void equalityAndHash() {
        const Endpoint a{QHostAddress(QStringLiteral("192.0.2.1")), 4000};
        const Endpoint b = *Endpoint::parse(QStringLiteral("192.0.2.1:4000"));
        const Endpoint c{QHostAddress(QStringLiteral("192.0.2.1")), 4001};
        const Endpoint d{QHostAddress(QStringLiteral("192.0.2.2")), 4000};
        QCOMPARE(a, b);
        QVERIFY(a != c);
        QVERIFY(a != d);
        QCOMPARE(qHash(a), qHash(b));
        const QSet<Endpoint> set{a, b, c, d};
        QCOMPARE(set.size(), 3);
    }

    // Every literal Endpoint::parse() takes is a HostPort of that address, printed the same way.
    void hostPortLiterals_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("ipv4") << QStringLiteral("192.0.2.1:4000");
        QTest::newRow("ipv4 highest port") << QStringLiteral("255.255.255.255:65535");
        QTest::newRow("ipv6") << QStringLiteral("[2001:db8::1]:4000");
        QTest::newRow("ipv6 loopback") << QStringLiteral("[::1]:1");
        QTest::newRow("ipv6 scoped") << QStringLiteral("[fe80::1%eth0]:7");
    }

    void hostPortLiterals() {
        QFETCH(QString, text);
        const auto parsed = HostPort::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QVERIFY(!parsed->isName());
        QVERIFY(parsed->isValid());
        QCOMPARE(parsed->endpoint(), Endpoint::parse(text));
        QCOMPARE(parsed->port(), Endpoint::parse(text)->port);
        QCOMPARE(parsed->toString(), text);
        QCOMPARE(HostPort(*Endpoint::parse(text)), parsed.value());
    }

    void hostPortNames_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host"); // as kept: lower case, ACE for non-ASCII
        QTest::addColumn<int>("port");
        QTest::newRow("localhost") << QStringLiteral("localhost:4000") << QStringLiteral("localhost") << 4000;
        QTest::newRow("dotted") << QStringLiteral("seed.example.org:1") << QStringLiteral("seed.example.org")
                                << 1;
        QTest::newRow("upper case") << QStringLiteral("Seed.EXAMPLE.org:65535")
                                    << QStringLiteral("seed.example.org") << 65535;
        QTest::newRow("digits and hyphens")
            << QStringLiteral("node-1.2a.example:80") << QStringLiteral("node-1.2a.example") << 80;
        QTest::newRow("digit-led label")
            << QStringLiteral("1.example:80") << QStringLiteral("1.example") << 80;
        QTest::newRow("unicode") << QStringLiteral("bücher.example:4000")
                                 << QStringLiteral("xn--bcher-kva.example") << 4000;
        QTest::newRow("longest label") << QString(63, u'a') + QStringLiteral(".example:1")
                                       << QString(63, u'a') + QStringLiteral(".example") << 1;
        const QString longest = (QString(63, u'a') + u'.').repeated(3) + QString(61, u'b');
        QTest::newRow("longest name") << longest + QStringLiteral(":9") << longest << 9;
    }

    void hostPortNames() {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        const auto parsed = HostPort::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QVERIFY(parsed->isName());
        QVERIFY(parsed->isValid());
        QCOMPARE(parsed->endpoint(), std::nullopt);
        QCOMPARE(parsed->host(), host);
        QCOMPARE(int(parsed->port()), port);
        QCOMPARE(parsed->toString(), host + QStringLiteral(":%1").arg(port));
        QCOMPARE(HostPort::parse(parsed->toString()).value(), parsed.value());
    }

    void hostPortRejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("said");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("no port") << QStringLiteral("seed.example.org") << QStringLiteral("no port");
        QTest::newRow("empty port") << QStringLiteral("seed.example.org:") << QStringLiteral("1 to 65535");
        QTest::newRow("port 0") << QStringLiteral("seed.example.org:0") << QStringLiteral("1 to 65535");
        QTest::newRow("port 65536") << QStringLiteral("seed.example.org:65536")
                                    << QStringLiteral("1 to 65535");
        QTest::newRow("six digits") << QStringLiteral("seed.example.org:000080")
                                    << QStringLiteral("1 to 65535");
        QTest::newRow("signed port") << QStringLiteral("seed.example.org:+1") << QStringLiteral("1 to 65535");
        QTest::newRow("named port") << QStringLiteral("seed.example.org:http")
                                    << QStringLiteral("1 to 65535");
        QTest::newRow("other digits")
            << QStringLiteral("seed.example.org:") + QChar(0x0665) << QStringLiteral("1 to 65535");
        QTest::newRow("no host") << QStringLiteral(":4000") << QStringLiteral("no host");
        QTest::newRow("bare ipv6") << QStringLiteral("2001:db8::1:4000") << QStringLiteral("brackets");
        QTest::newRow("unclosed bracket")
            << QStringLiteral("[2001:db8::1:4000") << QStringLiteral("[ADDRESS]:PORT");
        QTest::newRow("bracket, no port")
            << QStringLiteral("[2001:db8::1]") << QStringLiteral("[ADDRESS]:PORT");
        QTest::newRow("bracketed name")
            << QStringLiteral("[localhost]:4000") << QStringLiteral("not an IPv6 address");
        QTest::newRow("bracketed ipv4")
            << QStringLiteral("[192.0.2.1]:4000") << QStringLiteral("not an IPv6 address");
        QTest::newRow("short ipv4") << QStringLiteral("127.1:4000") << QStringLiteral("not an IPv4 address");
        QTest::newRow("octal ipv4") << QStringLiteral("010.0.0.1:4000")
                                    << QStringLiteral("not an IPv4 address");
        QTest::newRow("ipv4 out of range")
            << QStringLiteral("300.1.1.1:4000") << QStringLiteral("not an IPv4 address");
        QTest::newRow("all digits") << QStringLiteral("12345:4000") << QStringLiteral("not an IPv4 address");
        QTest::newRow("blank inside") << QStringLiteral("seed example.org:4000") << QStringLiteral("blank");
        QTest::newRow("leading blank") << QStringLiteral(" seed.example.org:4000") << QStringLiteral("blank");
        QTest::newRow("line break") << QStringLiteral("seed.example.org:4000\n") << QStringLiteral("blank");
        QTest::newRow("nul") << QStringLiteral("seed") + QChar(0) + QStringLiteral(".org:1")
                             << QStringLiteral("control character");
        QTest::newRow("zero width") << QStringLiteral("seed\u200b.org:1")
                                    << QStringLiteral("control character");
        QTest::newRow("underscore") << QStringLiteral("my_node.example:1")
                                    << QStringLiteral("letters, digits");
        QTest::newRow("leading hyphen")
            << QStringLiteral("-a.example:1") << QStringLiteral("letters, digits");
        QTest::newRow("trailing hyphen")
            << QStringLiteral("a-.example:1") << QStringLiteral("letters, digits");
        QTest::newRow("empty label") << QStringLiteral("a..example:1") << QStringLiteral("letters, digits");
        QTest::newRow("trailing dot") << QStringLiteral("a.example.:1") << QStringLiteral("letters, digits");
        QTest::newRow("label of 64") << QString(64, u'a') + QStringLiteral(".example:1")
                                     << QStringLiteral("63");
        QTest::newRow("name of 254") << (QString(63, u'a') + u'.').repeated(3) + QString(62, u'b') +
                                            QStringLiteral(":1")
                                     << QStringLiteral("letters, digits");
        QTest::newRow("very long") << QString(5000, u'a') + QStringLiteral(":1")
                                   << QStringLiteral("longer than");
        QTest::newRow("scheme") << QStringLiteral("udp://seed.example.org:4000")
                                << QStringLiteral("without a scheme");
        QTest::newRow("path") << QStringLiteral("seed.example.org:4000/x") << QStringLiteral("1 to 65535");
        QTest::newRow("user") << QStringLiteral("me@seed.example.org:4000")
                              << QStringLiteral("letters, digits");
    }

    void hostPortRejects() {
        QFETCH(QString, text);
        QFETCH(QString, said);
        const auto parsed = HostPort::parse(text);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(said), qPrintable(parsed.error()));
    }

    void hostPortEqualityAndHash() {
        const HostPort a = HostPort::parse(QStringLiteral("Seed.example.org:4000")).value();
        const HostPort b = HostPort::parse(QStringLiteral("seed.example.org:4000")).value();
        const HostPort c = HostPort::parse(QStringLiteral("seed.example.org:4001")).value();
        const HostPort d = HostPort::parse(QStringLiteral("192.0.2.1:4000")).value();
        QCOMPARE(a, b);
        QVERIFY(a != c);
        QVERIFY(a != d);
        QCOMPARE(qHash(a), qHash(b));
        QCOMPARE((QSet<HostPort>{a, b, c, d}.size()), 3);
        QVERIFY(!HostPort().isValid());
    }

    // Literals alone are answered at once, as joining did before names; names a turn later, every
    // address in the resolver's order, a name's duplicates once, its failure named.
    void resolveAllKeepsOrderAndNamesFailures() {
        ringshare::test::FakeResolver resolver;
        std::optional<ringshare::net::Resolved> got;
        ringshare::net::resolveAll(resolver, {*Endpoint::parse(QStringLiteral("192.0.2.1:1"))},
                                   [&](const ringshare::net::Resolved& resolved) { got = resolved; });
        QVERIFY(got);
        QCOMPARE(got->endpoints, QList<Endpoint>{*Endpoint::parse(QStringLiteral("192.0.2.1:1"))});
        QVERIFY(resolver.asked.isEmpty());

        resolver.table[QStringLiteral("two.example")] = {QHostAddress(QStringLiteral("::ffff:198.51.100.1")),
                                                         QHostAddress(QStringLiteral("2001:db8::5")),
                                                         QHostAddress(QStringLiteral("198.51.100.1"))};
        QList<QHostAddress> many;
        for (int i = 1; i <= 20; ++i)
            many << QHostAddress(QStringLiteral("203.0.113.%1").arg(i));
        resolver.table[QStringLiteral("many.example")] = many;
        got.reset();
        const QList<HostPort> nodes{HostPort::parse(QStringLiteral("two.example:7")).value(),
                                    HostPort::parse(QStringLiteral("192.0.2.9:8")).value(),
                                    HostPort::parse(QStringLiteral("gone.invalid:9")).value(),
                                    HostPort::parse(QStringLiteral("many.example:10")).value()};
        ringshare::net::resolveAll(resolver, nodes,
                                   [&](const ringshare::net::Resolved& resolved) { got = resolved; });
        QVERIFY(!got); // names are never answered from inside the call
        QTRY_VERIFY(got);
        QCOMPARE(resolver.asked, (QStringList{QStringLiteral("two.example"), QStringLiteral("gone.invalid"),
                                              QStringLiteral("many.example")}));
        QList<Endpoint> expected{*Endpoint::parse(QStringLiteral("198.51.100.1:7")),
                                 *Endpoint::parse(QStringLiteral("[2001:db8::5]:7")),
                                 *Endpoint::parse(QStringLiteral("192.0.2.9:8"))};
        for (int i = 1; i <= ringshare::net::kMaxAddressesPerName; ++i)
            expected << *Endpoint::parse(QStringLiteral("203.0.113.%1:10").arg(i));
        QCOMPARE(got->endpoints, expected);
        QCOMPARE(got->failures.size(), 1);
        QCOMPARE(got->failures[0].node, nodes[2]);
        const QString told = ringshare::net::describeFailure(got->failures[0]);
        QVERIFY2(told.contains(QStringLiteral("gone.invalid:9")) &&
                     told.contains(QStringLiteral("Host not found")),
                 qPrintable(told));
    }

    // The system's resolver, for real: localhost is in /etc/hosts, so no network is needed.
    void systemResolverFindsLocalhost() {
        ringshare::net::SystemResolver resolver;
        std::optional<ringshare::net::Resolved> got;
        ringshare::net::resolveAll(resolver, {HostPort::parse(QStringLiteral("localhost:4000")).value()},
                                   [&](const ringshare::net::Resolved& resolved) { got = resolved; });
        QTRY_VERIFY_WITH_TIMEOUT(got, 10'000);
        QVERIFY(got->failures.isEmpty());
        QVERIFY(!got->endpoints.isEmpty());
        for (const Endpoint& endpoint : got->endpoints) {
            QVERIFY2(endpoint.address.isLoopback(), qPrintable(endpoint.toString()));
            QCOMPARE(endpoint.port, quint16(4000));
        }
    }
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
