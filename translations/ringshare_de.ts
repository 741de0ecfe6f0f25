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
</context>
<context>
    <name>ringshare::ui::MainWindow</name>
    <message>
        <source>Share files with everyone on your ring, directly and securely.</source>
        <translation>Teilen Sie Dateien mit allen in Ihrem Ring – direkt und sicher.</translation>
    </message>
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
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
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
        <translation>&lt;h3&gt;Ringshare %1&lt;/h3&gt;&lt;p&gt;Peer-to-Peer-Dateitausch: Inhalte werden über eine verteilte Chord-Hashtabelle gefunden, und Dateien gehen direkt von Peer zu Peer über verschlüsselte, authentifizierte Verbindungen.&lt;/p&gt;</translation>
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
</TS>
