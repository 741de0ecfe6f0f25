// The Search view: the search field and its results; a pasted ringshare: link downloads at once.
#pragma once

#include "share/link.h"
#include "share/search.h"

#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace ringshare::session {
class Session;
}

namespace ringshare::ui {

class SearchModel;

// The Search view: a search field whose results stream in as the ring answers. A ringshare: link typed
// or pasted into the field downloads at once.
class SearchPage final : public QWidget {
    Q_OBJECT

public:
    explicit SearchPage(session::Session& session, QWidget* parent = nullptr);
    ~SearchPage() override;

    void focusSearchField();
    // Runs the query, or downloads when the text is a ringshare: link.
    void submit(const QString& text);
    void downloadSelected();

    [[nodiscard]] QLineEdit* searchField() const { return m_field; }
    [[nodiscard]] QTreeView* view() const { return m_view; }
    [[nodiscard]] SearchModel& model() const { return *m_model; }
    [[nodiscard]] bool isSearching() const { return m_search != nullptr; }

Q_SIGNALS:
    void downloadRequested(const ringshare::share::Link& link);
    // The DHT key of the query's first word, so the ring view can show how it is found.
    void searchStarted(const ringshare::NodeId& key);
    void message(const QString& text, bool isError);

private:
    void finish(bool complete);
    void updateActions();

    session::Session& m_session;
    std::unique_ptr<share::Search> m_search;
    QString m_query;
    SearchModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_field = nullptr;
    QPushButton* m_searchButton = nullptr;
    QPushButton* m_downloadButton = nullptr;
    QLabel* m_status = nullptr;
    QTreeView* m_view = nullptr;
};

} // namespace ringshare::ui
