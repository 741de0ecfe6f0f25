// The Search table model: results as they stream in from the ring.
#pragma once

#include "share/search.h"

#include <QAbstractTableModel>
#include <QHash>

namespace ringshare::ui {

// The results of the current search, in the order they arrived; a proxy sorts them. Results that gain
// sources update in place.
class SearchModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Size, Sources, Match, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit SearchModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void clear();
    void update(const share::SearchResult& result);
    [[nodiscard]] const share::SearchResult& resultAt(int row) const { return m_rows.at(row); }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<share::SearchResult> m_rows;
    QHash<share::ContentId, int> m_rowOf;
};

} // namespace ringshare::ui
