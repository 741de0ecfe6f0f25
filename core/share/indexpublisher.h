// IndexPublisher: keeps the DHT's index (provider and keyword records) in step with the library.
#pragma once

#include "dht/chordnode.h"
#include "share/library.h"

#include <QHash>
#include <QObject>
#include <map>

namespace ringshare::share {

// Keeps the DHT's index in step with the library: for every ready file a provider record under
// providerKey(id) and a keyword record under keywordKey(word) for each word of its name, all signed by this
// node and renewed by it until the file is withdrawn.
class IndexPublisher final : public QObject {
    Q_OBJECT

public:
    IndexPublisher(Library& library, dht::ChordNode& node, QObject* parent = nullptr);

    // The keyword records published for this content (0 when it is not published).
    [[nodiscard]] int keywordRecordCount(const ContentId& id) const { return m_keywordCounts.value(id); }

    // The records this node publishes for a file.
    [[nodiscard]] static QList<std::pair<NodeId, QByteArray>> recordsFor(const Manifest& manifest);

private:
    void add(const SharedFile& file);
    void drop(const SharedFile& file);

    dht::ChordNode& m_node;
    // Two shared copies of the same bytes publish the same records; count the uses so that removing one copy
    // keeps the other published.
    std::map<std::pair<NodeId, QByteArray>, int> m_uses;
    QHash<ContentId, int> m_keywordCounts;
    QHash<ContentId, int> m_copies;
};

} // namespace ringshare::share
