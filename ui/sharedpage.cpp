// The Shared view: the table of shared files, its buttons, and sharing by dialog or drop.
#include "ui/sharedpage.h"

#include "session/session.h"
#include "share/link.h"
#include "ui/format.h"
#include "ui/progressdelegate.h"
#include "ui/sharedmodel.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace ringshare::ui {

SharedPage::SharedPage(session::Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    m_model = new SharedModel(session, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SharedModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    auto* buttons = new QHBoxLayout;
    auto* addFiles =
        new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("Add &files…"), this);
    auto* addFolder =
        new QPushButton(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Add f&older…"), this);
    m_remove = new QPushButton(QIcon::fromTheme(QStringLiteral("list-remove")), tr("&Stop sharing"), this);
    m_openFolder = new QPushButton(tr("Open &containing folder"), this);
    m_copyLink = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy &link"), this);
    addFiles->setToolTip(tr("Share one or more files (Ctrl+O)"));
    addFolder->setToolTip(tr("Share a folder and everything in it (Ctrl+Shift+O)"));
    m_copyLink->setToolTip(tr("Copy a ringshare: link that lets anyone download this file"));
    for (QPushButton* button : {addFiles, addFolder, m_remove, m_openFolder, m_copyLink})
        buttons->addWidget(button);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_stack = new QStackedLayout;
    auto* empty = new QLabel(
        tr("Drop files or folders anywhere on this window, or use Add files…, to share them with everyone "
           "on the ring."),
        this);
    empty->setObjectName(QStringLiteral("sharedEmptyState"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setMargin(40);
    QFont hintFont = empty->font();
    hintFont.setPointSizeF(hintFont.pointSizeF() * 1.2);
    empty->setFont(hintFont);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(empty);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("sharedView"));
    m_view->setAccessibleName(tr("Shared files"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SharedModel::Name, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setItemDelegateForColumn(SharedModel::State,
                                     new ProgressDelegate(SharedModel::ProgressRole, m_view));
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(SharedModel::Name, 300);
    m_view->header()->resizeSection(SharedModel::State, 160);
    m_view->header()->setSectionResizeMode(SharedModel::Records, QHeaderView::ResizeToContents);
    m_stack->addWidget(m_view);
    layout->addLayout(m_stack, 1);

    m_summary = new QLabel(this);
    layout->addWidget(m_summary);

    connect(addFiles, &QPushButton::clicked, this, &SharedPage::addFiles);
    connect(addFolder, &QPushButton::clicked, this, &SharedPage::addFolder);
    connect(m_remove, &QPushButton::clicked, this, &SharedPage::removeSelected);
    connect(m_openFolder, &QPushButton::clicked, this, &SharedPage::openFolder);
    connect(m_copyLink, &QPushButton::clicked, this, &SharedPage::copyLink);
    connect(m_view, &QTreeView::doubleClicked, this, &SharedPage::openFolder);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SharedPage::updateActions);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &SharedPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SharedPage::updateActions);
    // Keyword records are confirmed by the ring over time; the counts follow once a second.
    auto* refresh = new QTimer(this);
    connect(refresh, &QTimer::timeout, m_model, &SharedModel::refresh);
    refresh->start(1000);
    updateActions();
}

void SharedPage::share(const QStringList& paths) {
    int added = 0;
    for (const QString& path : paths) {
        if (auto result = m_session.share(path); !result)
            Q_EMIT message(tr("Cannot share %1: %2").arg(QDir::toNativeSeparators(path), result.error()),
                           true);
        else
            ++added;
    }
    m_model->refresh();
    if (added > 0)
        Q_EMIT message(tr("Sharing %n item(s); they are hashed in the background.", nullptr, added), false);
}

void SharedPage::addFiles() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Share files"), QStandardPaths::writableLocation(QStandardPaths::HomeLocation));
    if (!files.isEmpty())
        share(files);
}

void SharedPage::addFolder() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Share a folder"), QStandardPaths::writableLocation(QStandardPaths::HomeLocation));
    if (!folder.isEmpty())
        share({folder});
}

QList<int> SharedPage::selectedRows() const {
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(index).row();
    return rows;
}

void SharedPage::updateActions() {
    const QList<int> rows = selectedRows();
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
    bool oneReady =
        rows.size() == 1 && m_model->fileAt(rows.first()).state == session::SharedFileRow::State::Ready;
    m_remove->setEnabled(!rows.isEmpty());
    m_openFolder->setEnabled(rows.size() == 1);
    m_copyLink->setEnabled(oneReady);
    qint64 bytes = 0;
    int ready = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const session::SharedFileRow& file = m_model->fileAt(row);
        bytes += file.size;
        ready += file.state == session::SharedFileRow::State::Ready ? 1 : 0;
    }
    m_summary->setText(
        m_model->rowCount() == 0
            ? QString()
            : tr("%n file(s), %1, %2 ready", nullptr, m_model->rowCount()).arg(formatSize(bytes)).arg(ready));
}

void SharedPage::removeSelected() {
    QStringList roots;
    for (int row : selectedRows()) {
        const QString root = m_model->fileAt(row).root;
        if (!roots.contains(root))
            roots << root;
    }
    // A file inside a shared folder can only go with its folder; say so before removing more than asked.
    QStringList folders;
    for (const QString& root : std::as_const(roots))
        if (QFileInfo(root).isDir())
            folders << QDir::toNativeSeparators(root);
    if (!folders.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Stop sharing folders"),
            tr("The selected files are shared as part of these folders:\n\n%1\n\nStop sharing the whole "
               "folders? Nothing is deleted from your disk.")
                .arg(folders.join(QLatin1Char('\n'))));
        if (answer != QMessageBox::Yes)
            return;
    }
    for (const QString& root : std::as_const(roots))
        m_session.unshare(root);
    m_model->refresh();
    Q_EMIT message(
        tr("Stopped sharing %n item(s). Nothing was deleted from your disk.", nullptr, int(roots.size())),
        false);
}

void SharedPage::openFolder() {
    const QList<int> rows = selectedRows();
    if (rows.size() != 1)
        return;
    const QString folder = QFileInfo(m_model->fileAt(rows.first()).path).path();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        Q_EMIT message(tr("No program is set up to open folders (%1).").arg(QDir::toNativeSeparators(folder)),
                       true);
}

void SharedPage::copyLink() {
    const QList<int> rows = selectedRows();
    if (rows.size() != 1)
        return;
    const session::SharedFileRow& file = m_model->fileAt(rows.first());
    if (file.state != session::SharedFileRow::State::Ready)
        return;
    share::Link link;
    link.id = file.contentId;
    link.name = QFileInfo(file.path).fileName();
    link.size = file.size;
    // Where others can reach this node, so a friend not yet on the ring joins through it.
    for (const net::Endpoint& contact : m_session.contactEndpoints())
        link.contacts << contact;
    QGuiApplication::clipboard()->setText(link.toString());
    Q_EMIT message(tr("Link to %1 copied.").arg(link.name), false);
}

} // namespace ringshare::ui
