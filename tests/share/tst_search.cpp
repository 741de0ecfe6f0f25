// Search by name over a simulated ring of Chord nodes: index records published the way a sharing node
// publishes them, multi-word queries, merging by content, ranking, partial answers and forged records.
#include "crypto/cryptoinit.h"
#include "dht/simulation.h"
#include "share/indexpublisher.h"
#include "share/indexrecords.h"
#include "share/search.h"

#include <QSignalSpy>
#include <QTest>

using namespace ringshare;
using namespace ringshare::dht;
using namespace ringshare::share;
using namespace std::chrono_literals;

namespace {

SimulationOptions options(quint64 seed) {
    SimulationOptions o;
    o.seed = seed;
    o.chord.stabilizeInterval = 1000ms;
    o.chord.fixFingersInterval = 500ms;
    o.chord.rpc.timeout = 400ms;
    o.links.minLatency = 5ms;
    o.links.maxLatency = 40ms;
    return o;
}

// A manifest for `name` over bytes that depend only on `content`: same content, same id.
Manifest manifestFor(const QString& name, char content, const crypto::Identity& publisher) {
    Manifest manifest;
    manifest.name = name;
    manifest.size = 1000 + content;
    manifest.chunkSize = Manifest::chunkSizeFor(manifest.size);
    manifest.chunkHashes = Manifest::hashChunk(QByteArray(int(manifest.size), content));
    manifest.sign(publisher);
    return manifest;
}

// What IndexPublisher publishes for a file, published from `node`.
void publish(ChordNode& node, const Manifest& manifest) {
    for (const auto& [key, value] : IndexPublisher::recordsFor(manifest))
        node.publish(key, value, kIndexRecordTtlSeconds);
}

// Answers for every key but one, which it never answers: a part of the network that is down.
class DeafToOneKey final : public RecordSource {
public:
    DeafToOneKey(RecordSource& inner, NodeId deafKey) : m_inner(inner), m_deafKey(deafKey) {}
    void getRecords(const NodeId& key, RecordsDone done) override {
        if (key != m_deafKey)
            m_inner.getRecords(key, std::move(done));
    }
    void locate(const NodeId& id, LocateDone done) override { m_inner.locate(id, std::move(done)); }

private:
    RecordSource& m_inner;
    NodeId m_deafKey;
};

QList<SearchResult> runSearch(Simulation& sim, RecordSource& source, const QString& query,
                              bool* complete = nullptr, int* updates = nullptr) {
    Search search(source, sim.clock(), query, 5000ms);
    QSignalSpy finished(&search, &Search::finished);
    QSignalSpy updated(&search, &Search::resultUpdated);
    search.start();
    if (!sim.runUntil([&] { return !finished.isEmpty(); }, 30s, 50ms))
        return {};
    if (complete)
        *complete = finished.first().first().toBool();
    if (updates)
        *updates = int(updated.count());
    return search.results();
}

} // namespace

class TestSearch : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulation> m_sim;
    QList<ChordNode*> m_nodes;
    ContentId m_song, m_manual;

private Q_SLOTS:
    void initTestCase() {
        crypto::requireInitialized();
        m_sim = std::make_unique<Simulation>(options(77));
        for (int i = 0; i < 30; ++i) {
            m_sim->addNode();
            m_sim->run(200ms);
        }
        QVERIFY(m_sim->runUntil([&] { return m_sim->converged(); }, 600s, 500ms));
        m_nodes = m_sim->joinedNodes();
        // Three peers publish: two hold the same song under different names, one a manual.
        auto a = m_sim->makeIdentity(), b = m_sim->makeIdentity(), c = m_sim->makeIdentity();
        const Manifest song = manifestFor(QStringLiteral("Café Déjà Vu.mp3"), 's', a);
        m_song = song.contentId();
        publish(*m_nodes[1], song);
        publish(*m_nodes[2], manifestFor(QStringLiteral("cafe deja vu (live).mp3"), 's', b));
        const Manifest manual = manifestFor(QStringLiteral("Cafe Racer Manual.pdf"), 'm', c);
        m_manual = manual.contentId();
        publish(*m_nodes[3], manual);
        m_sim->run(5s);
    }

    void findsEveryFileWithTheWord() {
        NodeRecordSource source(*m_nodes[20]);
        bool complete = false;
        int updates = 0;
        const QList<SearchResult> results =
            runSearch(*m_sim, source, QStringLiteral("CAFÉ"), &complete, &updates);
        QVERIFY(complete);
        QCOMPARE(results.size(), 2);
        QVERIFY(updates >= 2); // streamed as they came, not only at the end
        const auto song = std::find_if(results.cbegin(), results.cend(),
                                       [&](const SearchResult& r) { return r.id == m_song; });
        QVERIFY(song != results.cend());
        QCOMPARE(song->sources, 2); // one swarm, two publishers, merged by content id
        QCOMPARE(song->size, qint64(1000 + 's'));
    }

    void requiresEveryWordAndRanksTheBestMatchFirst() {
        NodeRecordSource source(*m_nodes[25]);
        const QList<SearchResult> manual = runSearch(*m_sim, source, QStringLiteral("cafe manual"));
        QCOMPARE(manual.size(), 1);
        QCOMPARE(manual.first().id, m_manual);
        QCOMPARE(manual.first().sources, 1);

        QVERIFY(runSearch(*m_sim, source, QStringLiteral("cafe opera")).isEmpty());

        const QList<SearchResult> ranked = runSearch(*m_sim, source, QStringLiteral("cafe"));
        QCOMPARE(ranked.size(), 2);
        QVERIFY(ranked[0].score >= ranked[1].score);
    }

    void showsPartialResultsWhenPartOfTheNetworkIsSilent() {
        NodeRecordSource real(*m_nodes[10]);
        DeafToOneKey deaf(real, keywordKey(QStringLiteral("vu")));
        bool complete = true;
        const QList<SearchResult> results = runSearch(*m_sim, deaf, QStringLiteral("deja vu"), &complete);
        QVERIFY(!complete);
        QCOMPARE(results.size(), 1); // from the records under "deja", which did answer
        QCOMPARE(results.first().id, m_song);
    }

    void refusesForgedAndMisleadingRecords() {
        // A record whose signature does not verify is refused by the ring itself.
        const auto forger = m_sim->makeIdentity();
        Record forged = Record::create(forger, keywordKey(QStringLiteral("cafe")),
                                       KeywordValue{m_manual, 5, QStringLiteral("cafe malware.exe")}.encode(),
                                       m_sim->clock().unixMillis(), 3600);
        forged.value = KeywordValue{m_manual, 5, QStringLiteral("cafe innocent.txt")}.encode();
        std::optional<bool> accepted;
        m_nodes[5]->put(forged, [&](bool ok) { accepted = ok; });
        QVERIFY(m_sim->runUntil([&] { return accepted.has_value(); }, 30s, 50ms));
        QVERIFY(!*accepted);

        // A validly signed record that files a name under a word it does not contain, or that lies about
        // a known file's size, matches nothing and adds no source.
        const auto spammer = m_sim->makeIdentity();
        m_nodes[6]->put(Record::create(spammer, keywordKey(QStringLiteral("cafe")),
                                       KeywordValue{m_manual, 5, QStringLiteral("buy pills now")}.encode(),
                                       m_sim->clock().unixMillis(), 3600),
                        [](bool) {});
        m_nodes[7]->put(
            Record::create(spammer, keywordKey(QStringLiteral("manual")),
                           KeywordValue{m_manual, 999, QStringLiteral("Cafe Racer Manual.pdf")}.encode(),
                           m_sim->clock().unixMillis(), 3600),
            [](bool) {});
        m_sim->run(3s);
        NodeRecordSource source(*m_nodes[12]);
        const QList<SearchResult> results = runSearch(*m_sim, source, QStringLiteral("cafe manual"));
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().sources, 1);
        QCOMPARE(results.first().size, qint64(1000 + 'm'));
        QVERIFY(runSearch(*m_sim, source, QStringLiteral("pills")).isEmpty());
    }

    void indexRecordsRoundTripAndStayWithinARecord() {
        const KeywordValue value{m_song, 12345, QString(600, QChar(0x6771))}; // 1,800 bytes of UTF-8
        const QByteArray encoded = value.encode();
        QVERIFY(encoded.size() <= Record::kMaxValueSize);
        const auto decoded = KeywordValue::decode(encoded);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->id, m_song);
        QCOMPARE(decoded->size, qint64(12345));
        QCOMPARE(decoded->name, QString(170, QChar(0x6771))); // cut at a character boundary
        QVERIFY(!KeywordValue::decode(encoded.first(encoded.size() - 1)).ok());
        QVERIFY(!KeywordValue::decode(ProviderValue{m_song, 1}.encode()).ok());
        QCOMPARE(ProviderValue::decode(ProviderValue{m_song, 77}.encode()).value(),
                 (ProviderValue{m_song, 77}));
        QVERIFY(!ProviderValue::decode(QByteArray("P")).ok());
        // A name that starts with a byte order mark keeps it, so it reads back as exactly what was written.
        const KeywordValue bom{m_song, 1, QStringLiteral("\uFEFFa.txt")};
        QCOMPARE(KeywordValue::decode(bom.encode()).value(), bom);
        QCOMPARE(KeywordValue::decode(KeywordValue{m_song, 1, QStringLiteral("\uFEFF")}.encode())->name,
                 QStringLiteral("\uFEFF"));
        QCOMPARE(providerKey(m_song), recordKey(QStringLiteral("file:") + m_song.toHex()));
        QCOMPARE(keywordKey(QStringLiteral("cafe")), recordKey(QStringLiteral("kw:cafe")));
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
