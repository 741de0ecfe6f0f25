// The files a download keeps in DIR/downloads so that it survives a crash or a quit: the resume map of a
// download whose manifest came (<content id>.json) and the pending link of one whose manifest has not
// (<content id>.link). Their formats, reading, checking and listing live here; the part file's bytes are
// PartFile's.
#pragma once

#include "base/result.h"
#include "share/link.h"
#include "share/manifest.h"

#include <QBitArray>
#include <QList>
#include <QSet>
#include <QString>

namespace ringshare::transfer {

class ResumeStore final {
public:
    // What a resume map says, read without touching the part file.
    struct Map {
        share::Manifest manifest;
        QString name;     // sanitised
        QString partName; // checked to be a plain file name ending in .part
        QString dir;      // the folder the part file is in (absolute); empty in maps from before it was kept
        QBitArray listed; // the chunks the map claims are written
        bool paused = false;
    };
    // A download asked for whose manifest has not come yet has no map, so it keeps its link beside the maps
    // until its part file is created: a restart picks it up too, paused if it was.
    struct Pending {
        share::Link link;
        bool paused = false;
    };

    [[nodiscard]] static QString statePath(const QString& stateDir, const share::ContentId& id);
    // Reads and checks the resume map of `id`; an error says why it cannot be used.
    [[nodiscard]] static Result<Map> readMap(const QString& stateDir, const share::ContentId& id);
    // Replaces the map atomically (the caller has flushed the chunks it lists).
    [[nodiscard]] static Result<void> writeMap(const QString& stateDir, const Map& map);
    // The content IDs of every resume map in `stateDir`, readable or not.
    [[nodiscard]] static QList<share::ContentId> mapsIn(const QString& stateDir);

    [[nodiscard]] static QString pendingPath(const QString& stateDir, const share::ContentId& id);
    [[nodiscard]] static Result<void> savePending(const QString& stateDir, const share::Link& link,
                                                  bool paused);
    // Reads and checks the pending link of `id`; an error says why it cannot be used.
    [[nodiscard]] static Result<Pending> readPending(const QString& stateDir, const share::ContentId& id);
    // The content IDs of every pending link in `stateDir`, readable or not.
    [[nodiscard]] static QList<share::ContentId> pendingIn(const QString& stateDir);
    static void forgetPending(const QString& stateDir, const share::ContentId& id);

    // Forgets a download whose part file is not open: its map, the part file the map names, its pending link.
    static void discardUnopened(const QString& downloadDir, const QString& stateDir,
                                const share::ContentId& id);

    // The downloads an earlier run left unfinished: from their maps, then those whose manifest had not come,
    // from their pending links. Damaged files are skipped with a warning, and `skip` (downloads whose files
    // are being deleted) is left out.
    [[nodiscard]] static QList<share::Link> unfinished(const QString& stateDir,
                                                       const QSet<share::ContentId>& skip);

    // The error for a state file that cannot be used, naming it.
    [[nodiscard]] static Error cannotResumeFrom(const QString& path, const QString& why);
};

} // namespace ringshare::transfer
