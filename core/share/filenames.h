// Safe file names for names that came from the network, and the ".part" name of a partial download.
#pragma once

#include <QLatin1String>
#include <QString>
#include <QStringView>

// File names that came from the network are hostile: they may try to climb out of the download folder,
// hide their real extension, pose as a device or a command-line option, or simply not fit. These
// functions turn them into a name that is safe to create in a folder the user chose.
namespace ringshare::share {

// What a partly downloaded file is called until it is complete: "<name>.part".
inline constexpr QLatin1String kPartialSuffix(".part");
// Most file systems allow 255 bytes per name; ours leave room for kPartialSuffix so that the partial file
// of any name we produce fits as well.
inline constexpr qsizetype kMaxFileNameBytes = 255 - kPartialSuffix.size();

// Always a non-empty single path component of at most kMaxFileNameBytes bytes of UTF-8:
// - path separators, ':', control characters (C0, DEL, C1, line and paragraph separators), lone
//   surrogates, noncharacters and the characters Windows forbids (<>"|?*, since the file may be copied to
//   a FAT or NTFS drive later) become '_';
// - invisible format characters are removed (zero-width ones, bidi controls that could make
//   "evil\u202Etxt.exe" read as "evilexe.txt", the byte order mark, every other Cf character);
// - leading and trailing spaces and dots go, so no name is ".", ".." or hidden; an empty result is
//   "download";
// - Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with any extension) and names starting with
//   '-' or '~' (an option, a home directory to a shell) get a leading '_';
// - a name ending in kPartialSuffix gets a trailing '_', so it can never be taken for a partial file;
// - a name too long is cut at a code point boundary, keeping an extension of up to 16 characters.
// Applying it twice changes nothing.
[[nodiscard]] QString sanitizeFileName(QStringView fromNetwork);

// `safeName` (from sanitizeFileName()) if nothing in `directory` has that name, otherwise the first free
// "stem (1).ext", "stem (2).ext", …; the extension is what follows the last dot if that is at most 16
// characters, none for a name whose only dot leads. The result is at most kMaxFileNameBytes long too.
// Anything counts as taken: files, folders, symbolic links even when dangling, and names whose partial file
// "<name>.part" exists. After 10000 numbers a random one is used. This only picks a name: another process can
// take it before we do, so create the file with QIODevice::NewOnly.
[[nodiscard]] QString uniqueFileName(const QString& directory, const QString& safeName);

// True when `path`, made absolute (relative to `directory`) and cleaned of "." and "..", lies strictly
// inside `directory`, compared by whole components: "/a/bc" is not inside "/a/b", and "/a/b" itself is not
// inside it. Lexical only: symbolic links are not resolved.
[[nodiscard]] bool isInside(const QString& directory, const QString& path);

} // namespace ringshare::share
