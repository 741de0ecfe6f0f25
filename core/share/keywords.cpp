// Keyword folding (NFKD, accents, case, "ß"), splitting names into words, and query matching.
#include "share/keywords.h"

#include <QChar>
#include <QList>
#include <algorithm>
#include <array>

namespace ringshare::share {

namespace {

// The generic combining diacritics (Combining Diacritical Marks and its supplements and extensions, the
// marks for symbols, half marks). They are what NFKD splits off accented Latin, Greek and Cyrillic letters.
// Script-specific marks lie outside these blocks and are kept.
bool isDiacritic(char16_t u) {
    const bool inBlock = (u >= 0x0300 && u <= 0x036f) || (u >= 0x1ab0 && u <= 0x1aff) ||
                         (u >= 0x1dc0 && u <= 0x1dff) || (u >= 0x20d0 && u <= 0x20ff) ||
                         (u >= 0xfe20 && u <= 0xfe2f);
    return inBlock && QChar::isMark(char32_t(u));
}

QString decomposeWithoutDiacritics(const QString& text) {
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString kept;
    kept.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (!isDiacritic(c.unicode()))
            kept.append(c);
    }
    return kept;
}

// Folded forms, as words are compared after folding. Kept short on purpose: a stop word can never be
// searched for.
constexpr std::array<QLatin1String, 22> kStopWords = {
    QLatin1String("the"),  QLatin1String("and"), QLatin1String("of"),   QLatin1String("an"),
    QLatin1String("in"),   QLatin1String("on"),  QLatin1String("to"),   QLatin1String("for"),
    QLatin1String("with"), QLatin1String("by"),  QLatin1String("from"), QLatin1String("der"),
    QLatin1String("die"),  QLatin1String("das"), QLatin1String("den"),  QLatin1String("dem"),
    QLatin1String("des"),  QLatin1String("und"), QLatin1String("ein"),  QLatin1String("eine"),
    QLatin1String("mit"),  QLatin1String("von"),
};

bool isStopWord(QStringView word) {
    return std::any_of(kStopWords.begin(), kStopWords.end(),
                       [&](QLatin1String stop) { return word == stop; });
}

bool isRealScript(QChar::Script script) {
    return script != QChar::Script_Common && script != QChar::Script_Inherited &&
           script != QChar::Script_Unknown;
}

bool standsAlone(char32_t c) {
    const bool hangulSyllable = c >= 0xac00 && c <= 0xd7a3; // not a lone jamo, which is only a sound
    return hangulSyllable || QChar::script(c) == QChar::Script_Han;
}

// Cuts at `length` UTF-16 code units, one earlier if that would split a surrogate pair.
QString truncated(QString word, qsizetype length) {
    if (word.size() <= length)
        return word;
    if (word.at(length).isLowSurrogate())
        --length;
    word.truncate(length);
    return word;
}

struct Word {
    QString text;
    qsizetype codePoints = 0;
    char32_t first = 0;
};

// Splits folded text into runs of letters, digits and marks of one script.
QList<Word> wordsOf(const QString& folded) {
    QList<Word> words;
    Word current;
    QChar::Script currentScript = QChar::Script_Common;
    const auto finish = [&] {
        if (current.codePoints > 0)
            words.append(std::move(current));
        current = Word();
        currentScript = QChar::Script_Common;
    };
    for (qsizetype i = 0, units = 1; i < folded.size(); i += units) {
        char32_t c = folded.at(i).unicode();
        units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < folded.size() && folded.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(folded.at(i), folded.at(i + 1));
            units = 2;
        }
        if (QChar::isLetterOrNumber(c)) {
            const QChar::Script script = QChar::script(c);
            if (isRealScript(script)) {
                if (isRealScript(currentScript) && script != currentScript)
                    finish();
                currentScript = script;
            }
            if (current.codePoints == 0)
                current.first = c;
        } else if (!QChar::isMark(c) || current.codePoints == 0) {
            finish();
            continue;
        }
        // A mark stays with the letter before it, whatever script Unicode assigns it (some Arabic marks
        // are Arabic, not Inherited): splitting there would start a word with a mark, which the same text
        // typed alone could never produce.
        current.text.append(folded.mid(i, units));
        ++current.codePoints;
    }
    finish();
    return words;
}

QStringList wordsFor(QStringView text) {
    QStringList out;
    for (Word& word : wordsOf(foldWord(text))) {
        if (word.codePoints < 2 && !standsAlone(word.first))
            continue;
        if (isStopWord(word.text))
            continue;
        QString kept = truncated(std::move(word.text), kMaxKeywordLength);
        if (out.contains(kept))
            continue;
        out.append(std::move(kept));
        if (out.size() == kMaxKeywords)
            break;
    }
    return out;
}

} // namespace

QString foldWord(QStringView word) {
    // Folding can produce text that decomposes further (ẞ folds to ß, some folds are compatibility
    // characters), so decompose again before recomposing; that also makes folding idempotent.
    QString folded = decomposeWithoutDiacritics(word.toString()).toCaseFolded();
    folded.replace(QChar(0x00df), QLatin1String("ss"));
    return decomposeWithoutDiacritics(folded).normalized(QString::NormalizationForm_C);
}

QStringList keywordsOf(QStringView fileName) {
    return wordsFor(fileName);
}

QStringList queryWords(QStringView query) {
    return wordsFor(query);
}

bool nameMatches(QStringView fileName, const QStringList& words) {
    if (words.isEmpty())
        return false;
    const QStringList keywords = keywordsOf(fileName);
    return std::all_of(words.begin(), words.end(),
                       [&](const QString& word) { return keywords.contains(word); });
}

double matchScore(QStringView fileName, const QStringList& words) {
    if (words.isEmpty())
        return 0.0;
    const QStringList keywords = keywordsOf(fileName);
    QStringList distinct;
    for (const QString& word : words) {
        if (!keywords.contains(word))
            return 0.0;
        if (!distinct.contains(word))
            distinct.append(word);
    }
    const double coverage = double(distinct.size()) / double(keywords.size());
    // Keywords are distinct, so the first query word fixes where the run would have to start.
    const qsizetype start = keywords.indexOf(distinct.first());
    bool consecutive = start + distinct.size() <= keywords.size();
    for (qsizetype i = 0; consecutive && i < distinct.size(); ++i)
        consecutive = keywords.at(start + i) == distinct.at(i);
    return coverage * (consecutive ? 1.0 : 0.9);
}

} // namespace ringshare::share
