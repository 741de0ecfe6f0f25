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
</TS>
