// One shared file as the views and the node program see it: a plain value the session builds from the
// library's entry and the publisher's count, so no caller needs the library itself.
#pragma once

#include "share/contentid.h"

#include <QString>

namespace ringshare::share {
struct SharedFile;
}

namespace ringshare::session {

struct SharedFileRow {
    enum class State { Queued, Hashing, Ready, Failed };

    QString path; // absolute
    QString root; // the shared file or folder it belongs to (what unshare() takes)
    QString name; // the manifest's name once Ready, else the file name
    qint64 size = 0;
    State state = State::Queued;
    qint64 hashedBytes = 0;     // while Hashing
    QString error;              // when Failed
    share::ContentId contentId; // when Ready
    int keywordRecords = 0;     // keyword records published for it (0 when not published)

    // The row for a library entry; `keywordRecords` is the publisher's count for its content.
    [[nodiscard]] static SharedFileRow of(const share::SharedFile& file, int keywordRecords);
};

} // namespace ringshare::session
