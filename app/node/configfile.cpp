// Parsing and checking ringshare-node's settings file.
#include "app/node/configfile.h"

#include "net/hostport.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStringDecoder>
#include <algorithm>

namespace ringshare::node {

namespace {

Error lineError(int line, const QString& message) {
    return Error{QStringLiteral("line %1: %2").arg(line).arg(message)};
}

// A value as quoted in an error. Control characters are refused before any value is quoted, but U+2028 and
// U+2029 are not, and printed as they are they would split the one-line error.
QString quoted(const QString& value) {
    QString shown;
    shown.reserve(value.size() + 2);
    shown += u'\'';
    for (const QChar c : value) {
        const char16_t code = c.unicode();
        if (c.category() == QChar::Other_Control || code == 0x2028 || code == 0x2029)
            shown += QStringLiteral("\\u%1").arg(quint16(code), 4, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    shown += u'\'';
    return shown;
}

bool isNumberIn(const QString& text, qint64 low, qint64 high) {
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    return ok && number >= low && number <= high;
}

} // namespace

Result<QList<ConfigSetting>> parseConfig(QStringView text) {
    QList<ConfigSetting> settings;
    int lineNumber = 0;
    for (const QStringView rawLine : text.split(u'\n')) {
        ++lineNumber;
        const QStringView line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        // QHostAddress stops reading at a NUL, so "bind = 10.0.0.1<NUL>junk" would pass its check with the
        // junk kept; no setting has a use for control characters, so none gets past here (tab is whitespace).
        const auto control = std::find_if(line.begin(), line.end(), [](QChar c) {
            return c.category() == QChar::Other_Control && c != u'\t';
        });
        if (control != line.end())
            return lineError(
                lineNumber,
                QStringLiteral("control character U+%1 in the line")
                    .arg(QString::number(control->unicode(), 16).toUpper().rightJustified(4, u'0')));
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0)
            return lineError(lineNumber, QStringLiteral("expected 'key = value'"));
        const QString key = line.left(equals).trimmed().toString();
        const QString value = line.mid(equals + 1).trimmed().toString();
        const auto add = [&](const QString& option, const QString& optionValue) {
            settings.append({option, optionValue, false, lineNumber});
        };

        if (key == QLatin1String("port")) {
            if (!isNumberIn(value, 0, 65535))
                return lineError(lineNumber, QStringLiteral("port takes a number from 0 to 65535"));
            add(key, value);
        } else if (key == QLatin1String("bind")) {
            if (QHostAddress address; !address.setAddress(value) || address.isNull())
                return lineError(lineNumber,
                                 QStringLiteral("bind takes an IP address, not %1").arg(quoted(value)));
            add(key, value);
        } else if (key == QLatin1String("bootstrap")) {
            const QStringList nodes = value.split(u',');
            for (const QString& node : nodes) {
                // Only the form is checked here; names are resolved when the node uses them.
                if (const auto parsed = net::HostPort::parse(node.trimmed()); !parsed)
                    return lineError(lineNumber, QStringLiteral("bootstrap takes HOST:PORT, not %1: %2")
                                                     .arg(quoted(node.trimmed()), parsed.error()));
                add(key, node.trimmed());
            }
        } else if (key == QLatin1String("lan")) {
            if (value == QLatin1String("no"))
                settings.append({QStringLiteral("no-lan"), QString(), true, lineNumber});
            else if (value != QLatin1String("yes"))
                return lineError(lineNumber,
                                 QStringLiteral("lan takes yes or no, not %1").arg(quoted(value)));
        } else if (key == QLatin1String("port-mapping")) {
            if (value == QLatin1String("no"))
                settings.append({QStringLiteral("no-port-mapping"), QString(), true, lineNumber});
            else if (value != QLatin1String("yes"))
                return lineError(lineNumber,
                                 QStringLiteral("port-mapping takes yes or no, not %1").arg(quoted(value)));
        } else if (key == QLatin1String("share") || key == QLatin1String("download-dir")) {
            // A relative path would depend on the directory the node happens to be started from.
            if (value.isEmpty() || QDir::isRelativePath(value))
                return lineError(lineNumber, QStringLiteral("%1 takes an absolute path").arg(key));
            add(key, value);
        } else if (key == QLatin1String("upload-limit") || key == QLatin1String("download-limit")) {
            if (!isNumberIn(value, 0, 100'000'000))
                return lineError(lineNumber,
                                 QStringLiteral("%1 takes KiB/s, a number from 0 to 100000000").arg(key));
            add(key, value);
        } else {
            return lineError(lineNumber, QStringLiteral("unknown key %1").arg(quoted(key)));
        }
    }
    return settings;
}

Result<QList<ConfigSetting>> readConfigFile(const QString& path) {
    const QString name = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read config file %1: %2").arg(name, file.errorString())};
    // Read one byte past the limit rather than trust size(), which a pipe or /proc file does not know.
    const QByteArray bytes = file.read(kMaxConfigFileSize + 1);
    if (bytes.size() > kMaxConfigFileSize)
        return Error{
            QStringLiteral("config file %1 is larger than %2 KiB").arg(name).arg(kMaxConfigFileSize / 1024)};
    if (file.error() != QFileDevice::NoError)
        return Error{QStringLiteral("cannot read config file %1: %2").arg(name, file.errorString())};
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError() || text.contains(QChar(u'\0')))
        return Error{QStringLiteral("config file %1 is not UTF-8 text").arg(name)};
    auto settings = parseConfig(text);
    if (!settings)
        return Error{QStringLiteral("config file %1, %2").arg(name, settings.error())};
    return settings;
}

} // namespace ringshare::node
