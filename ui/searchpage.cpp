// The Search view: running searches through the session, and downloading the chosen results.
#include "ui/searchpage.h"

#include "session/session.h"
#include "share/indexrecords.h"
#include "share/keywords.h"
#include "ui/searchmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace ringshare::ui {

SearchPage::SearchPage(session::Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    m_model = new SearchModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SearchModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setPlaceholderText(tr("Search by name, or paste a ringshare: link"));
    m_field->setAccessibleName(tr("Search"));
    m_field->setClearButtonEnabled(true);
    m_searchButton = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Search"), this);
    m_searchButton->setDefault(true);
    row->addWidget(m_field, 1);
    row->addWidget(m_searchButton);
    layout->addLayout(row);

    m_status = new QLabel(tr("Type words from a file's name. Every word must appear in it."), this);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("searchResults"));
    m_view->setAccessibleName(tr("Search results"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SearchModel::Match, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->header()->resizeSection(SearchModel::Name, 380);
    layout->addWidget(m_view, 1);

    auto* actions = new QHBoxLayout;
    m_downloadButton = new QPushButton(QIcon::fromTheme(QStringLiteral("download")), tr("&Download"), this);
    m_downloadButton->setToolTip(tr("Download the selected files (Enter)"));
    actions->addStretch();
    actions->addWidget(m_downloadButton);
    layout->addLayout(actions);

    connect(m_field, &QLineEdit::returnPressed, this, [this] { submit(m_field->text()); });
    connect(m_searchButton, &QPushButton::clicked, this, [this] { submit(m_field->text()); });
    // A pasted link needs no Enter.
    connect(m_field, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (text.trimmed().startsWith(QLatin1String("ringshare:"), Qt::CaseInsensitive) &&
            share::Link::parse(text).ok())
            submit(text);
    });
    connect(m_downloadButton, &QPushButton::clicked, this, &SearchPage::downloadSelected);
    connect(m_view, &QTreeView::activated, this, &SearchPage::downloadSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SearchPage::updateActions);
    updateActions();
}

SearchPage::~SearchPage() = default;

void SearchPage::focusSearchField() {
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPage::submit(const QString& text) {
    const QString query = text.trimmed();
    if (query.startsWith(QLatin1String("ringshare:"), Qt::CaseInsensitive)) {
        auto link = share::Link::parse(query);
        if (!link) {
            m_status->setText(tr("This is not a valid ringshare: link: %1").arg(link.error()));
            return;
        }
        m_field->clear();
        m_status->setText(
            tr("Downloading %1 from the link.").arg(link->name.isEmpty() ? link->id.shortHex() : link->name));
        Q_EMIT downloadRequested(link.value());
        return;
    }
    const QStringList words = share::queryWords(query);
    if (words.isEmpty()) {
        m_status->setText(query.isEmpty() ? tr("Type words from a file's name.")
                                          : tr("\"%1\" has no word to search for; words of one letter and "
                                               "very common words are left out.")
                                                .arg(query));
        return;
    }
    m_model->clear();
    m_query = query;
    m_search = m_session.search(query);
    connect(m_search.get(), &share::Search::resultUpdated, m_model, &SearchModel::update);
    connect(m_search.get(), &share::Search::resultUpdated, this, [this] {
        m_status->setText(
            tr("Searching for \"%1\"… %n result(s) so far", nullptr, m_model->rowCount()).arg(m_query));
    });
    connect(m_search.get(), &share::Search::finished, this, &SearchPage::finish);
    m_status->setText(tr("Searching for \"%1\"…").arg(query));
    m_searchButton->setEnabled(false);
    Q_EMIT searchStarted(share::keywordKey(words.first()));
    m_search->start();
}

void SearchPage::finish(bool complete) {
    // The search is done; it is deleted on the next turn, not inside its own signal.
    m_search.release()->deleteLater();
    m_searchButton->setEnabled(true);
    const int count = m_model->rowCount();
    QString text = count == 0 ? tr("No shared file matches \"%1\".").arg(m_query)
                              : tr("%n file(s) match \"%1\".", nullptr, count).arg(m_query);
    if (!complete)
        text += QLatin1Char(' ') + tr("Part of the ring did not answer in time, so there may be more.");
    m_status->setText(text);
    if (count > 0 && !m_view->selectionModel()->hasSelection())
        m_view->setCurrentIndex(m_proxy->index(0, 0));
}

void SearchPage::downloadSelected() {
    QList<QModelIndex> rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex();
    for (const QModelIndex& index : std::as_const(rows)) {
        const share::SearchResult& result = m_model->resultAt(m_proxy->mapToSource(index).row());
        share::Link link;
        link.id = result.id;
        link.name = result.name;
        link.size = result.size;
        Q_EMIT downloadRequested(link);
    }
}

void SearchPage::updateActions() {
    m_downloadButton->setEnabled(m_view->selectionModel()->hasSelection());
}

} // namespace ringshare::ui
