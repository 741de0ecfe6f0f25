// Tests for the admission rule of inbound transfer connections (transfer/admission.h): who is let in,
// turned away, or let in in the place of a slow handshake, as a pure function of the counts.
#include "transfer/admission.h"

#include <QTest>

using namespace ringshare::transfer;

namespace {

const QHostAddress kHonest(QStringLiteral("192.0.2.1"));
const QHostAddress kFlooder(QStringLiteral("198.51.100.7"));
const QHostAddress kOther(QStringLiteral("203.0.113.9"));
constexpr AdmissionLimits kLimits{8, 4};

} // namespace

class TestAdmission : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sourceOfIsTheAddressOrTheIpv6Slash64() {
        QCOMPARE(sourceOf(kHonest), kHonest);
        QCOMPARE(sourceOf(QHostAddress(QStringLiteral("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))),
                 QHostAddress(QStringLiteral("2001:db8:1:2::")));
        QCOMPARE(sourceOf(QHostAddress(QStringLiteral("2001:db8:1:2::1"))),
                 sourceOf(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9"))));
        QVERIFY(sourceOf(QHostAddress(QStringLiteral("2001:db8:1:3::1"))) !=
                sourceOf(QHostAddress(QStringLiteral("2001:db8:1:2::1"))));
    }

    void admitsWhileThereIsRoom() {
        QCOMPARE(decide({}, kHonest, 0, kLimits), Admission{Admission::Verdict::Admit});
        QCOMPARE(decide({{kHonest, 3}}, kHonest, 7, kLimits), Admission{Admission::Verdict::Admit});
    }

    void refusesASourceAtItsHandshakeCapEvenWithRoom() {
        QCOMPARE(decide({{kFlooder, 4}}, kFlooder, 4, kLimits), Admission{Admission::Verdict::Refuse});
        QCOMPARE(decide({{kFlooder, 4}}, kHonest, 4, kLimits), Admission{Admission::Verdict::Admit});
    }

    void whenFullANewcomerDisplacesTheSourceHoldingTheMostHandshakes() {
        const QHash<QHostAddress, int> handshakes{{kFlooder, 3}, {kOther, 2}};
        QCOMPARE(decide(handshakes, kHonest, 8, kLimits), (Admission{Admission::Verdict::Evict, 3}));
        // A source holding fewer than the most may still get in; one holding as many may not.
        QCOMPARE(decide(handshakes, kOther, 8, kLimits), (Admission{Admission::Verdict::Evict, 3}));
        QCOMPARE(decide(handshakes, kFlooder, 8, kLimits), Admission{Admission::Verdict::Refuse});
    }

    void whenFullOfProvenConnectionsNobodyIsEvicted() {
        QCOMPARE(decide({}, kHonest, 8, kLimits), Admission{Admission::Verdict::Refuse});
        QCOMPARE(decide({{kOther, 1}}, kHonest, 8, kLimits), (Admission{Admission::Verdict::Evict, 1}));
        QCOMPARE(decide({{kHonest, 1}}, kHonest, 8, kLimits), Admission{Admission::Verdict::Refuse});
    }
};

QTEST_GUILESS_MAIN(TestAdmission)
#include "tst_admission.moc"
