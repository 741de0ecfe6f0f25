// The application window: four views behind a sidebar, the message bar, status bar, menus and tray.
#pragma once

#include "share/link.h"
#include "ui/appsettings.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;
class QToolButton;

namespace ringshare::session {
class Session;
}

namespace ringshare::ui {

class RingPage;
class SearchPage;
class SharedPage;
class TransfersPage;

// The application window: four views (Shared, Search, Transfers, Ring) behind a sidebar, a message bar for
// what needs the user's attention, and a status bar with the ring, peers and rates. It shows what the
// session reports and asks the session to act; it never touches sockets or files itself.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    enum class View { Shared, Search, Transfers, Ring };

    MainWindow(session::Session& session, AppSettings settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setView(View view);
    [[nodiscard]] View view() const;
    // Shares dropped or chosen files and folders.
    void share(const QStringList& paths);
    void startDownload(const share::Link& link);
    // Shows a message in the window's message bar (and, for errors, keeps it until dismissed).
    void showMessage(const QString& text, bool isError);
    [[nodiscard]] QString messageText() const;
    void openSettings();
    void applySettings(const AppSettings& settings);
    [[nodiscard]] const AppSettings& settings() const { return m_settings; }
    // Leaves the ring properly, then quits the application.
    void quit();

    [[nodiscard]] SharedPage* sharedPage() const { return m_shared; }
    [[nodiscard]] SearchPage* searchPage() const { return m_search; }
    [[nodiscard]] TransfersPage* transfersPage() const { return m_transfers; }
    [[nodiscard]] RingPage* ringPage() const { return m_ring; }
    [[nodiscard]] QString connectionText() const;
    // The status bar's reachability line and its tooltip (why, and what to do).
    [[nodiscard]] QString reachabilityText() const;
    [[nodiscard]] QString reachabilityToolTip() const;
    [[nodiscard]] QString nodeIdText() const;

Q_SIGNALS:
    // A desktop notification was shown (or, without a tray, put in the message bar).
    void notified(const QString& title, const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void createStatusBar();
    void createTray();
    void updateStatus();
    void notify(const QString& title, const QString& text);
    void restoreWindowState();
    void saveWindowState() const;
    void showAbout();
    void openLinkDialog();
    void setPausedAll(bool paused);

    session::Session& m_session;
    AppSettings m_settings;
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_pages = nullptr;
    SharedPage* m_shared = nullptr;
    SearchPage* m_search = nullptr;
    TransfersPage* m_transfers = nullptr;
    RingPage* m_ring = nullptr;
    QWidget* m_messageBar = nullptr;
    QLabel* m_messageLabel = nullptr;
    QTimer* m_messageTimer = nullptr;
    QLabel* m_connectionLabel = nullptr;
    QLabel* m_reachabilityLabel = nullptr;
    QLabel* m_peersLabel = nullptr;
    QLabel* m_ratesLabel = nullptr;
    QLabel* m_nodeIdLabel = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_pauseAll = nullptr;
    bool m_quitting = false;
};

} // namespace ringshare::ui
