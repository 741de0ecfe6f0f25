// Link: the `ringshare:` link a user pastes to fetch a file.
#pragma once

#include "base/result.h"
#include "net/hostport.h"
#include "share/contentid.h"

#include <QList>
#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace ringshare::share {

// What a user pastes to fetch a file: `ringshare:?xt=<content id>&dn=<name>&xl=<size>&x.pe=<host:port>`.
// The format is a contract that people and scripts rely on, so toString() always writes it the same way
// and parse() stays lenient only where a human may have typed or re-ordered it.
struct Link {
    // Bounds that keep a pasted link cheap to handle. Every link parse() accepts fits again when printed.
    static constexpr qsizetype kMaxLength = 4096;
    static constexpr qsizetype kMaxNameBytes = 1024;
    static constexpr qint64 kMaxSize = qint64(1) << 50;
    // A few ways to reach the sharer; a link with more is refused rather than trusted to be honest.
    static constexpr qsizetype kMaxContacts = 4;

    ContentId id;
    // The name the sharer gave the file: untrusted text, only ever shown or passed to sanitizeFileName().
    // Empty when the link has none.
    QString name;
    // In bytes; -1 when the link does not say.
    qint64 size = -1;
    // Peers to reach the ring through (x.pe=, repeatable, in order, no duplicates, at most kMaxContacts):
    // the sharer's own addresses, as the sharer saw them. Only hints: they are dialled and checked like
    // any other peer, never believed.
    QList<net::HostPort> contacts;

    // xt in lower-case hex, then dn (left out when the name is empty) and xl (left out when the size is
    // unknown), then one x.pe per contact (the first kMaxContacts). dn is UTF-8 with every byte except ASCII
    // letters, digits and -._~ percent-encoded; x.pe is HostPort::toString() as it is.
    [[nodiscard]] QString toString() const;

    // Accepts what toString() writes, and also: surrounding whitespace, the scheme and parameter names in
    // any case, xt in either case, parameters in any order, percent escapes in x.pe, and unknown parameters
    // (ignored, so later versions can add some). Anything else is an Error that says what is wrong: a
    // contact that is no HostPort, or more than kMaxContacts of them.
    [[nodiscard]] static Result<Link> parse(QStringView text);

    friend bool operator==(const Link&, const Link&) = default;
};

} // namespace ringshare::share
