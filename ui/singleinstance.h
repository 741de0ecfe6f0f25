// One desktop app per user and data directory: a later launch hands its links to the first.
#pragma once

#include "share/link.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace ringshare::ui {

// One desktop app per user and data directory. The first launch listens on a local socket; a later launch
// with the same data directory hands its ringshare: links to it and exits, so the downloads start in the
// window that is already open instead of in a second node that would fight over the same port and files.
//
// Wire format, UTF-8: one link per line, then an empty line; the listener answers "ok\n". A message with no
// link only asks the window to come forward. Anything another local process sends is untrusted: lines and
// link counts are bounded, connections time out, and only lines that Link::parse() accepts go further.
class SingleInstance final : public QObject {
    Q_OBJECT

public:
    // A well-behaved sender never exceeds these; the command line refuses more links than that.
    static constexpr int kMaxLinks = 16;
    // Link::kMaxLength characters, each at most three bytes of UTF-8, plus the newline.
    static constexpr qsizetype kMaxLineBytes = share::Link::kMaxLength * 3 + 1;
    static constexpr int kTimeoutMs = 2000;

    explicit SingleInstance(QString serverName, QObject* parent = nullptr);
    ~SingleInstance() override;

    // "ringshare-" and a hash of the user and the absolute data directory: a second profile (another
    // --data-dir) is its own instance, and a name never shows which folder it stands for.
    [[nodiscard]] static QString serverNameFor(const QString& dataDir);

    // Hands `links` (empty: just "come forward") to the instance listening on `serverName`; true once it
    // acknowledged. False when none answers within `timeoutMs`. Blocks, so call it before the event loop
    // starts (or from another thread).
    [[nodiscard]] static bool sendToRunning(const QString& serverName, const QList<share::Link>& links,
                                            int timeoutMs = kTimeoutMs);

    // Becomes the listening instance, unless another one answers on the name (then false, see
    // errorString(), as when the socket cannot be made). A socket file that a crashed instance left behind
    // is removed first.
    [[nodiscard]] bool listen();
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] QString serverName() const { return m_name; }
    [[nodiscard]] QString errorString() const;

Q_SIGNALS:
    // A valid link from another launch, emitted after the sender got its acknowledgement.
    void linkReceived(const share::Link& link);
    // Another launch asked for the window (with or without links).
    void activationRequested();

private:
    struct Incoming;

    void acceptConnections();
    void readFrom(QLocalSocket* socket, Incoming& in);

    QString m_name;
    QLocalServer* m_server = nullptr;
    int m_clients = 0;
    bool m_otherIsRunning = false;
};

} // namespace ringshare::ui
