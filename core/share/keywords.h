// How file names become search words and how queries match them (one folding for both).
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

// How file names become search words, and how a search query is matched against them. Indexing and
// querying go through the same functions, so a word a user types and the word in a name compare equal
// exactly when they fold to the same text.
namespace ringshare::share {

// Bounds on what one name contributes to the index (and on what one query may ask).
inline constexpr qsizetype kMaxKeywords = 16;
inline constexpr qsizetype kMaxKeywordLength = 64; // UTF-16 code units; longer words are cut

// Folds text so that spelling variants compare equal: compatibility decomposition (NFKD, so "ﬁ" is "fi"
// and full-width "Ａ" is "A"), then the accents of Latin, Greek and Cyrillic letters go ("Émile" is
// "emile", "ё" is "е", and "й" is "и" too), case is folded and the result is recomposed (NFC). "ß" and "ẞ"
// become "ss", as full case folding would do, so "Straße" and "STRASSE" meet; Qt's toCaseFolded() alone
// keeps "ß". Marks that spell rather than decorate stay: Devanagari vowel signs, the kana voicing marks
// (so "ガ" is not "カ"), Hebrew and Arabic points.
[[nodiscard]] QString foldWord(QStringView word);

// The words a file name is found by, folded, in their order of first appearance. A word is a run of
// letters, digits and marks written in one script: punctuation, spaces, symbols and a change of script
// split words ("東京タワー" is "東京" and "タワー"), digits do not ("mp3", "x264", "1080p" stay whole). The
// extension is a word like any other. Dropped: words of one character, except a Han ideograph or a
// Hangul syllable, which alone can be a word (a single kana is mostly a particle); a few very common
// English and German words ("the", "and", "der", "und", …). Words are cut at kMaxKeywordLength and only
// the first kMaxKeywords distinct ones count.
[[nodiscard]] QStringList keywordsOf(QStringView fileName);

// The words of a search query, by the same rules as keywordsOf(), so a query word that could never be in
// the index (a stop word, a single letter) is dropped rather than making every search fail.
[[nodiscard]] QStringList queryWords(QStringView query);

// True when `words` (from queryWords()) is not empty and every one of them is a keyword of `fileName`.
// An empty query matches nothing: it would otherwise list every file.
[[nodiscard]] bool nameMatches(QStringView fileName, const QStringList& words);

// How well `fileName` answers `words` (from queryWords()): 0 when nameMatches() is false, otherwise in
// (0, 1]. The score is the share of the name's keywords that the query names, so "Deja Vu.mp3" ranks
// above "Deja Vu (Live at Wembley).mp3" for "deja vu"; it is multiplied by 0.9 unless the query words
// appear in the name consecutively and in the query's order, a small bonus that breaks near ties. 1 means
// the query is exactly the name's keywords, in order.
[[nodiscard]] double matchScore(QStringView fileName, const QStringList& words);

} // namespace ringshare::share
