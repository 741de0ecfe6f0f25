// Inbox: hands functions from worker threads to the event loop of the thread it lives in.
#pragma once

#include <QObject>
#include <functional>
#include <mutex>
#include <vector>

namespace ringshare {

// Hands functions from any thread to the event loop of the thread the inbox lives in, where they run in the
// order they were posted. The functions pass through a std::mutex, and the wake-up is a queued call by name
// that carries nothing, so ThreadSanitizer sees the whole hand-over (a queued lambda would be built on one
// thread and read on the other behind Qt's uninstrumented lock). Functions still waiting when the inbox is
// destroyed never run.
class Inbox final : public QObject {
    Q_OBJECT

public:
    explicit Inbox(QObject* parent = nullptr) : QObject(parent) {}

    void post(std::function<void()> function);

private:
    Q_INVOKABLE void drain();

    std::mutex m_lock;
    std::vector<std::function<void()>> m_waiting;
};

} // namespace ringshare
