// The words for errno values: Ringshare's translation of the common ones, else the C library's.
#include "base/systemerror.h"

#include <QCoreApplication>
#include <cerrno>
#include <cstring>

namespace ringshare {

namespace {

// The C library's English for the failures a user meets when sharing and downloading; translated at use.
const char* sentenceFor(int error) {
    switch (error) {
    case ENOENT:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "No such file or directory");
    case EACCES:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Permission denied");
    case EPERM:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Operation not permitted");
    case ENOSPC:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "No space left on device");
    case EDQUOT:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Disk quota exceeded");
    case EROFS:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Read-only file system");
    case EISDIR:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Is a directory");
    case ENOTDIR:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Not a directory");
    case EEXIST:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "File exists");
    case EIO:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Input/output error");
    case ENAMETOOLONG:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "File name too long");
    case EFBIG:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "File too large");
    case EMFILE:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Too many open files");
    case ELOOP:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Too many levels of symbolic links");
    case EBUSY:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Device or resource busy");
    case EXDEV:
        return QT_TRANSLATE_NOOP("ringshare::base::SystemError", "Invalid cross-device link");
    default:
        return nullptr;
    }
}

} // namespace

QString systemErrorText(int error) {
    const QString fromLibrary = QString::fromLocal8Bit(std::strerror(error));
    const char* sentence = sentenceFor(error);
    if (!sentence)
        return fromLibrary;
    const QString translated = QCoreApplication::translate("ringshare::base::SystemError", sentence);
    // No translation installed (or English): keep what strerror() said, in whatever locale the process has.
    return translated == QLatin1String(sentence) ? fromLibrary : translated;
}

} // namespace ringshare
