// A table cell drawn as a progress bar, for the Shared and Transfers views.
#pragma once

#include <QStyledItemDelegate>

namespace ringshare::ui {

// Draws a progress bar in a cell whose model gives a percentage (0–100) under `progressRole`; cells with
// a negative value are drawn as plain text.
class ProgressDelegate final : public QStyledItemDelegate {
public:
    ProgressDelegate(int progressRole, QObject* parent) : QStyledItemDelegate(parent), m_role(progressRole) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    int m_role;
};

} // namespace ringshare::ui
