// Tests for PiecePicker: rarest-first picks with spread ties, every chunk asked once, bounded
// endgame duplicates, availability bookkeeping.
#include "base/random.h"
#include "transfer/piecepicker.h"

#include <QSet>
#include <QTest>

using namespace ringshare;
using namespace ringshare::transfer;

namespace {

// "1011" -> bits 0, 2 and 3 set.
QBitArray bits(QStringView pattern) {
    QBitArray out(int(pattern.size()));
    for (int i = 0; i < pattern.size(); ++i)
        out.setBit(i, pattern[i] == u'1');
    return out;
}

QBitArray all(int count) {
    return QBitArray(count, true);
}

// A picker whose chunk i is announced by availability[i] peers.
PiecePicker pickerWith(const QList<int>& availability) {
    PiecePicker picker(int(availability.size()));
    for (int i = 0; i < availability.size(); ++i)
        for (int n = 0; n < availability[i]; ++n)
            picker.peerHas(i);
    return picker;
}

// Every answer pick() gives over many seeds.
QSet<int> answersOverSeeds(const PiecePicker& picker, const QBitArray& peer, const QList<int>& asked,
                           int seeds = 200) {
    QSet<int> answers;
    for (int seed = 1; seed <= seeds; ++seed) {
        SeededRandom random{quint64(seed)};
        answers.insert(picker.pick(peer, asked, random));
    }
    return answers;
}

} // namespace

class TestPiecePicker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Each row sets up availability, what we have and what is in flight, and lists every chunk pick() may
    // answer: over many seeds it must answer only those, and each of them at least once.
    void picks_data() {
        QTest::addColumn<QList<int>>("availability");
        QTest::addColumn<QString>("have");
        QTest::addColumn<QList<int>>("inFlight");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QList<int>>("askedOfPeer");
        QTest::addColumn<QList<int>>("answers");

        QTest::newRow("rarest first") << QList<int>{3, 1, 2, 5} << "0000" << QList<int>{0, 0, 0, 0} << "1111"
                                      << QList<int>{} << QList<int>{1};
        QTest::newRow("rarest of what the peer has")
            << QList<int>{3, 1, 2, 5} << "0000" << QList<int>{0, 0, 0, 0} << "1011" << QList<int>{}
            << QList<int>{2};
        QTest::newRow("a chunk nobody announced is rarest")
            << QList<int>{0, 2, 2} << "000" << QList<int>{0, 0, 0} << "111" << QList<int>{} << QList<int>{0};
        QTest::newRow("ties go to any of the rarest")
            << QList<int>{2, 1, 1, 2, 1} << "00000" << QList<int>{0, 0, 0, 0, 0} << "11111" << QList<int>{}
            << QList<int>{1, 2, 4};
        QTest::newRow("not what we have")
            << QList<int>{1, 2, 3} << "100" << QList<int>{0, 0, 0} << "111" << QList<int>{} << QList<int>{1};
        QTest::newRow("not what is in flight")
            << QList<int>{1, 2, 3} << "000" << QList<int>{1, 0, 0} << "111" << QList<int>{} << QList<int>{1};
        QTest::newRow("not what we have or is in flight, even when rarest")
            << QList<int>{1, 1, 4, 3} << "1000" << QList<int>{0, 1, 0, 0} << "1111" << QList<int>{}
            << QList<int>{3};
        QTest::newRow("no duplicate while other chunks wait for a source")
            << QList<int>{1, 1, 0} << "000" << QList<int>{1, 1, 0} << "110" << QList<int>{} << QList<int>{-1};
        QTest::newRow("the peer has only what we have")
            << QList<int>{2, 1, 1} << "110" << QList<int>{0, 0, 0} << "110" << QList<int>{} << QList<int>{-1};
        QTest::newRow("an empty peer")
            << QList<int>{1, 1, 1} << "000" << QList<int>{0, 0, 0} << "000" << QList<int>{} << QList<int>{-1};
        QTest::newRow("a peer bitfield shorter than the file")
            << QList<int>{5, 1, 1} << "000" << QList<int>{0, 0, 0} << "1" << QList<int>{} << QList<int>{0};
        QTest::newRow("a peer bitfield longer than the file")
            << QList<int>{1, 1} << "10" << QList<int>{0, 0} << "01111" << QList<int>{} << QList<int>{1};
        QTest::newRow("complete") << QList<int>{1, 1, 1} << "111" << QList<int>{0, 0, 0} << "111"
                                  << QList<int>{} << QList<int>{-1};
        QTest::newRow("no chunks at all")
            << QList<int>{} << "" << QList<int>{} << "" << QList<int>{} << QList<int>{-1};

        QTest::newRow("endgame: a chunk in flight elsewhere")
            << QList<int>{1, 1, 1} << "110" << QList<int>{0, 0, 1} << "111" << QList<int>{} << QList<int>{2};
        QTest::newRow("endgame: any of the chunks in flight once")
            << QList<int>{1, 1, 1, 1} << "1000" << QList<int>{0, 1, 1, 1} << "1111" << QList<int>{}
            << QList<int>{1, 2, 3};
        QTest::newRow("endgame: never what this peer was asked already")
            << QList<int>{1, 1, 1} << "100" << QList<int>{0, 1, 1} << "111" << QList<int>{1} << QList<int>{2};
        QTest::newRow("endgame: everything was asked of this peer")
            << QList<int>{1, 1, 1} << "100" << QList<int>{0, 1, 1} << "111" << QList<int>{1, 2}
            << QList<int>{-1};
        QTest::newRow("endgame: no chunk beyond the duplicate limit")
            << QList<int>{1, 1, 1} << "100" << QList<int>{0, 2, 2} << "111" << QList<int>{} << QList<int>{-1};
        QTest::newRow("endgame: the one still below the limit")
            << QList<int>{1, 1, 1} << "100" << QList<int>{0, 2, 1} << "111" << QList<int>{} << QList<int>{2};
        QTest::newRow("endgame: the peer has none of the missing chunks")
            << QList<int>{1, 1, 1} << "100" << QList<int>{0, 1, 1} << "100" << QList<int>{} << QList<int>{-1};
    }
    void picks() {
        QFETCH(QList<int>, availability);
        QFETCH(QString, have);
        QFETCH(QList<int>, inFlight);
        QFETCH(QString, peer);
        QFETCH(QList<int>, askedOfPeer);
        QFETCH(QList<int>, answers);
        QCOMPARE(have.size(), availability.size());
        QCOMPARE(inFlight.size(), availability.size());

        PiecePicker picker = pickerWith(availability);
        for (int i = 0; i < have.size(); ++i)
            if (have[i] == u'1')
                picker.setHave(i);
        for (int i = 0; i < inFlight.size(); ++i)
            for (int n = 0; n < inFlight[i]; ++n)
                picker.requested(i);

        QList<int> got = answersOverSeeds(picker, bits(peer), askedOfPeer).values();
        std::sort(got.begin(), got.end());
        QCOMPARE(got, answers);
    }

    void tiesAreSpreadOverEveryTiedChunk() {
        // Every fourth chunk is the rarest; one generator picks many times, as a download would.
        constexpr int kChunks = 64;
        PiecePicker picker(kChunks);
        for (int i = 0; i < kChunks; ++i)
            for (int n = 0; n < (i % 4 == 0 ? 1 : 2); ++n)
                picker.peerHas(i);
        SeededRandom random(42);
        QList<int> count(kChunks, 0);
        constexpr int kPicks = 4000;
        for (int n = 0; n < kPicks; ++n) {
            const int picked = picker.pick(all(kChunks), {}, random);
            QVERIFY(picked >= 0 && picked < kChunks);
            ++count[picked];
        }
        const int fairShare = kPicks / (kChunks / 4);
        for (int i = 0; i < kChunks; ++i) {
            if (i % 4 != 0) {
                QCOMPARE(count[i], 0);
                continue;
            }
            QVERIFY2(count[i] > fairShare / 2 && count[i] < fairShare * 2,
                     qPrintable(QStringLiteral("chunk %1 picked %2 times").arg(i).arg(count[i])));
        }
    }

    void aDownloadAsksForEveryChunkOnce() {
        // Peers taking turns, each asking for what the picker says until it says -1: before the endgame,
        // no chunk is asked twice, and together they ask for all of them.
        constexpr int kChunks = 50;
        PiecePicker picker(kChunks);
        const QList<QBitArray> peers = {all(kChunks), bits(QString(kChunks / 2, u'1') + QString(25, u'0')),
                                        bits(QString(kChunks / 2, u'0') + QString(25, u'1'))};
        for (const QBitArray& peer : peers)
            picker.addPeer(peer);
        SeededRandom random(7);
        QSet<int> asked;
        for (int round = 0; asked.size() < kChunks && round < kChunks; ++round) {
            for (const QBitArray& peer : peers) {
                if (asked.size() == kChunks)
                    break;
                const int picked = picker.pick(peer, {}, random);
                if (picked < 0)
                    continue;
                QVERIFY2(!asked.contains(picked), "asked twice before the endgame");
                QVERIFY(peer.testBit(picked));
                asked.insert(picked);
                picker.requested(picked);
            }
        }
        QCOMPARE(asked.size(), kChunks);
    }

    void endgameDuplicatesAreBounded() {
        // Three chunks on their way from a first peer; second and third peers may each duplicate them once
        // while the limit allows, and never a chunk already asked of them.
        PiecePicker picker(3);
        for (int i = 0; i < 3; ++i)
            picker.requested(i);
        SeededRandom random(3);

        QList<int> second;
        for (int n = 0; n < 5; ++n) {
            const int picked = picker.pick(all(3), second, random);
            if (picked < 0)
                break;
            QVERIFY(!second.contains(picked));
            QCOMPARE(picker.inFlight(picked), 1);
            second.append(picked);
            picker.requested(picked);
        }
        std::sort(second.begin(), second.end());
        QCOMPARE(second, (QList<int>{0, 1, 2}));
        QCOMPARE(PiecePicker::kMaxEndgameDuplicates, 2);
        // Each chunk is now asked twice: a third peer gets nothing more.
        QCOMPARE(picker.pick(all(3), {}, random), -1);

        // Chunk 1 arrives: the request still out for it is no reason to ask anyone again.
        picker.setHave(1);
        picker.released(1);
        QCOMPARE(picker.pick(all(3), {}, random), -1);
        // A request fails: that chunk may be asked again, of a peer that was not asked before.
        picker.released(2);
        QCOMPARE(picker.pick(all(3), {}, random), 2);
        QCOMPARE(picker.pick(all(3), {2}, random), -1);
    }

    void chunksBeingCheckedAreAskedOfNobody() {
        // Chunk 0 arrived and is being checked, 1 is on its way, 2 is still wanted.
        PiecePicker picker(3);
        picker.setPending(0, true);
        picker.requested(1);
        SeededRandom random(4);
        QCOMPARE(picker.pick(all(3), {}, random), 2);
        picker.requested(2);
        // The endgame duplicates what is on its way, never what is being checked.
        for (int n = 0; n < 10; ++n)
            QVERIFY(picker.pick(all(3), {}, random) != 0);
        // Found bad: it is wanted again.
        picker.setPending(0, false);
        QCOMPARE(picker.pick(all(3), {1, 2}, random), 0);
    }

    void availabilityFollowsPeers() {
        PiecePicker picker(4);
        const QBitArray a = bits(u"1100");
        const QBitArray b = bits(u"0110");
        picker.addPeer(a);
        picker.addPeer(b);
        const QList<int> both = {picker.availability(0), picker.availability(1), picker.availability(2),
                                 picker.availability(3)};
        QCOMPARE(both, (QList<int>{1, 2, 1, 0}));

        picker.peerHas(3);
        QCOMPARE(picker.availability(3), 1);
        picker.peerLacks(1);
        QCOMPARE(picker.availability(1), 1);
        picker.removePeer(a);
        QCOMPARE(picker.availability(0), 0);
        QCOMPARE(picker.availability(1), 0);
        QCOMPARE(picker.availability(2), 1);

        // Never below zero, and indices out of range are ignored.
        picker.removePeer(a);
        picker.peerLacks(0);
        picker.peerLacks(-1);
        picker.peerLacks(4);
        picker.peerHas(-1);
        picker.peerHas(4);
        picker.addPeer(bits(u"000111111"));
        for (int i = 0; i < 4; ++i)
            QVERIFY(picker.availability(i) >= 0);
        QCOMPARE(picker.availability(0), 0);
        QCOMPARE(picker.availability(3), 2);
    }

    void availabilityChangesThePick() {
        PiecePicker picker(3);
        picker.addPeer(bits(u"111"));
        picker.addPeer(bits(u"011"));
        picker.addPeer(bits(u"001"));
        SeededRandom random(5);
        QCOMPARE(picker.pick(all(3), {}, random), 0);
        // A second source of chunk 0 arrives, and a peer says it lacks chunk 1 after all.
        picker.addPeer(bits(u"100"));
        picker.peerLacks(1);
        QCOMPARE(picker.availability(0), 2);
        QCOMPARE(picker.availability(1), 1);
        QCOMPARE(picker.pick(all(3), {}, random), 1);
        // That source leaves again: chunks 0 and 1 are equally rare.
        picker.removePeer(bits(u"100"));
        QCOMPARE(answersOverSeeds(picker, all(3), {}), (QSet<int>{0, 1}));
    }

    void haveAndInFlightBookkeeping() {
        PiecePicker picker(3);
        QCOMPARE(picker.chunkCount(), 3);
        QVERIFY(!picker.isComplete());
        picker.setHave(1);
        picker.setHave(1);
        picker.setHave(-1);
        picker.setHave(3);
        QCOMPARE(picker.haveCount(), 1);
        QCOMPARE(picker.have(), bits(u"010"));

        picker.requested(0);
        picker.requested(0);
        picker.released(0);
        QCOMPARE(picker.inFlight(0), 1);
        picker.released(0);
        picker.released(0);
        picker.released(7);
        QCOMPARE(picker.inFlight(0), 0);

        picker.setHave(0);
        picker.setHave(2);
        QVERIFY(picker.isComplete());
        SeededRandom random(1);
        QCOMPARE(picker.pick(all(3), {}, random), -1);

        const PiecePicker empty;
        QCOMPARE(empty.chunkCount(), 0);
        QCOMPARE(empty.pick({}, {}, random), -1);
    }
};

QTEST_GUILESS_MAIN(TestPiecePicker)
#include "tst_piecepicker.moc"
