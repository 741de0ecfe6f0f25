// Positional file reads and writes that do every byte (pread/pwrite loops), safe across threads.
#pragma once

#include <QtGlobal>

namespace ringshare::fileio {

// pread() and pwrite() until every byte is done, across short transfers and interrupted calls. Safe to
// call from several threads on one descriptor. On failure errno tells why; 0 means the file ended early.
[[nodiscard]] bool readFully(int fd, char* buffer, qint64 length, qint64 offset);
[[nodiscard]] bool writeFully(int fd, const char* data, qint64 length, qint64 offset);

} // namespace ringshare::fileio
