// The Ring view page: the live diagram beside this node's place on the ring in words.
#pragma once

#include "crypto/nodeid.h"

#include <QTimer>
#include <QWidget>
#include <memory>

class QLabel;

namespace ringshare::session {
class RingWatcher;
class Session;
} // namespace ringshare::session

namespace ringshare::ui {

class RingView;

// The Ring view: the live diagram and, beside it, this node's place in words.
class RingPage final : public QWidget {
    Q_OBJECT

public:
    explicit RingPage(session::Session& session, QWidget* parent = nullptr);
    ~RingPage() override;

    // Looks `key` up and draws the route on the ring, one hop at a time.
    void showLookup(const NodeId& key);

    [[nodiscard]] RingView* view() const { return m_view; }
    [[nodiscard]] session::RingWatcher* observer() const { return m_observer.get(); }

private:
    void updateDetails();
    void revealNextHop();

    session::Session& m_session;
    std::unique_ptr<session::RingWatcher> m_observer;
    RingView* m_view = nullptr;
    QLabel* m_details = nullptr;
    QList<NodeId> m_path;
    int m_revealed = 0;
    QTimer m_hopTimer;
};

} // namespace ringshare::ui
