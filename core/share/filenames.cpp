// sanitizeFileName(), uniqueFileName() and isInside(): names from the network made safe, kept unique
// within the length limit, and kept inside the download folder.
#include "share/filenames.h"

#include <QChar>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <array>

namespace ringshare::share {

namespace {

const QLatin1String kFallbackName("download");
constexpr qsizetype kMaxExtensionCodePoints = 16;
constexpr int kNumberedAttempts = 10000;
constexpr int kRandomAttempts = 100;

bool isReplaced(char32_t c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    switch (c) {
    case u'/':
    case u'\\':
    case u':':
    case u'<':
    case u'>':
    case u'"':
    case u'|':
    case u'?':
    case u'*':
    case 0x2028: // line separator
    case 0x2029: // paragraph separator
        return true;
    default:
        break;
    }
    const bool nonCharacter = (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
    return nonCharacter;
}

bool isRemoved(char32_t c) {
    // Named as well as found by category, so the worst of them go even if Qt's tables disagree.
    const bool listed = (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
                        (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
    return listed || QChar::category(c) == QChar::Other_Format;
}

QString replaceCharacters(QStringView text) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isSurrogate()) {
            if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
                const char32_t code = QChar::surrogateToUcs4(c, text[i + 1]);
                ++i;
                if (isReplaced(code))
                    out.append(u'_');
                else if (!isRemoved(code))
                    out.append(QChar::fromUcs4(code));
            } else {
                out.append(u'_'); // a lone surrogate cannot be written as UTF-8
            }
            continue;
        }
        if (isReplaced(c.unicode()))
            out.append(u'_');
        else if (!isRemoved(c.unicode()))
            out.append(c);
    }
    return out;
}

bool isTrimmed(QChar c) {
    return c == u'.' || c.isSpace();
}

QString trimmed(const QString& name) {
    qsizetype start = 0, end = name.size();
    while (start < end && isTrimmed(name.at(start)))
        ++start;
    while (end > start && isTrimmed(name.at(end - 1)))
        --end;
    return name.mid(start, end - start);
}

// Windows takes the part before the first dot, trailing spaces ignored, for a device: "con .txt" too.
bool isDeviceName(const QString& name) {
    static const std::array<QLatin1String, 6> kDevices = {
        QLatin1String("CON"), QLatin1String("PRN"),    QLatin1String("AUX"),
        QLatin1String("NUL"), QLatin1String("CONIN$"), QLatin1String("CONOUT$"),
    };
    QStringView stem = QStringView(name).left(name.indexOf(u'.'));
    while (stem.endsWith(u' '))
        stem.chop(1);
    for (const QLatin1String device : kDevices) {
        if (stem.compare(device, Qt::CaseInsensitive) == 0)
            return true;
    }
    if (stem.size() != 4)
        return false;
    const bool port = stem.startsWith(QLatin1String("COM"), Qt::CaseInsensitive) ||
                      stem.startsWith(QLatin1String("LPT"), Qt::CaseInsensitive);
    const char16_t digit = stem.at(3).unicode();
    const bool number = (digit >= u'0' && digit <= u'9') || digit == u'¹' || digit == u'²' || digit == u'³';
    return port && number;
}

bool hasReservedSuffix(const QString& name) {
    return name.endsWith(kPartialSuffix, Qt::CaseInsensitive);
}

// What toUtf8().size() would say, without building the bytes. A lone surrogate counts as the three bytes
// of the replacement character it would be written as.
qsizetype utf8Size(QStringView text) {
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u < 0x80) {
            bytes += 1;
        } else if (u < 0x800) {
            bytes += 2;
        } else if (QChar::isHighSurrogate(u) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            bytes += 4;
            ++i;
        } else {
            bytes += 3;
        }
    }
    return bytes;
}

// The longest prefix of `text` that fits `maxBytes` of UTF-8 and ends on a code point boundary.
QString leftBytes(QStringView text, qsizetype maxBytes) {
    qsizetype bytes = 0, i = 0;
    while (i < text.size()) {
        const qsizetype units =
            text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate() ? 2 : 1;
        const qsizetype size = utf8Size(text.mid(i, units));
        if (bytes + size > maxBytes)
            break;
        bytes += size;
        i += units;
    }
    return text.left(i).toString();
}

qsizetype codePoints(QStringView text) {
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text[i].isLowSurrogate() && i > 0 && text[i - 1].isHighSurrogate()))
            ++count;
    }
    return count;
}

// Where the extension's dot is, or -1: the last dot, unless it leads the name or what follows it is too
// long to be an extension (then it is part of a sentence, and cutting it is fine).
qsizetype extensionDot(const QString& name) {
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || codePoints(QStringView(name).mid(dot + 1)) > kMaxExtensionCodePoints)
        return -1;
    return dot;
}

QString shortened(const QString& name) {
    const qsizetype dot = extensionDot(name);
    if (dot >= 0) {
        const QStringView extension = QStringView(name).mid(dot);
        return leftBytes(QStringView(name).left(dot), kMaxFileNameBytes - utf8Size(extension)) +
               extension.toString();
    }
    return leftBytes(name, kMaxFileNameBytes);
}

bool entryExists(const QString& path) {
    const QFileInfo info(path);
    return info.exists() || info.isSymLink(); // exists() follows links, so a dangling one looks absent
}

} // namespace

QString sanitizeFileName(QStringView fromNetwork) {
    QString name = replaceCharacters(fromNetwork);
    // Each rule can undo another once (shortening can leave a trailing dot, or end the name in ".part"),
    // so go round until nothing changes; the prefixes and suffix below never re-trigger themselves, so
    // this ends within a few rounds.
    for (;;) {
        name = trimmed(name);
        if (name.isEmpty())
            name = kFallbackName;
        if (isDeviceName(name))
            name.prepend(u'_');
        if (name.startsWith(u'-') || name.startsWith(u'~'))
            name.prepend(u'_');
        if (hasReservedSuffix(name))
            name.append(u'_');
        if (utf8Size(name) <= kMaxFileNameBytes)
            return name;
        name = shortened(name);
    }
}

QString uniqueFileName(const QString& directory, const QString& safeName) {
    const QDir dir(directory);
    const auto taken = [&](const QString& name) {
        return entryExists(dir.filePath(name)) || entryExists(dir.filePath(name + kPartialSuffix));
    };
    if (!taken(safeName))
        return safeName;

    const qsizetype dot = extensionDot(safeName);
    const QString stem = dot >= 0 ? safeName.left(dot) : safeName;
    const QString extension = dot >= 0 ? safeName.mid(dot) : QString();
    const auto candidate = [&](const QString& tag) {
        const QString tail = QStringLiteral(" (") + tag + QStringLiteral(")") + extension;
        return leftBytes(stem, kMaxFileNameBytes - utf8Size(tail)) + tail;
    };
    for (int number = 1; number <= kNumberedAttempts; ++number) {
        const QString name = candidate(QString::number(number));
        if (!taken(name))
            return name;
    }
    // Someone filled every number. Which random name we pick does not matter to any replayable
    // computation, so this is the one place that uses Qt's generator rather than an injected one.
    QString name;
    for (int attempt = 0; attempt < kRandomAttempts; ++attempt) {
        name = candidate(QString::number(QRandomGenerator::global()->generate64(), 16));
        if (!taken(name))
            break;
    }
    return name;
}

bool isInside(const QString& directory, const QString& path) {
    if (directory.isEmpty() || path.isEmpty())
        return false;
    const QDir dir(directory);
    const QString root = QDir::cleanPath(dir.absolutePath());
    const QString target = QDir::cleanPath(dir.absoluteFilePath(path));
    const QString prefix = root.endsWith(u'/') ? root : root + u'/';
    return target.size() > prefix.size() && target.startsWith(prefix);
}

} // namespace ringshare::share
