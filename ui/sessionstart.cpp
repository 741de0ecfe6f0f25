// Starting the app's session and phrasing the port fallback for the user.
#include "ui/sessionstart.h"

#include <QCoreApplication>

namespace ringshare::ui {

namespace {

struct SessionStart {
    Q_DECLARE_TR_FUNCTIONS(ringshare::ui::SessionStart)
};

} // namespace

Result<StartedSession> startSession(session::SessionOptions options, Clock& clock, Random& random) {
    auto session = std::make_unique<session::Session>(options, clock, random);
    auto started = session->start();
    if (started)
        return StartedSession{std::move(session), QString()};
    if (options.port == 0)
        return Error{started.error()};
    const quint16 wanted = options.port;
    const QString reason = started.error();
    session.reset();
    options.port = 0;
    session = std::make_unique<session::Session>(options, clock, random);
    if (auto fallback = session->start(); !fallback)
        return Error{fallback.error()};
    const QString notice =
        SessionStart::tr("Port %1 cannot be used (%2), so Ringshare listens on port %3 for now. "
                         "Choose another port in Settings, or close the program that holds it.")
            .arg(wanted)
            .arg(reason)
            .arg(session->port());
    return StartedSession{std::move(session), notice};
}

} // namespace ringshare::ui
