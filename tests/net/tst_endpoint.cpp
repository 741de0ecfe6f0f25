// Tests for Endpoint: byte and text round trips, IPv4/IPv6 forms, rejects, validity, hashing.
#include "net/endpoint.h"

#include <QSet>
#include <QTest>

using ringshare::net::Endpoint;

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
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
