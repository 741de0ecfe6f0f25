// systemErrorText(): the words for an errno value, in the user's language where Ringshare has them.
#pragma once

#include <QString>

namespace ringshare {

// What went wrong in a system call, for a sentence a user reads ("Cannot read x: <this>"). The common
// file-system failures come from Ringshare's catalogue; without a translation of them (as in ringshare-node
// or an English window) the text is the C library's own, exactly as strerror() gives it.
[[nodiscard]] QString systemErrorText(int error);

} // namespace ringshare
