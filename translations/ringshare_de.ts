<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Peer-to-peer file sharing.</source>
        <translation>Peer-to-Peer-Dateitausch.</translation>
    </message>
    <message>
        <source>Keep identity and state in &lt;dir&gt;.</source>
        <translation>Identität und Zustand in &lt;dir&gt; ablegen.</translation>
    </message>
    <message>
        <source>Ringshare cannot start</source>
        <translation>Ringshare kann nicht starten</translation>
    </message>
    <message>
        <source>Start &lt;n&gt; local demo peers in this process, sharing sample files.</source>
        <translation>&lt;n&gt; lokale Demo-Peers in diesem Prozess starten, die Beispieldateien freigeben.</translation>
    </message>
    <message>
        <source>The cryptography library failed to start.</source>
        <translation>Die Kryptografiebibliothek konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>--demo takes a number of peers from 1 to 200.</source>
        <translation>--demo erwartet eine Anzahl von Peers zwischen 1 und 200.</translation>
    </message>
    <message numerus="yes">
        <source>Demo mode: %n local peer(s) are joining, each sharing sample files. Search for &quot;sample&quot; to try a download.</source>
        <translation>
            <numerusform>Demo-Modus: %n lokaler Peer tritt dem Ring bei und gibt Beispieldateien frei. Suchen Sie nach „sample“, um einen Download auszuprobieren.</numerusform>
            <numerusform>Demo-Modus: %n lokale Peers treten dem Ring bei und geben jeweils Beispieldateien frei. Suchen Sie nach „sample“, um einen Download auszuprobieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>ringshare: links to download. If Ringshare already runs with the same data folder, its window gets them.</source>
        <translation>Herunterzuladende ringshare:-Links. Läuft Ringshare bereits mit demselben Datenordner, erhält dessen Fenster die Links.</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Links opened from other programs cannot reach this window: %1</source>
        <translation>In anderen Programmen geöffnete Links können dieses Fenster nicht erreichen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Give at most %n link(s) at a time.</source>
        <translation>
            <numerusform>Geben Sie höchstens %n Link auf einmal an.</numerusform>
            <numerusform>Geben Sie höchstens %n Links auf einmal an.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ringshare::ui::AppSettings</name>
    <message>
        <source>Port %1 is reserved for system services; choose one from 1024 to 65535, or 0 for any free port.</source>
        <translation>Port %1 ist für Systemdienste reserviert; wählen Sie einen Port von 1024 bis 65535 oder 0 für einen beliebigen freien Port.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a node address; write an IP address and a port, like 192.0.2.7:4000 or [2001:db8::7]:4000.</source>
        <translation>„%1“ ist keine Knotenadresse; geben Sie eine IP-Adresse und einen Port an, etwa 192.0.2.7:4000 oder [2001:db8::7]:4000.</translation>
    </message>
    <message>
        <source>The download folder must be a full path.</source>
        <translation>Der Download-Ordner muss als vollständiger Pfad angegeben werden.</translation>
    </message>
    <message>
        <source>The download folder %1 is a file, not a folder.</source>
        <translation>Der Download-Ordner %1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>You cannot write to the download folder %1.</source>
        <translation>Sie haben keine Schreibberechtigung für den Download-Ordner %1.</translation>
    </message>
    <message>
        <source>Rate limits go from 0 (none) to %1 KiB/s.</source>
        <translation>Übertragungslimits reichen von 0 (kein Limit) bis %1 KiB/s.</translation>
    </message>
    <message>
        <source>Ringshare is not translated into &quot;%1&quot;.</source>
        <translation>Für „%1“ gibt es keine Übersetzung von Ringshare.</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::Format</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 Tg. %2 Std.</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Ringshare</source>
        <translation>Ü&amp;ber Ringshare</translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>Knoten %1</translation>
    </message>
    <message>
        <source>Your node ID (your place on the ring):
%1</source>
        <translation>Ihre Knoten-ID (Ihr Platz im Ring):
%1</translation>
    </message>
    <message>
        <source>About Ringshare</source>
        <translation>Über Ringshare</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Ringshare %1&lt;/h3&gt;&lt;p&gt;Peer-to-peer file sharing: content is found through a Chord distributed hash table and files move directly between peers over encrypted, authenticated connections.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ringshare %1&lt;/h3&gt;&lt;p&gt;Peer-to-Peer-Dateitausch: Inhalte werden über eine verteilte Chord-Hashtabelle gefunden, und Dateien werden über verschlüsselte, authentifizierte Verbindungen direkt zwischen Peers übertragen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Files you share (Ctrl+1)</source>
        <translation>Dateien, die Sie freigeben (Strg+1)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Find files by name (Ctrl+2)</source>
        <translation>Dateien nach Namen suchen (Strg+2)</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>Downloads and uploads (Ctrl+3)</source>
        <translation>Downloads und Uploads (Strg+3)</translation>
    </message>
    <message>
        <source>Ring</source>
        <translation>Ring</translation>
    </message>
    <message>
        <source>The live ring of peers (Ctrl+4)</source>
        <translation>Der aktuelle Ring der Peers (Strg+4)</translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation>Download abgeschlossen</translation>
    </message>
    <message>
        <source>%1 is ready.</source>
        <translation>%1 steht bereit.</translation>
    </message>
    <message>
        <source>A download failed: %1</source>
        <translation>Ein Download ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>%1 kann nicht heruntergeladen werden: %2</translation>
    </message>
    <message>
        <source>Downloading %1. It appears under Transfers.</source>
        <translation>%1 wird heruntergeladen. Der Download erscheint unter „Übertragungen“.</translation>
    </message>
    <message>
        <source>Share &amp;Files…</source>
        <translation>&amp;Dateien freigeben…</translation>
    </message>
    <message>
        <source>Share F&amp;older…</source>
        <translation>&amp;Ordner freigeben…</translation>
    </message>
    <message>
        <source>Open &amp;Link…</source>
        <translation>&amp;Link öffnen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Shared</source>
        <translation>&amp;Freigaben</translation>
    </message>
    <message>
        <source>S&amp;earch</source>
        <translation>S&amp;uche</translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation>&amp;Übertragungen</translation>
    </message>
    <message>
        <source>&amp;Ring</source>
        <translation>&amp;Ring</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Pause All Downloads</source>
        <translation>&amp;Alle Downloads pausieren</translation>
    </message>
    <message>
        <source>&amp;Show or Hide Ringshare</source>
        <translation>Ringshare &amp;zeigen oder verbergen</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Leaving the ring…</source>
        <translation>Ring wird verlassen…</translation>
    </message>
    <message>
        <source>Alone: waiting for peers</source>
        <translation>Allein: Warten auf Peers</translation>
    </message>
    <message numerus="yes">
        <source>On a ring of %n node(s)</source>
        <translation>
            <numerusform>In einem Ring mit %n Knoten</numerusform>
            <numerusform>In einem Ring mit %n Knoten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On a ring of about %n node(s)</source>
        <translation>
            <numerusform>In einem Ring mit etwa %n Knoten</numerusform>
            <numerusform>In einem Ring mit etwa %n Knoten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n peer(s) known</source>
        <translation>
            <numerusform>%n Peer bekannt</numerusform>
            <numerusform>%n Peers bekannt</numerusform>
        </translation>
    </message>
    <message>
        <source>↓ %1  ↑ %2</source>
        <translation>↓ %1  ↑ %2</translation>
    </message>
    <message>
        <source>Download %1, upload %2</source>
        <translation>Download %1, Upload %2</translation>
    </message>
    <message>
        <source>the port</source>
        <translation>dem Port</translation>
    </message>
    <message>
        <source>local network discovery</source>
        <translation>der Peer-Suche im lokalen Netzwerk</translation>
    </message>
    <message>
        <source>the download folder</source>
        <translation>dem Download-Ordner</translation>
    </message>
    <message>
        <source>the language</source>
        <translation>der Sprache</translation>
    </message>
    <message>
        <source>Settings saved. Changes to %1 take effect when Ringshare starts again.</source>
        <translation>Einstellungen gespeichert. Änderungen an %1 werden beim nächsten Start von Ringshare wirksam.</translation>
    </message>
    <message>
        <source>Settings saved and applied.</source>
        <translation>Einstellungen gespeichert und übernommen.</translation>
    </message>
    <message>
        <source>Open Link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <source>Paste a ringshare: link:</source>
        <translation>Fügen Sie einen ringshare:-Link ein:</translation>
    </message>
    <message>
        <source>This is not a valid ringshare: link: %1</source>
        <translation>Dies ist kein gültiger ringshare:-Link: %1</translation>
    </message>
    <message>
        <source>A peer was disconnected: %1</source>
        <translation>Die Verbindung zu einem Peer wurde getrennt: %1</translation>
    </message>
    <message>
        <source>No bootstrap node has answered, so Ringshare is not on a ring yet. It keeps trying; check the network connection and the bootstrap nodes in Settings.</source>
        <translation>Kein Einstiegsknoten hat geantwortet, daher ist Ringshare noch in keinem Ring. Es wird weiter versucht; prüfen Sie die Netzwerkverbindung und die Einstiegsknoten in den Einstellungen.</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::RateGraph</name>
    <message>
        <source>Transfer rate graph</source>
        <translation>Diagramm der Übertragungsrate</translation>
    </message>
    <message>
        <source>Download %1, upload %2</source>
        <translation>Download %1, Upload %2</translation>
    </message>
    <message>
        <source>Down %1</source>
        <translation>Download %1</translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation>Upload %1</translation>
    </message>
    <message>
        <source>peak %1</source>
        <translation>Spitze %1</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::RingPage</name>
    <message>
        <source>Not on a ring</source>
        <translation>In keinem Ring</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Beitritt zum Ring…</translation>
    </message>
    <message>
        <source>Leaving…</source>
        <translation>Ring wird verlassen…</translation>
    </message>
    <message>
        <source>Alone, waiting for peers</source>
        <translation>Allein, Warten auf Peers</translation>
    </message>
    <message>
        <source>On the ring</source>
        <translation>Im Ring</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s), all shown</source>
        <translation>
            <numerusform>%n Knoten, alle angezeigt</numerusform>
            <numerusform>%n Knoten, alle angezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n node(s); showing those this node knows</source>
        <translation>
            <numerusform>etwa %n Knoten; angezeigt werden die diesem Knoten bekannten</numerusform>
            <numerusform>etwa %n Knoten; angezeigt werden die diesem Knoten bekannten</numerusform>
        </translation>
    </message>
    <message>
        <source>This node</source>
        <translation>Dieser Knoten</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ring</source>
        <translation>Ring</translation>
    </message>
    <message>
        <source>Predecessor</source>
        <translation>Vorgänger</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Successors</source>
        <translation>Nachfolger</translation>
    </message>
    <message>
        <source>Shortcuts (fingers)</source>
        <translation>Abkürzungen (Finger)</translation>
    </message>
    <message>
        <source>Keys held here</source>
        <translation>Hier gespeicherte Schlüssel</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::RingView</name>
    <message>
        <source>Ring diagram</source>
        <translation>Ringdiagramm</translation>
    </message>
    <message>
        <source>Not on a ring yet</source>
        <translation>Noch in keinem Ring</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes — the whole ring</source>
        <translation>
            <numerusform>%n Knoten – der ganze Ring</numerusform>
            <numerusform>%n Knoten – der ganze Ring</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nodes known — part of a larger ring</source>
        <translation>
            <numerusform>%n Knoten bekannt – Teil eines größeren Rings</numerusform>
            <numerusform>%n Knoten bekannt – Teil eines größeren Rings</numerusform>
        </translation>
    </message>
    <message>
        <source>This node</source>
        <translation>Dieser Knoten</translation>
    </message>
    <message>
        <source>Predecessor</source>
        <translation>Vorgänger</translation>
    </message>
    <message>
        <source>Successor %1</source>
        <translation>Nachfolger %1</translation>
    </message>
    <message>
        <source>Finger (shortcut)</source>
        <translation>Finger (Abkürzung)</translation>
    </message>
    <message>
        <source>Known node</source>
        <translation>Bekannter Knoten</translation>
    </message>
    <message>
        <source>%1, leaving</source>
        <translation>%1, verlässt den Ring</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Node %1
Address: %2
Role: %3</source>
        <translation>Knoten %1
Adresse: %2
Rolle: %3</translation>
    </message>
    <message>
        <source>The identifier ring: each node is a dot placed by its ID. %1.</source>
        <translation>Der ID-Ring: Jeder Knoten ist ein Punkt an der Stelle seiner ID. %1.</translation>
    </message>
    <message>
        <source>Predecessor, successors</source>
        <translation>Vorgänger, Nachfolger</translation>
    </message>
    <message>
        <source>Fingers</source>
        <translation>Finger</translation>
    </message>
    <message>
        <source>Other nodes</source>
        <translation>Weitere Knoten</translation>
    </message>
    <message>
        <source>Leaving</source>
        <translation>Verlässt den Ring</translation>
    </message>
    <message>
        <source>Lookup path</source>
        <translation>Suchpfad</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SearchModel</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1
Content ID %2</source>
        <translation>%1
Inhalts-ID %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Übereinstimmung</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SearchPage</name>
    <message>
        <source>Search by name, or paste a ringshare: link</source>
        <translation>Nach Namen suchen oder ringshare:-Link einfügen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Type words from a file&apos;s name. Every word must appear in it.</source>
        <translation>Geben Sie Wörter aus einem Dateinamen ein. Jedes Wort muss darin vorkommen.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>Download the selected files (Enter)</source>
        <translation>Ausgewählte Dateien herunterladen (Eingabetaste)</translation>
    </message>
    <message>
        <source>This is not a valid ringshare: link: %1</source>
        <translation>Dies ist kein gültiger ringshare:-Link: %1</translation>
    </message>
    <message>
        <source>Downloading %1 from the link.</source>
        <translation>%1 wird über den Link heruntergeladen.</translation>
    </message>
    <message>
        <source>Type words from a file&apos;s name.</source>
        <translation>Geben Sie Wörter aus einem Dateinamen ein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no word to search for; words of one letter and very common words are left out.</source>
        <translation>„%1“ enthält kein Suchwort; Wörter aus nur einem Buchstaben und sehr häufige Wörter werden ignoriert.</translation>
    </message>
    <message numerus="yes">
        <source>Searching for &quot;%1&quot;… %n result(s) so far</source>
        <translation>
            <numerusform>Suche nach „%1“… bisher %n Ergebnis</numerusform>
            <numerusform>Suche nach „%1“… bisher %n Ergebnisse</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching for &quot;%1&quot;…</source>
        <translation>Suche nach „%1“…</translation>
    </message>
    <message>
        <source>No shared file matches &quot;%1&quot;.</source>
        <translation>Keine freigegebene Datei passt zu „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) match &quot;%1&quot;.</source>
        <translation>
            <numerusform>%n Datei passt zu „%1“.</numerusform>
            <numerusform>%n Dateien passen zu „%1“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Part of the ring did not answer in time, so there may be more.</source>
        <translation>Ein Teil des Rings hat nicht rechtzeitig geantwortet, daher gibt es möglicherweise weitere Treffer.</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SessionStart</name>
    <message>
        <source>Port %1 cannot be used (%2), so Ringshare listens on port %3 for now. Choose another port in Settings, or close the program that holds it.</source>
        <translation>Port %1 kann nicht verwendet werden (%2), daher lauscht Ringshare vorerst auf Port %3. Wählen Sie in den Einstellungen einen anderen Port oder beenden Sie das Programm, das ihn belegt.</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SettingsDialog</name>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Ringshare Settings</source>
        <translation>Ringshare-Einstellungen</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>The UDP and TCP port other peers reach this node on. Needs a restart.</source>
        <translation>Der UDP- und TCP-Port, über den andere Peers diesen Knoten erreichen. Erfordert einen Neustart.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>One node per line, e.g. 192.0.2.7:4000</source>
        <translation>Ein Knoten pro Zeile, z. B. 192.0.2.7:4000</translation>
    </message>
    <message>
        <source>Nodes to join the ring through. New ones are contacted at once.</source>
        <translation>Knoten, über die Sie dem Ring beitreten. Neue werden sofort kontaktiert.</translation>
    </message>
    <message>
        <source>&amp;Bootstrap nodes:</source>
        <translation>&amp;Einstiegsknoten:</translation>
    </message>
    <message>
        <source>Find peers on the &amp;local network</source>
        <translation>Peers im lokalen &amp;Netzwerk finden</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Download folder:</source>
        <translation>Download-&amp;Ordner:</translation>
    </message>
    <message>
        <source>Download &amp;limit:</source>
        <translation>Download-&amp;Limit:</translation>
    </message>
    <message>
        <source>&amp;Upload limit:</source>
        <translation>&amp;Upload-Limit:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Takes effect when Ringshare starts again.</source>
        <translation>Wird beim nächsten Start von Ringshare wirksam.</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Closing the window keeps Ringshare running in the &amp;tray</source>
        <translation>Beim Schließen des Fensters läuft Ringshare im &amp;Infobereich weiter</translation>
    </message>
    <message>
        <source>Shared files and folders</source>
        <translation>Freigegebene Dateien und Ordner</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Ordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Entfe&amp;rnen</translation>
    </message>
    <message>
        <source>S&amp;hared folders:</source>
        <translation>&amp;Freigegebene Ordner:</translation>
    </message>
    <message>
        <source>Share a folder</source>
        <translation>Ordner freigeben</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SharedModel</name>
    <message>
        <source>Waiting to be hashed</source>
        <translation>Wartet auf Prüfsummenberechnung</translation>
    </message>
    <message>
        <source>Hashing… %1%</source>
        <translation>Prüfsumme wird berechnet… %1 %</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Keyword records</source>
        <translation>Stichworteinträge</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SharedPage</name>
    <message>
        <source>Add &amp;files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation>Freigabe &amp;beenden</translation>
    </message>
    <message>
        <source>Open &amp;containing folder</source>
        <translation>&amp;Speicherort öffnen</translation>
    </message>
    <message>
        <source>Copy &amp;link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>Share one or more files (Ctrl+O)</source>
        <translation>Eine oder mehrere Dateien freigeben (Strg+O)</translation>
    </message>
    <message>
        <source>Share a folder and everything in it (Ctrl+Shift+O)</source>
        <translation>Einen Ordner mit seinem gesamten Inhalt freigeben (Strg+Umschalt+O)</translation>
    </message>
    <message>
        <source>Copy a ringshare: link that lets anyone download this file</source>
        <translation>Einen ringshare:-Link kopieren, mit dem jeder diese Datei herunterladen kann</translation>
    </message>
    <message>
        <source>Drop files or folders anywhere on this window, or use Add files…, to share them with everyone on the ring.</source>
        <translation>Ziehen Sie Dateien oder Ordner an eine beliebige Stelle dieses Fensters oder verwenden Sie „Dateien hinzufügen…“, um sie für alle im Ring freizugeben.</translation>
    </message>
    <message>
        <source>Shared files</source>
        <translation>Freigegebene Dateien</translation>
    </message>
    <message>
        <source>Cannot share %1: %2</source>
        <translation>%1 kann nicht freigegeben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Sharing %n item(s); they are hashed in the background.</source>
        <translation>
            <numerusform>%n Element wird freigegeben; die Prüfsumme wird im Hintergrund berechnet.</numerusform>
            <numerusform>%n Elemente werden freigegeben; die Prüfsummen werden im Hintergrund berechnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Share files</source>
        <translation>Dateien freigeben</translation>
    </message>
    <message>
        <source>Share a folder</source>
        <translation>Ordner freigeben</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1, %2 ready</source>
        <translation>
            <numerusform>%n Datei, %1, %2 bereit</numerusform>
            <numerusform>%n Dateien, %1, %2 bereit</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop sharing folders</source>
        <translation>Ordnerfreigabe beenden</translation>
    </message>
    <message>
        <source>The selected files are shared as part of these folders:

%1

Stop sharing the whole folders? Nothing is deleted from your disk.</source>
        <translation>Die ausgewählten Dateien sind als Teil dieser Ordner freigegeben:

%1

Freigabe der gesamten Ordner beenden? Von Ihrem Datenträger wird nichts gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped sharing %n item(s). Nothing was deleted from your disk.</source>
        <translation>
            <numerusform>Freigabe von %n Element beendet. Von Ihrem Datenträger wurde nichts gelöscht.</numerusform>
            <numerusform>Freigabe von %n Elementen beendet. Von Ihrem Datenträger wurde nichts gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>No program is set up to open folders (%1).</source>
        <translation>Es ist kein Programm zum Öffnen von Ordnern eingerichtet (%1).</translation>
    </message>
    <message>
        <source>Link to %1 copied.</source>
        <translation>Link zu %1 kopiert.</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SingleInstance</name>
    <message>
        <source>Another Ringshare window uses the same data folder.</source>
        <translation>Ein anderes Ringshare-Fenster verwendet denselben Datenordner.</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::TransfersModel</name>
    <message numerus="yes">
        <source>Uploading to %n peer(s)</source>
        <translation>
            <numerusform>Upload an %n Peer</numerusform>
            <numerusform>Upload an %n Peers</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for sources</source>
        <translation>Suche nach Quellen</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 sent</source>
        <translation>%1 gesendet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Peers</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Checking what was downloaded before</source>
        <translation>Bisher Heruntergeladenes wird geprüft</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::TransfersPage</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Open &amp;file</source>
        <translation>&amp;Datei öffnen</translation>
    </message>
    <message>
        <source>Open f&amp;older</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation>Abgeschlossene &amp;entfernen</translation>
    </message>
    <message>
        <source>Stop the download and delete what was fetched so far</source>
        <translation>Download abbrechen und bisher Heruntergeladenes löschen</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>Cancel downloads</source>
        <translation>Downloads abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n download(s) and delete what was fetched so far?</source>
        <translation>
            <numerusform>%n Download abbrechen und bisher Heruntergeladenes löschen?</numerusform>
            <numerusform>%n Downloads abbrechen und bisher Heruntergeladenes löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>No program is set up to open %1.</source>
        <translation>Es ist kein Programm zum Öffnen von %1 eingerichtet.</translation>
    </message>
    <message>
        <source>No program is set up to open folders.</source>
        <translation>Es ist kein Programm zum Öffnen von Ordnern eingerichtet.</translation>
    </message>
</context>
</TS>
