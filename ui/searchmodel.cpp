// The Search table model: merging results in place, and what each column shows.
#include "ui/searchmodel.h"

#include "ui/format.h"

namespace ringshare::ui {

void SearchModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    endResetModel();
}

void SearchModel::update(const share::SearchResult& result) {
    if (const auto row = m_rowOf.constFind(result.id); row != m_rowOf.cend()) {
        m_rows[*row] = result;
        Q_EMIT dataChanged(index(*row, 0), index(*row, ColumnCount - 1));
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows << result;
    m_rowOf.insert(result.id, row);
    endInsertRows();
}

int SearchModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SearchModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const share::SearchResult& result = m_rows[index.row()];
    switch (role) {
    case SortRole:
        switch (index.column()) {
        case Name:
            return result.name.toCaseFolded();
        case Size:
            return result.size;
        case Sources:
            return result.sources;
        case Match:
            return result.score;
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return result.name;
        case Size:
            return formatSize(result.size);
        case Sources:
            return result.sources;
        case Match:
            return tr("%1%").arg(qRound(result.score * 100));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return tr("%1\nContent ID %2").arg(result.name, result.id.toHex());
    case Qt::TextAlignmentRole:
        return index.column() == Name ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant SearchModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Size:
        return tr("Size");
    case Sources:
        return tr("Sources");
    case Match:
        return tr("Match");
    default:
        return {};
    }
}

} // namespace ringshare::ui
