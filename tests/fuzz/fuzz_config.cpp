// Fuzz target for parseConfig(), which reads ringshare-node's --config file: text an operator writes, or
// whatever sits at the path a unit file names. Each input is read both as UTF-8 and as Latin-1, so that
// malformed UTF-8 (replaced on decoding) and every single byte value get through.
//
// A rejection is one line that names a line of the file, since the node prints it as its whole complaint.
// What is accepted holds only known options with values that pass their own checks, and written back out as
// a file it reads back the same.

#include "app/node/configfile.h"

#include <QDir>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using ringshare::node::ConfigSetting;
using ringshare::node::parseConfig;

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_config: %s\n", what);
        std::abort();
    }
}

bool breaksLine(QChar c) {
    return c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f' || c == QChar(0x85) || c == QChar(0x2028) ||
           c == QChar(0x2029);
}

bool isNumberIn(const QString& text, qint64 low, qint64 high) {
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    return ok && number >= low && number <= high;
}

void checkSetting(const ConfigSetting& setting, int lineCount) {
    require(setting.line >= 1 && setting.line <= lineCount, "a setting from a line the file does not have");
    require(setting.value == setting.value.trimmed(), "a value with whitespace around it");
    require(std::none_of(setting.value.begin(), setting.value.end(),
                         [](QChar c) { return c.category() == QChar::Other_Control && c != u'\t'; }),
            "a value with a control character accepted");
    const QString& option = setting.option;
    if (option == QLatin1String("no-lan") || option == QLatin1String("no-port-mapping")) {
        require(setting.isFlag && setting.value.isEmpty(), "a yes/no key is not a bare flag");
        return;
    }
    require(!setting.isFlag && !setting.value.isEmpty(), "an option without a value");
    if (option == QLatin1String("port")) {
        require(isNumberIn(setting.value, 0, 65535), "a port out of range accepted");
    } else if (option == QLatin1String("upload-limit") || option == QLatin1String("download-limit")) {
        require(isNumberIn(setting.value, 0, 100'000'000), "a limit out of range accepted");
    } else if (option == QLatin1String("bind")) {
        require(!QHostAddress(setting.value).isNull(), "a bind address that is not an address accepted");
    } else if (option == QLatin1String("bootstrap")) {
        const qsizetype colon = setting.value.lastIndexOf(u':');
        require(colon > 0 && isNumberIn(setting.value.mid(colon + 1), 1, 65535),
                "a bootstrap without a port");
        require(!setting.value.contains(u','), "a bootstrap list not split");
    } else if (option == QLatin1String("share") || option == QLatin1String("download-dir")) {
        require(!QDir::isRelativePath(setting.value), "a relative path accepted");
    } else {
        require(false, "an unknown option accepted");
    }
}

// The settings written back as a file, one per line.
QString fileOf(const QList<ConfigSetting>& settings) {
    QString text;
    for (const ConfigSetting& setting : settings) {
        if (setting.isFlag)
            text += setting.option.mid(3) + QStringLiteral(" = no\n"); // "no-lan" was "lan = no"
        else
            text += setting.option + QStringLiteral(" = ") + setting.value + u'\n';
    }
    return text;
}

void check(const QString& text) {
    const int lineCount = int(text.count(u'\n')) + 1;
    const auto parsed = parseConfig(text);
    if (!parsed) {
        const QString& error = parsed.error();
        require(error.startsWith(QLatin1String("line ")), "an error that does not name its line");
        const qsizetype colon = error.indexOf(u':');
        require(colon > 0 && isNumberIn(error.mid(5, colon - 5), 1, lineCount),
                "an error names no line of the file");
        require(std::none_of(error.begin(), error.end(), breaksLine), "an error of more than one line");
        return;
    }
    for (const ConfigSetting& setting : parsed.value())
        checkSetting(setting, lineCount);

    const auto again = parseConfig(fileOf(parsed.value()));
    require(again.ok(), "accepted settings written back are rejected");
    require(again->size() == parsed->size(), "accepted settings written back read as another number");
    for (qsizetype i = 0; i < again->size(); ++i) {
        const ConfigSetting& was = parsed->at(i);
        const ConfigSetting& is = again->at(i);
        require(is.option == was.option && is.value == was.value && is.isFlag == was.isFlag,
                "accepted settings written back read differently");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto* bytes = reinterpret_cast<const char*>(data);
    check(QString::fromUtf8(bytes, qsizetype(size)));
    check(QString::fromLatin1(bytes, qsizetype(size)));
    return 0;
}
