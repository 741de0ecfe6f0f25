// Building a SharedFileRow from the library's entry.
#include "session/sharedfilerow.h"

#include "share/library.h"

#include <QFileInfo>

namespace ringshare::session {

SharedFileRow SharedFileRow::of(const share::SharedFile& file, int keywordRecords) {
    SharedFileRow row;
    row.path = file.path;
    row.root = file.root;
    row.name = file.manifest ? file.manifest->name : QFileInfo(file.path).fileName();
    row.size = file.size;
    switch (file.state) {
    case share::SharedFile::State::Queued:
        row.state = State::Queued;
        break;
    case share::SharedFile::State::Hashing:
        row.state = State::Hashing;
        break;
    case share::SharedFile::State::Ready:
        row.state = State::Ready;
        break;
    case share::SharedFile::State::Failed:
        row.state = State::Failed;
        break;
    }
    row.hashedBytes = file.hashedBytes;
    row.error = file.error;
    if (file.state == share::SharedFile::State::Ready) {
        row.contentId = file.contentId;
        row.keywordRecords = keywordRecords;
    }
    return row;
}

} // namespace ringshare::session
