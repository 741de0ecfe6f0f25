// Starting the app's session, falling back to a free port when the chosen one is taken.
#pragma once

#include "base/result.h"
#include "session/session.h"

#include <memory>

namespace ringshare::ui {

struct StartedSession {
    std::unique_ptr<session::Session> session;
    // For the user when the session had to settle for less than asked (another port); empty otherwise.
    QString notice;
};

// Starts a session as the app does: when the chosen port cannot be had (another program holds it), the
// session runs on the port it keeps for that case instead and `notice` says so in words a person can act on. Anything else
// that stops the session from starting is returned as the error.
[[nodiscard]] Result<StartedSession> startSession(session::SessionOptions options, Clock& clock,
                                                  Random& random);

} // namespace ringshare::ui
