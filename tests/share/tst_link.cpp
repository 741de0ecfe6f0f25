// Tests for ringshare: links: the exact string written, escaping, lenient parsing, rejects and bounds.
#include "share/link.h"

#include <QTest>

using ringshare::net::HostPort;
using ringshare::share::ContentId;
using ringshare::share::Link;

namespace {
ContentId sampleId() {
    ContentId::Bytes bytes;
    for (int i = 0; i < ContentId::kSize; ++i)
        bytes[i] = static_cast<std::uint8_t>(i);
    return ContentId(bytes);
}

const QString kSampleHex = QStringLiteral("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

QString linkWith(const QString& parameters) {
    return QStringLiteral("ringshare:?") + parameters;
}

// Built by concatenation, not QString::arg(), which would take escapes like %1G for placeholders.
QString idThen(const QString& rest) {
    return linkWith(QStringLiteral("xt=") + kSampleHex + rest);
}

HostPort node(const QString& text) {
    return HostPort::parse(text).value();
}
} // namespace

class TestLink final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The printed form is a contract: this exact string must not change.
    void knownExactString() {
        const Link link{sampleId(), QStringLiteral("Früh\u00adling 2024 — 東京.mkv"), 123456789};
        const QString expected =
            QStringLiteral("ringshare:?xt=") + kSampleHex +
            QStringLiteral("&dn=Fr%C3%BCh%C2%ADling%202024%20%E2%80%94%20%E6%9D%B1%E4%BA%AC.mkv"
                           "&xl=123456789");
        QCOMPARE(link.toString(), expected);
        const auto parsed = Link::parse(expected);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value(), link);
    }

    void leavesOutWhatItDoesNotKnow() {
        QCOMPARE((Link{sampleId(), QString(), -1}.toString()), QStringLiteral("ringshare:?xt=") + kSampleHex);
        QCOMPARE((Link{sampleId(), QString(), 0}.toString()),
                 QStringLiteral("ringshare:?xt=") + kSampleHex + QStringLiteral("&xl=0"));
        QCOMPARE((Link{sampleId(), QStringLiteral("a"), -1}.toString()),
                 QStringLiteral("ringshare:?xt=") + kSampleHex + QStringLiteral("&dn=a"));
    }

    void encodesEverythingButUnreserved() {
        const Link link{sampleId(), QStringLiteral("a&b=c%d#e?f+g h.txt"), -1};
        QVERIFY(link.toString().endsWith(QStringLiteral("&dn=a%26b%3Dc%25d%23e%3Ff%2Bg%20h.txt")));
        const Link unreserved{sampleId(), QStringLiteral("AZaz09-._~"), -1};
        QVERIFY(unreserved.toString().endsWith(QStringLiteral("&dn=AZaz09-._~")));
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("size");
        QTest::newRow("plain") << QStringLiteral("holiday.jpg") << qint64(2048);
        QTest::newRow("unicode") << QStringLiteral("Früh\u00adling 2024 — 東京.mkv") << qint64(1);
        QTest::newRow("ampersand") << QStringLiteral("Tom & Jerry.avi") << qint64(3);
        QTest::newRow("equals") << QStringLiteral("a=b.txt") << qint64(4);
        QTest::newRow("percent") << QStringLiteral("100% pure %41.txt") << qint64(5);
        QTest::newRow("hash") << QStringLiteral("Track #1.flac") << qint64(6);
        QTest::newRow("question mark") << QStringLiteral("Why?.pdf") << qint64(7);
        QTest::newRow("plus") << QStringLiteral("C++ Primer+.pdf") << qint64(8);
        QTest::newRow("spaces") << QStringLiteral("  two  spaces  ") << qint64(9);
        QTest::newRow("emoji") << QStringLiteral("party 🎉👩‍👩‍👧.png") << qint64(10);
        QTest::newRow("all the delimiters") << QStringLiteral("&dn=x&xl=5&xt=y?#%") << qint64(11);
        QTest::newRow("leading byte order mark") << QStringLiteral("\ufeffbom.txt") << qint64(12);
        QTest::newRow("control characters") << QStringLiteral("a\nb\tc\u0000d") << qint64(13);
        QTest::newRow("no name") << QString() << qint64(14);
        QTest::newRow("no size") << QStringLiteral("x") << qint64(-1);
        QTest::newRow("nothing but the id") << QString() << qint64(-1);
        QTest::newRow("zero size") << QStringLiteral("empty") << qint64(0);
        QTest::newRow("largest size") << QStringLiteral("huge") << Link::kMaxSize;
        QTest::newRow("longest name") << QString(Link::kMaxNameBytes, u'x') << qint64(15);
        QTest::newRow("longest name, all escaped") << QString(Link::kMaxNameBytes / 2, u'ü') << qint64(16);
    }

    void roundTrip() {
        QFETCH(QString, name);
        QFETCH(qint64, size);
        const Link link{sampleId(), name, size};
        const QString text = link.toString();
        QVERIFY(text.size() <= Link::kMaxLength);
        const auto parsed = Link::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed->name, name);
        QCOMPARE(parsed->size, size);
        QCOMPARE(parsed.value(), link);
        QCOMPARE(parsed->toString(), text);
    }

    // What a person may type or another program may rewrite, all meaning the same link.
    void lenientParsing_data() {
        const QString hex = kSampleHex;
        const QString upper = kSampleHex.toUpper();
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("size");
        QTest::newRow("canonical") << idThen(QStringLiteral("&dn=a%20b&xl=7")) << QStringLiteral("a b")
                                   << qint64(7);
        QTest::newRow("mixed case") << QStringLiteral("RingShare:?XT=") + upper +
                                           QStringLiteral("&Dn=a%20b&xL=7")
                                    << QStringLiteral("a b") << qint64(7);
        QTest::newRow("upper-case hex, mixed")
            << linkWith(QStringLiteral("xt=%1").arg(upper.left(32) + hex.mid(32))) << QString() << qint64(-1);
        QTest::newRow("reordered") << linkWith(QStringLiteral("xl=7&dn=a%20b&xt=") + hex)
                                   << QStringLiteral("a b") << qint64(7);
        QTest::newRow("unknown parameters") << linkWith(QStringLiteral("tr=udp%3A%2F%2Fx&xt=") + hex +
                                                        QStringLiteral("&future&dn=a&x.y=z&xl=7&=&xs=1"))
                                            << QStringLiteral("a") << qint64(7);
        QTest::newRow("surrounding whitespace") << QStringLiteral(" \t\n ringshare:?xt=%1&dn=a \r\n").arg(hex)
                                                << QStringLiteral("a") << qint64(-1);
        QTest::newRow("empty parameters")
            << linkWith(QStringLiteral("&&xt=%1&&dn=a&").arg(hex)) << QStringLiteral("a") << qint64(-1);
        QTest::newRow("plus is a plus")
            << idThen(QStringLiteral("&dn=a+b%2Bc")) << QStringLiteral("a+b+c") << qint64(-1);
        QTest::newRow("lower-case escapes")
            << idThen(QStringLiteral("&dn=%c3%bc")) << QStringLiteral("ü") << qint64(-1);
        QTest::newRow("unescaped unicode and spaces") << idThen(QStringLiteral("&dn=Früh ling 東京 🎉.mkv"))
                                                      << QStringLiteral("Früh ling 東京 🎉.mkv") << qint64(-1);
        QTest::newRow("unescaped reserved characters")
            << idThen(QStringLiteral("&dn=a=b#c?d")) << QStringLiteral("a=b#c?d") << qint64(-1);
        QTest::newRow("empty name") << idThen(QStringLiteral("&dn=")) << QString() << qint64(-1);
        QTest::newRow("leading zeros in size") << idThen(QStringLiteral("&xl=007")) << QString() << qint64(7);
        QTest::newRow("escaped NUL") << idThen(QStringLiteral("&dn=a%00b"))
                                     << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"))
                                     << qint64(-1);
    }

    void lenientParsing() {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(qint64, size);
        const auto parsed = Link::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed->id, sampleId());
        QCOMPARE(parsed->name, name);
        QCOMPARE(parsed->size, size);
        // Whatever spelling came in, the printed form is the canonical one.
        const auto again = Link::parse(parsed->toString());
        QVERIFY(again.ok());
        QCOMPARE(again.value(), parsed.value());
    }

    void rejects_data() {
        const QString hex = kSampleHex;
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("said"); // a piece of the message, so it names the actual problem
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("only whitespace") << QStringLiteral(" \n\t ") << QStringLiteral("empty");
        QTest::newRow("wrong scheme")
            << QStringLiteral("magnet:?xt=%1").arg(hex) << QStringLiteral("ringshare:");
        QTest::newRow("scheme prefix only")
            << QStringLiteral("ringshar:?xt=%1").arg(hex) << QStringLiteral("ringshare:");
        QTest::newRow("no question mark")
            << QStringLiteral("ringshare:xt=%1").arg(hex) << QStringLiteral("?");
        QTest::newRow("slashes") << QStringLiteral("ringshare://?xt=%1").arg(hex) << QStringLiteral("?");
        QTest::newRow("no parameters")
            << QStringLiteral("ringshare:?") << QStringLiteral("no content id (xt=)");
        QTest::newRow("no xt") << linkWith(QStringLiteral("dn=a&xl=5"))
                               << QStringLiteral("no content id (xt=)");
        QTest::newRow("xt without value")
            << linkWith(QStringLiteral("xt&dn=a")) << QStringLiteral("xt has no value");
        QTest::newRow("empty xt") << linkWith(QStringLiteral("xt=")) << QStringLiteral("not a content id");
        QTest::newRow("short xt") << linkWith(QStringLiteral("xt=%1").arg(hex.left(63)))
                                  << QStringLiteral("not a content id");
        QTest::newRow("long xt") << linkWith(QStringLiteral("xt=%1").arg(hex + QStringLiteral("0")))
                                 << QStringLiteral("not a content id");
        QTest::newRow("non-hex xt") << linkWith(
                                           QStringLiteral("xt=%1").arg(hex.left(63) + QStringLiteral("g")))
                                    << QStringLiteral("not a content id");
        QTest::newRow("escaped xt") << linkWith(QStringLiteral("xt=%30%31") + hex.mid(2))
                                    << QStringLiteral("not a content id");
        QTest::newRow("xt with a space")
            << linkWith(QStringLiteral("xt= %1").arg(hex.mid(1))) << QStringLiteral("not a content id");
        QTest::newRow("zero xt") << linkWith(QStringLiteral("xt=") + QString(64, u'0'))
                                 << QStringLiteral("all zeros");
        QTest::newRow("bad escape %G1")
            << idThen(QStringLiteral("&dn=a%G1")) << QStringLiteral("broken percent escape: \"%G1\"");
        QTest::newRow("bad escape %1G")
            << idThen(QStringLiteral("&dn=%1Gb")) << QStringLiteral("broken percent escape");
        QTest::newRow("truncated escape %4")
            << idThen(QStringLiteral("&dn=ab%4")) << QStringLiteral("broken percent escape: \"%4\"");
        QTest::newRow("lone percent")
            << linkWith(QStringLiteral("dn=%&xt=%1").arg(hex)) << QStringLiteral("broken percent escape");
        QTest::newRow("invalid UTF-8 %FF")
            << idThen(QStringLiteral("&dn=a%FFb")) << QStringLiteral("not valid UTF-8");
        QTest::newRow("truncated UTF-8")
            << idThen(QStringLiteral("&dn=%C3")) << QStringLiteral("not valid UTF-8");
        QTest::newRow("overlong UTF-8")
            << idThen(QStringLiteral("&dn=%C0%AF")) << QStringLiteral("not valid UTF-8");
        QTest::newRow("UTF-8 surrogate")
            << idThen(QStringLiteral("&dn=%ED%A0%80")) << QStringLiteral("not valid UTF-8");
        QTest::newRow("beyond U+10FFFF")
            << idThen(QStringLiteral("&dn=%F4%90%80%80")) << QStringLiteral("not valid UTF-8");
        QTest::newRow("negative xl") << idThen(QStringLiteral("&xl=-1"))
                                     << QStringLiteral("xl is not a size: \"-1\"");
        QTest::newRow("signed xl") << idThen(QStringLiteral("&xl=+1")) << QStringLiteral("xl is not a size");
        QTest::newRow("xl with space")
            << idThen(QStringLiteral("&xl= 1")) << QStringLiteral("xl is not a size");
        QTest::newRow("xl with unit")
            << idThen(QStringLiteral("&xl=10MB")) << QStringLiteral("xl is not a size");
        QTest::newRow("xl in hex") << idThen(QStringLiteral("&xl=0x10"))
                                   << QStringLiteral("xl is not a size");
        QTest::newRow("xl with fraction")
            << idThen(QStringLiteral("&xl=1.5")) << QStringLiteral("xl is not a size");
        QTest::newRow("non-numeric xl")
            << idThen(QStringLiteral("&xl=abc")) << QStringLiteral("xl is not a size: \"abc\"");
        QTest::newRow("arabic-indic digits in xl")
            << idThen(QStringLiteral("&xl=١٢")) << QStringLiteral("xl is not a size");
        QTest::newRow("empty xl") << idThen(QStringLiteral("&xl="))
                                  << QStringLiteral("xl is not a size: it is empty");
        QTest::newRow("xl above 2^50") << idThen(QStringLiteral("&xl=1125899906842625"))
                                       << QStringLiteral("more than 1125899906842624 bytes");
        QTest::newRow("xl overflowing 64 bits")
            << idThen(QStringLiteral("&xl=99999999999999999999999999")) << QStringLiteral("xl is not a size");
        QTest::newRow("duplicate xt")
            << idThen(QStringLiteral("&xt=%1")) << QStringLiteral("more than one xt=");
        QTest::newRow("duplicate xt, other case")
            << idThen(QStringLiteral("&XT=%1")) << QStringLiteral("more than one xt=");
        QTest::newRow("duplicate dn")
            << idThen(QStringLiteral("&dn=a&dn=a")) << QStringLiteral("more than one dn=");
        QTest::newRow("duplicate xl")
            << linkWith(QStringLiteral("xl=1&xt=%1&xl=1").arg(hex)) << QStringLiteral("more than one xl=");
        QTest::newRow("overlong link")
            << linkWith(QStringLiteral("xt=%1&pad=%2").arg(hex, QString(Link::kMaxLength, u'x')))
            << QStringLiteral("too long");
        QTest::newRow("overlong name")
            << linkWith(QStringLiteral("xt=%1&dn=%2").arg(hex).arg(QString(1025, u'n')))
            << QStringLiteral("too long");
        QTest::newRow("raw line break")
            << idThen(QStringLiteral("&dn=a\nb")) << QStringLiteral("control character");
        QTest::newRow("raw DEL") << idThen(QStringLiteral("&dn=a\u007fb"))
                                 << QStringLiteral("control character");
        QTest::newRow("lone surrogate")
            << idThen(QStringLiteral("&dn=a")) + QChar(0xd800) << QStringLiteral("surrogate");
        QTest::newRow("reversed surrogates")
            << idThen(QStringLiteral("&dn=")) + QChar(0xdc00) + QChar(0xd800) << QStringLiteral("surrogate");
    }

    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, said);
        const auto parsed = Link::parse(text);
        QVERIFY(!parsed.ok());
        QVERIFY(!parsed.error().isEmpty());
        QVERIFY2(parsed.error().contains(said), qPrintable(parsed.error()));
    }

    void boundsAreInclusive() {
        const QString head = linkWith(QStringLiteral("xt=%1&pad=").arg(kSampleHex));
        const QString longest = head + QString(Link::kMaxLength - head.size(), u'x');
        QCOMPARE(longest.size(), Link::kMaxLength);
        QVERIFY(Link::parse(longest).ok());
        QVERIFY(!Link::parse(longest + QStringLiteral("x")).ok());
        // Whitespace around a link does not count against it.
        QVERIFY(Link::parse(QStringLiteral("  ") + longest + QStringLiteral("\n")).ok());

        const QString escapedName = QStringLiteral("%C3%BC").repeated(Link::kMaxNameBytes / 2);
        QVERIFY(Link::parse(linkWith(QStringLiteral("xt=%1&dn=%2").arg(kSampleHex, escapedName))).ok());
        QVERIFY(!Link::parse(linkWith(QStringLiteral("xt=%1&dn=%2a").arg(kSampleHex, escapedName))).ok());
    }

    // Error messages quote the offending value, but never at length, never half a character, and never
    // with invisible characters that would reorder the message around them.
    void messagesStayShortAndPlain() {
        const auto longValue = Link::parse(linkWith(QStringLiteral("xt=") + QString(2000, u'z')));
        QVERIFY(!longValue.ok());
        QVERIFY2(longValue.error().size() < 200, qPrintable(longValue.error()));

        const auto cutPair = Link::parse(
            linkWith(QStringLiteral("xt=") + QString(39, u'z') + QStringLiteral("😀").repeated(10)));
        QVERIFY(!cutPair.ok());
        // UTF-8 cannot carry a lone surrogate, so the round trip would change the text if one were there.
        QCOMPARE(QString::fromUtf8(cutPair.error().toUtf8()), cutPair.error());

        const auto bidi = Link::parse(idThen(QStringLiteral("&xl=1\u202e2")));
        QVERIFY(!bidi.ok());
        QVERIFY2(!bidi.error().contains(QChar(0x202e)), qPrintable(bidi.error()));
        QVERIFY(bidi.error().contains(QStringLiteral("\"1\ufffd2\"")));
    }

    // Contacts (x.pe=) come last, one parameter each, in order, as HostPort writes them.
    void contactsExactString() {
        Link link{sampleId(), QStringLiteral("a b.txt"), 5};
        link.contacts = {node(QStringLiteral("192.0.2.1:4000")), node(QStringLiteral("[2001:db8::1]:4001")),
                         node(QStringLiteral("Seed.Example.org:4002"))};
        const QString expected = QStringLiteral("ringshare:?xt=") + kSampleHex +
                                 QStringLiteral("&dn=a%20b.txt&xl=5&x.pe=192.0.2.1:4000"
                                                "&x.pe=[2001:db8::1]:4001&x.pe=seed.example.org:4002");
        QCOMPARE(link.toString(), expected);
        const auto parsed = Link::parse(expected);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value(), link);
        QCOMPARE(parsed->contacts.size(), 3);
        QVERIFY(!parsed->contacts[0].isName());
        QCOMPARE(parsed->contacts[0].endpoint()->port, quint16(4000));
        QCOMPARE(parsed->contacts[1].host(), QStringLiteral("2001:db8::1"));
        QVERIFY(parsed->contacts[2].isName());
        QCOMPARE(parsed->contacts[2].host(), QStringLiteral("seed.example.org"));
        QCOMPARE(parsed->toString(), expected);
    }

    void contactsRoundTrip_data() {
        QTest::addColumn<QStringList>("contacts");
        QTest::newRow("none") << QStringList();
        QTest::newRow("ipv4") << QStringList{QStringLiteral("127.0.0.1:1")};
        QTest::newRow("ipv6") << QStringList{QStringLiteral("[::1]:65535")};
        QTest::newRow("scoped ipv6") << QStringList{QStringLiteral("[fe80::1%eth0]:7")};
        QTest::newRow("name") << QStringList{QStringLiteral("localhost:4000")};
        QTest::newRow("longest name") << QStringList{(QString(63, u'a') + u'.').repeated(3) +
                                                     QString(61, u'b') + QStringLiteral(":65535")};
        QTest::newRow("as many as allowed")
            << QStringList{QStringLiteral("192.0.2.1:1"), QStringLiteral("192.0.2.1:2"),
                           QStringLiteral("[2001:db8::2]:3"), QStringLiteral("xn--bcher-kva.example:4")};
    }

    void contactsRoundTrip() {
        QFETCH(QStringList, contacts);
        Link link{sampleId(), QStringLiteral("f"), 1};
        for (const QString& text : contacts)
            link.contacts << node(text);
        const QString text = link.toString();
        QVERIFY(text.size() <= Link::kMaxLength);
        const auto parsed = Link::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value(), link);
        QCOMPARE(parsed->toString(), text);
    }

    // The same contacts as a mail program or a person may write them.
    void contactsLenient() {
        const auto escaped =
            Link::parse(idThen(QStringLiteral("&X.PE=%5B2001:db8::1%5d:4000&x.pe=a.example:1")));
        QVERIFY2(escaped.ok(), qPrintable(escaped.error()));
        QCOMPARE(escaped->contacts, (QList<HostPort>{node(QStringLiteral("[2001:db8::1]:4000")),
                                                     node(QStringLiteral("a.example:1"))}));
        // Said twice (in any case) counts once, so it cannot push a real one past the limit.
        const auto twice =
            Link::parse(idThen(QStringLiteral("&x.pe=A.example:1&x.pe=a.example:1&x.pe=b.example:2")));
        QVERIFY2(twice.ok(), qPrintable(twice.error()));
        QCOMPARE(twice->contacts.size(), 2);
        // A link with a contact before xt= is the same link.
        const auto first = Link::parse(linkWith(QStringLiteral("x.pe=a.example:1&xt=") + kSampleHex));
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first->contacts, QList<HostPort>{node(QStringLiteral("a.example:1"))});
    }

    void contactsRejected_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("said");
        QString five;
        for (int i = 1; i <= Link::kMaxContacts + 1; ++i)
            five += QStringLiteral("&x.pe=192.0.2.1:%1").arg(i);
        QTest::newRow("too many") << idThen(five) << QStringLiteral("more than 4 contacts");
        QTest::newRow("empty") << idThen(QStringLiteral("&x.pe=")) << QStringLiteral("empty");
        QTest::newRow("no value") << idThen(QStringLiteral("&x.pe")) << QStringLiteral("x.pe");
        QTest::newRow("no port") << idThen(QStringLiteral("&x.pe=seed.example.org"))
                                 << QStringLiteral("no port");
        QTest::newRow("port 0") << idThen(QStringLiteral("&x.pe=seed.example.org:0"))
                                << QStringLiteral("1 to 65535");
        QTest::newRow("port too big")
            << idThen(QStringLiteral("&x.pe=192.0.2.1:65536")) << QStringLiteral("1 to 65535");
        QTest::newRow("port not a number")
            << idThen(QStringLiteral("&x.pe=seed.example.org:http")) << QStringLiteral("1 to 65535");
        QTest::newRow("signed port") << idThen(QStringLiteral("&x.pe=seed.example.org:+40"))
                                     << QStringLiteral("1 to 65535");
        QTest::newRow("no host") << idThen(QStringLiteral("&x.pe=:4000")) << QStringLiteral("no host");
        QTest::newRow("bare ipv6") << idThen(QStringLiteral("&x.pe=2001:db8::1:4000"))
                                   << QStringLiteral("brackets");
        QTest::newRow("bad ipv6") << idThen(QStringLiteral("&x.pe=[2001:db8::g]:4000"))
                                  << QStringLiteral("not an IPv6 address");
        QTest::newRow("short ipv4") << idThen(QStringLiteral("&x.pe=127.1:4000"))
                                    << QStringLiteral("not an IPv4 address");
        QTest::newRow("overlong name")
            << idThen(QStringLiteral("&x.pe=") + (QString(60, u'a') + u'.').repeated(5) +
                      QStringLiteral("org:1"))
            << QStringLiteral("longer than");
        QTest::newRow("overlong label")
            << idThen(QStringLiteral("&x.pe=") + QString(64, u'a') + QStringLiteral(".org:1"))
            << QStringLiteral("63");
        QTest::newRow("overlong escaped")
            << idThen(QStringLiteral("&x.pe=") + QStringLiteral("%61").repeated(800))
            << QStringLiteral("too long");
        QTest::newRow("scheme") << idThen(QStringLiteral("&x.pe=http://seed.example.org:4000"))
                                << QStringLiteral("without a scheme");
        QTest::newRow("path") << idThen(QStringLiteral("&x.pe=seed.example.org:4000/x"))
                              << QStringLiteral("x.pe");
        QTest::newRow("escaped blank")
            << idThen(QStringLiteral("&x.pe=seed%20example.org:4000")) << QStringLiteral("blank");
        QTest::newRow("escaped line break") << idThen(QStringLiteral("&x.pe=seed.example.org:4000%0A"))
                                            << QStringLiteral("control character");
        QTest::newRow("escaped non-ASCII") << idThen(QStringLiteral("&x.pe=b%C3%BCcher.example:1"))
                                           << QStringLiteral("broken percent escape");
        QTest::newRow("broken escape")
            << idThen(QStringLiteral("&x.pe=%5G::1]:1")) << QStringLiteral("broken percent escape");
        QTest::newRow("underscore") << idThen(QStringLiteral("&x.pe=bad_name.example:1"))
                                    << QStringLiteral("letters, digits");
        QTest::newRow("label with leading hyphen")
            << idThen(QStringLiteral("&x.pe=-a.example:1")) << QStringLiteral("letters, digits");
    }

    void contactsRejected() {
        QFETCH(QString, text);
        QFETCH(QString, said);
        const auto parsed = Link::parse(text);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(said), qPrintable(parsed.error()));
        QVERIFY2(parsed.error().size() < 300, qPrintable(parsed.error()));
    }

    // toString() writes at most kMaxContacts even when handed more, so what it prints always parses.
    void printsNoMoreContactsThanParseTakes() {
        Link link{sampleId(), QString(), -1};
        for (int i = 1; i <= Link::kMaxContacts + 3; ++i)
            link.contacts << node(QStringLiteral("192.0.2.1:%1").arg(i));
        const auto parsed = Link::parse(link.toString());
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed->contacts, link.contacts.first(Link::kMaxContacts));
    }
};

QTEST_GUILESS_MAIN(TestLink)
#include "tst_link.moc"
