// The desktop app's settings writes in a process of their own, for tst_crashsafety to kill: the same
// QSettings store the app opens (organisation Ringshare, application ringshare; the test points
// XDG_CONFIG_HOME at a folder of its own) and the same AppSettings::save().
//
//   crashsafety_settingswriter write   saves generation after generation, each one a function of its number,
//                                      and prints each number once it is saved; runs until killed
//   crashsafety_settingswriter read    prints the stored settings as one JSON object and the store's status
#include "ui/appsettings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <cstdio>

using ringshare::ui::AppSettings;

namespace {

// Every field is derived from the generation, so a store that mixed two generations, or lost some keys,
// shows as soon as it is read back.
AppSettings generation(qint64 n) {
    AppSettings settings;
    settings.port = quint16(1024 + n % 60'000);
    settings.bootstrap = {QStringLiteral("127.0.0.1:%1").arg(2000 + n % 1000),
                          QStringLiteral("[::1]:%1").arg(3000 + n % 1000)};
    settings.lan = n % 2 == 0;
    settings.downloadDir = QStringLiteral("/downloads/generation-%1").arg(n);
    settings.uploadLimitKiB = n;
    settings.downloadLimitKiB = 2 * n;
    settings.language = n % 3 == 0 ? QStringLiteral("de") : QStringLiteral("en");
    settings.closeToTray = n % 5 == 0;
    return settings;
}

QJsonObject toJson(const AppSettings& settings, QSettings::Status status) {
    return {{QStringLiteral("status"), int(status)},
            {QStringLiteral("port"), int(settings.port)},
            {QStringLiteral("bootstrap"), QJsonArray::fromStringList(settings.bootstrap)},
            {QStringLiteral("lan"), settings.lan},
            {QStringLiteral("download_dir"), settings.downloadDir},
            {QStringLiteral("upload_limit"), double(settings.uploadLimitKiB)},
            {QStringLiteral("download_limit"), double(settings.downloadLimitKiB)},
            {QStringLiteral("language"), settings.language},
            {QStringLiteral("close_to_tray"), settings.closeToTray},
            // Whether the fields are exactly those of the generation their upload limit names.
            {QStringLiteral("consistent"), settings == generation(settings.uploadLimitKiB)}};
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Ringshare"));
    QCoreApplication::setApplicationName(QStringLiteral("ringshare"));
    const QStringList arguments = QCoreApplication::arguments();
    const QString mode = arguments.value(1);

    if (mode == QLatin1String("read")) {
        QSettings store;
        const AppSettings settings = AppSettings::load(store);
        std::printf(
            "%s\n",
            QJsonDocument(toJson(settings, store.status())).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    if (mode != QLatin1String("write"))
        return 2;

    // Carries on from what an earlier, killed run saved last, so generation numbers only grow.
    qint64 next = 0;
    {
        QSettings store;
        next = AppSettings::load(store).uploadLimitKiB + 1;
    }
    for (;; ++next) {
        // A store per save, as the settings dialog opens one each time it applies.
        QSettings store;
        generation(next).save(store);
        if (store.status() != QSettings::NoError) {
            std::fprintf(stderr, "saving generation %lld failed with status %d\n", next, int(store.status()));
            return 1;
        }
        std::printf("%lld\n", next);
        std::fflush(stdout);
    }
}
