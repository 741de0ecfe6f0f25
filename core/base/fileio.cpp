// readFully()/writeFully(): pread()/pwrite() loops that finish short and interrupted transfers.
#include "base/fileio.h"

#include <cerrno>
#include <unistd.h>

namespace ringshare::fileio {

bool readFully(int fd, char* buffer, qint64 length, qint64 offset) {
    while (length > 0) {
        const ssize_t got = ::pread(fd, buffer, size_t(length), off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = 0;
            return false;
        }
        buffer += got;
        length -= got;
        offset += got;
    }
    return true;
}

bool writeFully(int fd, const char* data, qint64 length, qint64 offset) {
    while (length > 0) {
        const ssize_t put = ::pwrite(fd, data, size_t(length), off_t(offset));
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0) {
            if (put == 0)
                errno = 0;
            return false;
        }
        data += put;
        length -= put;
        offset += put;
    }
    return true;
}

} // namespace ringshare::fileio
