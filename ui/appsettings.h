// The desktop app's settings as kept in QSettings, validated field by field on the way in.
#pragma once

#include "net/hostport.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class QSettings;

namespace ringshare::ui {

// What the user can set, as kept in QSettings. Values read back are validated like typed ones, so a
// hand-edited or damaged settings file falls back to defaults field by field instead of breaking startup.
struct AppSettings {
    Q_DECLARE_TR_FUNCTIONS(ringshare::ui::AppSettings)

public:
    quint16 port = 0;          // 0: the one drawn on the first start and kept
    QStringList bootstrap;     // "host:port" (a name or an address), one node each
    bool lan = true;           // find peers on the local network
    bool portMapping = true;   // ask the home router to forward the port (UPnP / NAT-PMP)
    QString downloadDir;       // empty: the user's Downloads folder
    qint64 uploadLimitKiB = 0; // KiB/s, 0 for none
    qint64 downloadLimitKiB = 0;
    QString language; // empty: the system's; otherwise "en" or "de"
    bool closeToTray = false;

    static constexpr qint64 kMaxLimitKiB = 10 * 1024 * 1024; // 10 GiB/s

    [[nodiscard]] static AppSettings load(QSettings& settings);
    // Writes every field and syncs the store (after removeAbandonedLock()).
    void save(QSettings& settings) const;
    // QSettings guards writes to its file with a lock file (<file>.lock) that holds the writer's process ID.
    // A process killed between creating that file and writing into it leaves it empty, and QLockFile, unable
    // to tell whose it is, makes every later write wait out its 30 s stale time: a frozen window on the
    // first save after such a crash. No live writer leaves it empty for long, so an empty one is removed
    // once it is a second old (waiting for that, if need be).
    static void removeAbandonedLock(const QSettings& settings);
    // One readable sentence per problem; empty when every field is acceptable.
    [[nodiscard]] QStringList problems() const;
    // The bootstrap lines as nodes; names stay names, looked up by the session when it uses them.
    [[nodiscard]] QList<net::HostPort> bootstrapNodes() const;
    [[nodiscard]] QString effectiveDownloadDir() const;
    // The languages the app is translated into, as codes for `language`.
    [[nodiscard]] static QStringList languages() { return {QStringLiteral("en"), QStringLiteral("de")}; }

    bool operator==(const AppSettings&) const = default;
};

} // namespace ringshare::ui
