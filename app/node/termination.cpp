// The self-pipe that carries SIGINT and SIGTERM to the event loop.
#include "app/node/termination.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>
#include <unistd.h>

namespace ringshare::node {

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int number) {
    const char byte = char(number);
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

bool onTermination(std::function<void()> handler) {
    if (::pipe(signalPipe) != 0)
        return false;
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    auto* notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier,
                     [notifier, handler = std::move(handler)] {
                         char byte;
                         [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
                         notifier->setEnabled(false);
                         handler();
                     });
    return true;
}

} // namespace ringshare::node
