// The Settings dialog: ports, bootstrap nodes, folders, limits, language, shares.
#pragma once

#include "ui/appsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace ringshare::ui {

// Edits AppSettings. Problems are listed as they are typed and OK stays disabled until there are none.
class SettingsDialog final : public QDialog {
    Q_OBJECT

public:
    // `shares`: the files and folders shared now (the library's roots), edited here too.
    explicit SettingsDialog(const AppSettings& settings, const QStringList& shares = {},
                            QWidget* parent = nullptr);

    [[nodiscard]] AppSettings settings() const;
    [[nodiscard]] QStringList shares() const;
    [[nodiscard]] QStringList problems() const { return settings().problems(); }

    // The fields, for tests and for people who want to script the dialog.
    QSpinBox* portField() const { return m_port; }
    QPlainTextEdit* bootstrapField() const { return m_bootstrap; }
    QLineEdit* downloadDirField() const { return m_downloadDir; }
    QDialogButtonBox* buttons() const { return m_buttons; }

private:
    void validate();

    QSpinBox* m_port = nullptr;
    QPlainTextEdit* m_bootstrap = nullptr;
    QCheckBox* m_lan = nullptr;
    QCheckBox* m_portMapping = nullptr;
    QLineEdit* m_downloadDir = nullptr;
    QListWidget* m_shares = nullptr;
    QSpinBox* m_uploadLimit = nullptr;
    QSpinBox* m_downloadLimit = nullptr;
    QComboBox* m_language = nullptr;
    QCheckBox* m_closeToTray = nullptr;
    QLabel* m_problems = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace ringshare::ui
