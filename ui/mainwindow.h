#pragma once

#include <QMainWindow>

class QLabel;

namespace ringshare::ui {

// The application window. It shows what core reports and never touches sockets or files itself.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    // `nodeIdHex` is this node's 40-digit ring position.
    explicit MainWindow(const QString& nodeIdHex, QWidget* parent = nullptr);

    [[nodiscard]] QString nodeIdText() const;

private:
    void createMenus();
    void createStatusBar(const QString& nodeIdHex);
    void showAbout();

    QLabel* m_connectionLabel = nullptr;
    QLabel* m_nodeIdLabel = nullptr;
};

} // namespace ringshare::ui
