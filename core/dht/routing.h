// Routing state as plain data: the successor list, the finger table and closestPreceding(), the rule
// every hop follows.
#pragma once

#include "crypto/nodeid.h"
#include "net/message.h"

#include <QList>
#include <array>
#include <optional>

namespace ringshare::dht {

using net::NodeRef;

// The nodes that follow this one on the ring, nearest first (r of them at most). A node alone on the ring
// has an empty list and is its own successor.
class SuccessorList final {
public:
    SuccessorList(const NodeId& self, int capacity);

    [[nodiscard]] const QList<NodeRef>& entries() const { return m_entries; }
    [[nodiscard]] bool isEmpty() const { return m_entries.isEmpty(); }
    [[nodiscard]] const NodeRef& first() const { return m_entries.first(); }
    [[nodiscard]] int capacity() const { return m_capacity; }
    [[nodiscard]] bool contains(const NodeId& id) const;

    // Becomes `successor` followed by the successor's own list, less this node, duplicates and any entry
    // that does not lie further round the ring than the one before it (a stale or lying list).
    // Returns true if the list changed.
    bool rebuild(const NodeRef& successor, const QList<NodeRef>& theirs);
    // Puts a node that lies between this node and the current first successor in front.
    bool adoptCloser(const NodeRef& closer);
    bool remove(const NodeId& id);
    void clear() { m_entries.clear(); }

private:
    NodeId m_self;
    int m_capacity;
    QList<NodeRef> m_entries;
};

// Shortcuts: finger i is the first node at or after self + 2^i.
class FingerTable final {
public:
    static constexpr int kSize = NodeId::kBits;

    explicit FingerTable(const NodeId& self) : m_self(self) {}

    [[nodiscard]] NodeId start(int index) const { return m_self.plusPowerOfTwo(index); }
    [[nodiscard]] const std::optional<NodeRef>& at(int index) const { return m_fingers[size_t(index)]; }
    void set(int index, const NodeRef& node);
    // Forgets a node wherever it appears. Returns true if it appeared.
    bool removeNode(const NodeId& id);
    void clear();
    // Each node once, in finger order.
    [[nodiscard]] const QList<NodeRef>& distinct() const;
    // The index of the first finger whose start lies beyond `node`, i.e. the next one `node` cannot
    // also fill; kSize when none is left.
    [[nodiscard]] int firstIndexBeyond(int from, const NodeId& node) const;

private:
    NodeId m_self;
    std::array<std::optional<NodeRef>, kSize> m_fingers;
    // Routing reads the distinct fingers on every hop; they change far less often.
    mutable QList<NodeRef> m_distinct;
    mutable bool m_distinctValid = true;
};

// Of `candidates`, those strictly between `self` and `key`, closest to `key` first, at most `count`,
// each once. The heart of routing: every hop moves to one of these.
[[nodiscard]] QList<NodeRef> closestPreceding(const NodeId& self, const NodeId& key,
                                              const QList<NodeRef>& candidates, int count);

} // namespace ringshare::dht
