// Search: one keyword lookup per query word, merging the records that arrive until the deadline.
#include "share/search.h"

#include "share/indexrecords.h"
#include "share/keywords.h"

namespace ringshare::share {

Search::Search(RecordSource& source, Clock& clock, const QString& query, Millis timeout, QObject* parent)
    : QObject(parent), m_source(source), m_words(queryWords(query)), m_timeout(timeout) {
    m_deadline = clock.createTimer([this] { finish(false); });
}

Search::~Search() {
    *m_alive = false;
}

void Search::start() {
    if (m_words.isEmpty()) {
        finish(true);
        return;
    }
    m_pending = int(m_words.size());
    m_deadline->start(m_timeout);
    for (const QString& word : std::as_const(m_words)) {
        m_source.getRecords(keywordKey(word),
                            [this, alive = m_alive](const QList<dht::Record>& records, bool reached) {
                                if (*alive)
                                    onRecords(records, reached);
                            });
    }
}

void Search::onRecords(const QList<dht::Record>& records, bool reached) {
    if (m_finished)
        return;
    m_allReached = m_allReached && reached;
    for (const dht::Record& record : records) {
        const auto value = KeywordValue::decode(record.value);
        if (!value.ok() || !nameMatches(value->name, m_words))
            continue;
        auto& publishers = m_publishers[value->id];
        if (publishers.contains(record.publisher.toByteArray()))
            continue;
        publishers.insert(record.publisher.toByteArray());
        SearchResult& result = m_results[value->id];
        if (result.sources == 0) {
            result.id = value->id;
            result.name = value->name;
            result.size = value->size;
            result.score = matchScore(value->name, m_words);
        } else if (result.size != value->size) {
            continue; // a publisher that lies about the size is not counted as a source
        }
        result.sources = int(publishers.size());
        Q_EMIT resultUpdated(result);
    }
    if (--m_pending == 0)
        finish(m_allReached);
}

void Search::finish(bool complete) {
    if (m_finished)
        return;
    m_finished = true;
    m_deadline->stop();
    Q_EMIT finished(complete);
}

QList<SearchResult> Search::results() const {
    QList<SearchResult> list = m_results.values();
    std::sort(list.begin(), list.end(), [](const SearchResult& a, const SearchResult& b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.sources != b.sources)
            return a.sources > b.sources;
        return a.name < b.name;
    });
    return list;
}

} // namespace ringshare::share
