// Tests for address cookies: bound to address and port, forgeries fail, valid for their epoch and the
// next, and a bounded cookie jar.
#include "base/manualclock.h"
#include "net/cookies.h"
#include "net/message.h"

#include <QTest>

using namespace ringshare;
using namespace ringshare::net;
using namespace std::chrono_literals;

namespace {

const QByteArray kSecret(32, '\x5a');

Endpoint at(const char* address, quint16 port) {
    return {QHostAddress(QString::fromLatin1(address)), port};
}

} // namespace

class TestCookies final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cookieIsBoundToAddressAndPort() {
        ManualClock clock;
        const CookieMint mint(clock, kSecret, 60s);
        const QByteArray cookie = mint.issue(at("192.0.2.1", 4000));
        QCOMPARE(cookie.size(), kCookieSize);
        QCOMPARE(mint.verify(at("192.0.2.1", 4000), cookie), CookieMint::Verdict::Valid);
        QCOMPARE(mint.verify(at("192.0.2.1", 4001), cookie), CookieMint::Verdict::Invalid);
        QCOMPARE(mint.verify(at("192.0.2.2", 4000), cookie), CookieMint::Verdict::Invalid);
        QCOMPARE(mint.verify(at("::ffff:192.0.2.1", 4000), cookie), CookieMint::Verdict::Valid);
        QVERIFY(mint.issue(at("192.0.2.2", 4000)) != cookie);
    }

    void forgedAndMalformedCookiesFail() {
        ManualClock clock;
        const CookieMint mint(clock, kSecret);
        const Endpoint peer = at("198.51.100.7", 9);
        QByteArray cookie = mint.issue(peer);
        cookie[5] = char(cookie[5] ^ 1);
        QCOMPARE(mint.verify(peer, cookie), CookieMint::Verdict::Invalid);
        QCOMPARE(mint.verify(peer, QByteArray()), CookieMint::Verdict::Invalid);
        QCOMPARE(mint.verify(peer, mint.issue(peer).left(kCookieSize - 1)), CookieMint::Verdict::Invalid);
        const CookieMint other(clock, QByteArray(32, '\x01'));
        QCOMPARE(other.verify(peer, mint.issue(peer)), CookieMint::Verdict::Invalid);
    }

    void cookieLivesForItsEpochAndTheNext() {
        ManualClock clock;
        const CookieMint mint(clock, kSecret, 60s);
        const Endpoint peer = at("203.0.113.9", 1234);
        clock.advanceTo(59'999ms); // the last moment of epoch 0
        const QByteArray cookie = mint.issue(peer);
        clock.advanceTo(60'000ms);
        QCOMPARE(mint.verify(peer, cookie), CookieMint::Verdict::ValidButOld);
        clock.advanceTo(119'999ms);
        QCOMPARE(mint.verify(peer, cookie), CookieMint::Verdict::ValidButOld);
        clock.advanceTo(120'000ms);
        QCOMPARE(mint.verify(peer, cookie), CookieMint::Verdict::Invalid);
    }

    void jarKeepsCookiesOnlyWhileSurelyValid() {
        ManualClock clock;
        CookieJar jar(clock, 60s);
        const Endpoint peer = at("192.0.2.1", 1);
        const QByteArray cookie(kCookieSize, 'c');
        jar.store(peer, cookie);
        jar.store(at("192.0.2.1", 2), QByteArray(3, 'x')); // malformed: not kept
        QCOMPARE(jar.size(), 1);
        QCOMPARE(jar.find(peer), cookie);
        QVERIFY(jar.find(at("192.0.2.1", 2)).isEmpty());
        clock.advance(59'999ms);
        QCOMPARE(jar.find(peer), cookie);
        clock.advance(1ms);
        QVERIFY(jar.find(peer).isEmpty());
        jar.store(peer, cookie);
        jar.forget(peer);
        QVERIFY(jar.find(peer).isEmpty());
    }

    void jarStaysBounded() {
        ManualClock clock;
        CookieJar jar(clock, 60s, 100);
        for (quint16 port = 1; port <= 1000; ++port)
            jar.store(at("192.0.2.1", port), QByteArray(kCookieSize, 'c'));
        QVERIFY(jar.size() <= 100);
        QVERIFY(jar.size() > 0);
        // The newest is always kept.
        QVERIFY(!jar.find(at("192.0.2.1", 1000)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCookies)
#include "tst_cookies.moc"
