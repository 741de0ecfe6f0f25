// Search: one search by name over the keyword index, bounded in time.
#pragma once

#include "base/clock.h"
#include "crypto/keys.h"
#include "share/contentid.h"
#include "share/recordsource.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <memory>

namespace ringshare::share {

struct SearchResult {
    ContentId id;
    QString name;
    qint64 size = 0;
    int sources = 0;    // distinct peers that published the file
    double score = 0.0; // how well the name matches the query, in (0, 1]
};

// One search by name. Every word of the query is looked up at once; records stream in as replicas answer,
// results are merged by content id, and only names that contain every query word are kept. Bounded in time:
// whatever arrived by the deadline is the answer, and finished() says whether every word was answered.
class Search final : public QObject {
    Q_OBJECT

public:
    Search(RecordSource& source, Clock& clock, const QString& query, Millis timeout = Millis(10'000),
           QObject* parent = nullptr);
    ~Search() override;

    // The folded words searched for; empty when the query holds none worth searching.
    [[nodiscard]] const QStringList& words() const { return m_words; }
    void start();
    [[nodiscard]] bool isFinished() const { return m_finished; }
    // Best first: match quality, then number of sources, then name.
    [[nodiscard]] QList<SearchResult> results() const;

Q_SIGNALS:
    // A result seen for the first time, or one that gained sources.
    void resultUpdated(const ringshare::share::SearchResult& result);
    // `complete`: every word's records arrived before the deadline.
    void finished(bool complete);

private:
    void onRecords(const QList<dht::Record>& records, bool reached);
    void finish(bool complete);

    RecordSource& m_source;
    QStringList m_words;
    QHash<ContentId, SearchResult> m_results;
    QHash<ContentId, QSet<QByteArray>> m_publishers; // publisher keys per result
    int m_pending = 0;
    bool m_allReached = true;
    bool m_finished = false;
    std::unique_ptr<Timer> m_deadline;
    Millis m_timeout;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace ringshare::share

Q_DECLARE_METATYPE(ringshare::share::SearchResult)
