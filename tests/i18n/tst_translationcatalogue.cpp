// The German catalogue leaves no sentence of core untranslated: every message of a core context in
// translations/ringshare_de.ts has a finished translation that keeps the source's placeholders.
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form
    bool unfinished = false;
};

QList<Message> readCatalogue(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    QXmlStreamReader xml(&file);
    QList<Message> messages;
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message{context, {}, {}, false};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace())
                message.translations << xml.text().toString();
            // Plural forms follow as <numerusform> children; a plain translation ends here.
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    message.translations << xml.readElementText();
                xml.readNext();
            }
            messages.append(message);
        }
    }
    if (xml.hasError())
        qFatal("%s is not well-formed: %s", qPrintable(path), qPrintable(xml.errorString()));
    return messages;
}

bool isCoreContext(const QString& context) {
    const QRegularExpression core(
        QStringLiteral("^ringshare::(base|crypto|dht|net|session|share|transfer)::"));
    return core.match(context).hasMatch();
}

QSet<QString> placeholders(const QString& text) {
    const QRegularExpression marker(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

} // namespace

class TestTranslationCatalogue final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCoreMessageHasGerman() {
        const QList<Message> messages =
            readCatalogue(QStringLiteral(RINGSHARE_SOURCE_DIR "/translations/ringshare_de.ts"));
        QSet<QString> contexts;
        int core = 0;
        for (const Message& message : messages) {
            if (!isCoreContext(message.context))
                continue;
            ++core;
            contexts.insert(message.context);
            const QString where = message.context + QStringLiteral(": ") + message.source;
            QVERIFY2(!message.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
            QVERIFY2(!message.translations.isEmpty(), qPrintable(QStringLiteral("empty: ") + where));
            for (const QString& translation : message.translations) {
                QVERIFY2(!translation.trimmed().isEmpty(), qPrintable(QStringLiteral("empty: ") + where));
                QVERIFY2(translation != message.source, qPrintable(QStringLiteral("left English: ") + where));
                QVERIFY2(placeholders(translation) == placeholders(message.source),
                         qPrintable(QStringLiteral("placeholders differ: ") + where));
            }
        }
        // The sentences of the layers that reach the user are there at all (lupdate read core's sources).
        for (const char* expected :
             {"ringshare::session::Session", "ringshare::share::Library", "ringshare::share::FileHasher",
              "ringshare::transfer::PartFile", "ringshare::transfer::TransferManager",
              "ringshare::net::PeerCache", "ringshare::crypto::Identity"})
            QVERIFY2(contexts.contains(QLatin1String(expected)), expected);
        QVERIFY(core >= 100);
    }
};

QTEST_GUILESS_MAIN(TestTranslationCatalogue)
#include "tst_translationcatalogue.moc"
