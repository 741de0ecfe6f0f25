// IndexPublisher: builds each file's provider and keyword records and keeps them published.
#include "share/indexpublisher.h"

#include "share/indexrecords.h"
#include "share/keywords.h"

namespace ringshare::share {

IndexPublisher::IndexPublisher(Library& library, dht::ChordNode& node, QObject* parent)
    : QObject(parent), m_node(node) {
    connect(&library, &Library::fileReady, this, &IndexPublisher::add);
    connect(&library, &Library::fileWithdrawn, this, &IndexPublisher::drop);
    for (const SharedFile& file : library.files())
        if (file.state == SharedFile::State::Ready)
            add(file);
}

QList<std::pair<NodeId, QByteArray>> IndexPublisher::recordsFor(const Manifest& manifest) {
    const ContentId id = manifest.contentId();
    QList<std::pair<NodeId, QByteArray>> records;
    records.append({providerKey(id), ProviderValue{id, manifest.size}.encode()});
    const QByteArray keyword = KeywordValue{id, manifest.size, manifest.name}.encode();
    for (const QString& word : keywordsOf(manifest.name))
        records.append({keywordKey(word), keyword});
    return records;
}

void IndexPublisher::add(const SharedFile& file) {
    if (!file.manifest)
        return;
    const auto records = recordsFor(*file.manifest);
    for (const auto& record : records)
        if (m_uses[record]++ == 0)
            m_node.publish(record.first, record.second, kIndexRecordTtlSeconds);
    m_copies[file.id()] += 1;
    m_keywordCounts[file.id()] = int(records.size()) - 1;
}

void IndexPublisher::drop(const SharedFile& file) {
    if (!file.manifest)
        return;
    for (const auto& record : recordsFor(*file.manifest)) {
        const auto it = m_uses.find(record);
        if (it == m_uses.end())
            continue;
        if (--it->second == 0) {
            m_node.unpublish(record.first, record.second);
            m_uses.erase(it);
        }
    }
    if (--m_copies[file.id()] <= 0) {
        m_copies.remove(file.id());
        m_keywordCounts.remove(file.id());
    }
}

} // namespace ringshare::share
