// Fuzz target for the share module's readers of untrusted text: Link::parse() on what a user pastes, and
// sanitizeFileName() and keywordsOf() on a file name from the network. Each input is read both as UTF-8
// and as Latin-1, so that malformed UTF-8 (replaced on decoding) and every single byte value get through.

#include "share/filenames.h"
#include "share/keywords.h"
#include "share/link.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using namespace ringshare::share;

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_link: %s\n", what);
        std::abort();
    }
}

bool isControlOrFormat(char32_t c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || QChar::category(c) == QChar::Other_Format;
}

// Whatever parse() accepts prints back to a link that parses to the same value, and prints the same again.
void checkLink(const QString& text) {
    const auto parsed = Link::parse(text);
    if (!parsed) {
        require(!parsed.error().isEmpty(), "a rejection without a message");
        return;
    }
    require(!parsed->id.isNull(), "a null content id accepted");
    require(parsed->size >= -1 && parsed->size <= Link::kMaxSize, "a size out of range accepted");
    require(parsed->name.toUtf8().size() <= Link::kMaxNameBytes, "an overlong name accepted");
    require(parsed->contacts.size() <= Link::kMaxContacts, "too many contacts accepted");
    for (qsizetype i = 0; i < parsed->contacts.size(); ++i) {
        require(parsed->contacts[i].isValid(), "an invalid contact accepted");
        require(parsed->contacts.indexOf(parsed->contacts[i]) == i, "a contact kept twice");
    }
    const QString printed = parsed->toString();
    require(printed.size() <= Link::kMaxLength, "a parsed link prints too long to parse");
    const auto again = Link::parse(printed);
    require(again.ok(), "a parsed link's printed form is rejected");
    require(again.value() == parsed.value(), "the printed form parses to another link");
    require(again->toString() == printed, "printing is not canonical");
}

void checkFileName(const QString& text) {
    const QString name = sanitizeFileName(text);
    require(!name.isEmpty(), "empty name");
    require(name != QLatin1String(".") && name != QLatin1String(".."), "a dot name");
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        require(c != u'/' && c != u'\\' && c != u':', "a separator survived");
        char32_t code = c.unicode();
        if (c.isHighSurrogate()) {
            require(i + 1 < name.size() && name.at(i + 1).isLowSurrogate(), "a lone high surrogate");
            code = QChar::surrogateToUcs4(c, name.at(i + 1));
            ++i;
        } else {
            require(!c.isLowSurrogate(), "a lone low surrogate");
        }
        require(!isControlOrFormat(code), "a control or format character survived");
    }
    require(name.toUtf8().size() <= kMaxFileNameBytes, "too many bytes");
    require(!name.startsWith(u'.') && !name.startsWith(u'-') && !name.startsWith(u'~'),
            "a bad first character");
    require(!name.endsWith(u'.') && !name.endsWith(u' '), "a bad last character");
    require(!name.endsWith(kPartialSuffix, Qt::CaseInsensitive), "a partial file's name");
    require(sanitizeFileName(name) == name, "sanitizing twice changes the name");
    const QString directory = QStringLiteral("/srv/downloads");
    require(isInside(directory, directory + u'/' + name), "the name leaves its folder");
}

void checkKeywords(const QString& text) {
    const QStringList keywords = keywordsOf(text);
    require(keywords.size() <= kMaxKeywords, "too many keywords");
    for (qsizetype i = 0; i < keywords.size(); ++i) {
        const QString& keyword = keywords.at(i);
        require(!keyword.isEmpty() && keyword.size() <= kMaxKeywordLength, "a keyword of a bad length");
        require(keywords.indexOf(keyword) == i, "a repeated keyword");
        // Typed back as a query, an indexed word asks for exactly itself.
        require(queryWords(keyword) == QStringList{keyword}, "a keyword does not find itself");
    }
    const QStringList asked = queryWords(text);
    require(asked == keywords, "a query and a name of the same text differ");
    require(nameMatches(text, asked) == !keywords.isEmpty(), "a name does not match its own words");
    const double score = matchScore(text, asked);
    require(keywords.isEmpty() ? score == 0.0 : score == 1.0, "a name is not a perfect match for itself");
}

void checkText(const QString& text) {
    checkLink(text);
    checkFileName(text);
    checkKeywords(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto* bytes = reinterpret_cast<const char*>(data);
    checkText(QString::fromUtf8(bytes, qsizetype(size)));
    checkText(QString::fromLatin1(bytes, qsizetype(size)));
    // The name inside a link is what a download is saved and found by.
    if (const auto link = Link::parse(QString::fromUtf8(bytes, qsizetype(size)))) {
        checkFileName(link->name);
        checkKeywords(link->name);
    }
    return 0;
}
