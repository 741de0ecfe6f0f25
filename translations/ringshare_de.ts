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
    <name>ringshare::base::SystemError</name>
    <message>
        <source>No such file or directory</source>
        <translation>Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>Vorgang nicht erlaubt</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>Kein Platz mehr auf dem Datenträger</translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation>Speicherkontingent überschritten</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>Dateisystem nur lesbar</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>Ist ein Ordner</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>Ist kein Ordner</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>Datei existiert bereits</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>Ein-/Ausgabefehler</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>Dateiname zu lang</translation>
    </message>
    <message>
        <source>File too large</source>
        <translation>Datei zu groß</translation>
    </message>
    <message>
        <source>Too many open files</source>
        <translation>Zu viele offene Dateien</translation>
    </message>
    <message>
        <source>Too many levels of symbolic links</source>
        <translation>Zu viele Ebenen symbolischer Links</translation>
    </message>
    <message>
        <source>Device or resource busy</source>
        <translation>Gerät oder Ressource belegt</translation>
    </message>
    <message>
        <source>Invalid cross-device link</source>
        <translation>Verknüpfung über Gerätegrenzen hinweg nicht möglich</translation>
    </message>
</context>
<context>
    <name>ringshare::crypto::Identity</name>
    <message>
        <source> The file was left untouched; move it away to start with a new identity (peers will then see a new node).</source>
        <translation> Die Datei wurde nicht verändert; verschieben Sie sie, um mit einer neuen Identität zu starten (andere Peers sehen dann einen neuen Knoten).</translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot read the identity file %1: %2.</source>
        <translation>Die Identitätsdatei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is not a Ringshare identity file (not a regular file of at most 1 KiB).</source>
        <translation>%1 ist keine Ringshare-Identitätsdatei (keine normale Datei von höchstens 1 KiB).</translation>
    </message>
    <message>
        <source>The identity file %1 is truncated.</source>
        <translation>Die Identitätsdatei %1 ist unvollständig.</translation>
    </message>
    <message>
        <source>%1 is not a Ringshare identity file.</source>
        <translation>%1 ist keine Ringshare-Identitätsdatei.</translation>
    </message>
    <message>
        <source>The identity file %1 is corrupt (malformed line).</source>
        <translation>Die Identitätsdatei %1 ist beschädigt (fehlerhafte Zeile).</translation>
    </message>
    <message>
        <source>The identity file %1 is corrupt (its checksum does not match).</source>
        <translation>Die Identitätsdatei %1 ist beschädigt (ihre Prüfsumme stimmt nicht).</translation>
    </message>
    <message>
        <source>Cannot write the identity file %1: %2.</source>
        <translation>Die Identitätsdatei %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>an identity file already exists there</source>
        <translation>dort gibt es bereits eine Identitätsdatei</translation>
    </message>
</context>
<context>
    <name>ringshare::crypto::SecureChannel</name>
    <message>
        <source>The peer sent data before this side started the handshake.</source>
        <translation>Der Peer hat Daten gesendet, bevor diese Seite den Verbindungsaufbau begonnen hat.</translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s %1 should be %2 bytes, but it announced %3. It may not be a Ringshare node, or it broke the protocol.</source>
        <translation>Verbindungsaufbau fehlgeschlagen: %1 des Peers sollte %2 Byte lang sein, angekündigt wurden aber %3. Vielleicht ist er kein Ringshare-Knoten, oder er hat das Protokoll verletzt.</translation>
    </message>
    <message>
        <source>The peer sent a frame of %1 bytes, too short to hold a message.</source>
        <translation>Der Peer hat einen Rahmen von %1 Byte gesendet, zu kurz für eine Nachricht.</translation>
    </message>
    <message>
        <source>The peer announced a message of %1 bytes; at most %2 are accepted.</source>
        <translation>Der Peer hat eine Nachricht von %1 Byte angekündigt; höchstens %2 werden angenommen.</translation>
    </message>
    <message>
        <source>The peer does not speak the Ringshare channel protocol (its hello does not begin with %1).</source>
        <translation>Der Peer spricht nicht das Ringshare-Kanalprotokoll (seine Begrüßung beginnt nicht mit %1).</translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s key exchange key is not usable.</source>
        <translation>Verbindungsaufbau fehlgeschlagen: Der Schlüsselaustausch-Schlüssel des Peers ist unbrauchbar.</translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s reply does not decrypt; it was altered on the way or answers another connection.</source>
        <translation>Verbindungsaufbau fehlgeschlagen: Die Antwort des Peers lässt sich nicht entschlüsseln; sie wurde unterwegs verändert oder gehört zu einer anderen Verbindung.</translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s signature does not match its identity.</source>
        <translation>Verbindungsaufbau fehlgeschlagen: Die Signatur des Peers passt nicht zu seiner Identität.</translation>
    </message>
    <message>
        <source>Handshake failed: the peer is node %1, not the expected node %2.</source>
        <translation>Verbindungsaufbau fehlgeschlagen: Der Peer ist Knoten %1, nicht der erwartete Knoten %2.</translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s proof of identity does not decrypt; it was altered on the way or belongs to another connection.</source>
        <translation>Verbindungsaufbau fehlgeschlagen: Der Identitätsnachweis des Peers lässt sich nicht entschlüsseln; er wurde unterwegs verändert oder gehört zu einer anderen Verbindung.</translation>
    </message>
    <message>
        <source>A message from the peer failed authentication: it was altered, replayed or reordered, or one before it is missing.</source>
        <translation>Eine Nachricht des Peers hat die Echtheitsprüfung nicht bestanden: Sie wurde verändert, wiederholt oder umgestellt, oder eine vorherige fehlt.</translation>
    </message>
    <message>
        <source>The peer marked a message as %1, which this protocol never sends.</source>
        <translation>Der Peer hat eine Nachricht als %1 gekennzeichnet, was dieses Protokoll nie sendet.</translation>
    </message>
    <message>
        <source>the end of its stream</source>
        <translation>Ende seines Datenstroms</translation>
    </message>
    <message>
        <source>a stream control message</source>
        <translation>Steuernachricht des Datenstroms</translation>
    </message>
    <message>
        <source>hello</source>
        <translation>Die Begrüßung</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>Die Antwort</translation>
    </message>
    <message>
        <source>proof of identity</source>
        <translation>Der Identitätsnachweis</translation>
    </message>
</context>
<context>
    <name>ringshare::net</name>
    <message>
        <source>%1 is not an http:// address</source>
        <translation>%1 ist keine http://-Adresse</translation>
    </message>
    <message>
        <source>%1 names a host rather than giving its address</source>
        <translation>%1 nennt einen Rechnernamen statt einer Adresse</translation>
    </message>
    <message>
        <source>%1 points outside the local network</source>
        <translation>%1 zeigt aus dem lokalen Netz hinaus</translation>
    </message>
    <message>
        <source>%1 points at this machine itself</source>
        <translation>%1 zeigt auf diesen Rechner selbst</translation>
    </message>
    <message>
        <source>%1 is on none of this machine&apos;s local networks</source>
        <translation>%1 liegt in keinem lokalen Netz dieses Rechners</translation>
    </message>
</context>
<context>
    <name>ringshare::net::HostPort</name>
    <message>
        <source>it is empty</source>
        <translation>es ist leer</translation>
    </message>
    <message>
        <source>it is longer than %1 characters</source>
        <translation>es ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>it contains a blank or a control character</source>
        <translation>es enthält ein Leer- oder Steuerzeichen</translation>
    </message>
    <message>
        <source>write HOST:PORT alone, without a scheme like udp://</source>
        <translation>geben Sie nur HOST:PORT an, ohne ein Schema wie udp://</translation>
    </message>
    <message>
        <source>an IPv6 address is written [ADDRESS]:PORT, like [2001:db8::1]:4000</source>
        <translation>eine IPv6-Adresse wird [ADRESSE]:PORT geschrieben, etwa [2001:db8::1]:4000</translation>
    </message>
    <message>
        <source>the part in brackets is not an IPv6 address</source>
        <translation>der Teil in Klammern ist keine IPv6-Adresse</translation>
    </message>
    <message>
        <source>it has no port (write HOST:PORT, like seed.example.org:4000)</source>
        <translation>es fehlt der Port (HOST:PORT, etwa seed.example.org:4000)</translation>
    </message>
    <message>
        <source>the port is not a number from 1 to 65535</source>
        <translation>der Port ist keine Zahl von 1 bis 65535</translation>
    </message>
    <message>
        <source>there is no host before the port</source>
        <translation>vor dem Port steht kein Host</translation>
    </message>
    <message>
        <source>an IPv6 address goes in brackets, like [2001:db8::1]:4000</source>
        <translation>eine IPv6-Adresse gehört in eckige Klammern, etwa [2001:db8::1]:4000</translation>
    </message>
    <message>
        <source>it is not an IPv4 address</source>
        <translation>es ist keine IPv4-Adresse</translation>
    </message>
    <message>
        <source>a host name has only letters, digits, hyphens and dots, in parts of at most 63 characters</source>
        <translation>ein Hostname besteht nur aus Buchstaben, Ziffern, Bindestrichen und Punkten, in Teilen von höchstens 63 Zeichen</translation>
    </message>
</context>
<context>
    <name>ringshare::net::HostResolver</name>
    <message>
        <source>no address found</source>
        <translation>keine Adresse gefunden</translation>
    </message>
    <message>
        <source>Cannot find the node %1: %2</source>
        <translation>Der Knoten %1 wurde nicht gefunden: %2</translation>
    </message>
</context>
<context>
    <name>ringshare::net::LanDiscovery</name>
    <message>
        <source>LAN discovery is off: cannot %1 (%2).</source>
        <translation>Die Suche im lokalen Netz ist aus: %1 nicht möglich (%2).</translation>
    </message>
    <message>
        <source>listen on UDP port %1</source>
        <translation>Empfang auf UDP-Port %1</translation>
    </message>
    <message>
        <source>join the multicast group %1</source>
        <translation>Beitritt zur Multicast-Gruppe %1</translation>
    </message>
</context>
<context>
    <name>ringshare::net::NatPmpBackend</name>
    <message>
        <source>no gateway to ask over NAT-PMP: %1</source>
        <translation>kein Gateway, das über NAT-PMP gefragt werden kann: %1</translation>
    </message>
    <message>
        <source>cannot ask the gateway %1 over NAT-PMP: %2</source>
        <translation>das Gateway %1 kann nicht über NAT-PMP gefragt werden: %2</translation>
    </message>
    <message>
        <source>the gateway %1 did not answer NAT-PMP</source>
        <translation>das Gateway %1 hat auf NAT-PMP nicht geantwortet</translation>
    </message>
    <message>
        <source>the gateway %1 refused NAT-PMP: %2</source>
        <translation>das Gateway %1 hat NAT-PMP abgelehnt: %2</translation>
    </message>
    <message>
        <source>no NAT-PMP gateway</source>
        <translation>kein NAT-PMP-Gateway</translation>
    </message>
    <message>
        <source>the gateway stopped answering NAT-PMP</source>
        <translation>das Gateway antwortet nicht mehr auf NAT-PMP</translation>
    </message>
    <message>
        <source>the gateway refused to forward %1 port %2: %3</source>
        <translation>das Gateway hat abgelehnt, %1-Port %2 weiterzuleiten: %3</translation>
    </message>
    <message>
        <source>the gateway did not remove the mapping: %1</source>
        <translation>das Gateway hat die Weiterleitung nicht entfernt: %1</translation>
    </message>
</context>
<context>
    <name>ringshare::net::PeerCache</name>
    <message>
        <source>Cannot save the known peers to %1: %2.</source>
        <translation>Die bekannten Peers können nicht in %1 gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>Ignoring the known peers in %1: %2.</source>
        <translation>Die bekannten Peers in %1 werden ignoriert: %2.</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine normale Datei</translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>die Datei ist größer als %1 Byte</translation>
    </message>
    <message>
        <source>not a peer list this version understands</source>
        <translation>keine Peer-Liste, die diese Version versteht</translation>
    </message>
</context>
<context>
    <name>ringshare::net::PortMapper</name>
    <message>
        <source>every port asked for is taken on the router</source>
        <translation>jeder erbetene Port ist am Router schon vergeben</translation>
    </message>
    <message>
        <source>no way of asking the router</source>
        <translation>keine Möglichkeit, den Router zu fragen</translation>
    </message>
    <message>
        <source>no router holds the mappings</source>
        <translation>kein Router hält die Weiterleitungen</translation>
    </message>
    <message>
        <source>the router no longer keeps %1 port %2</source>
        <translation>der Router hält %1-Port %2 nicht mehr</translation>
    </message>
    <message>
        <source>the router dropped the mapping of %1 port %2</source>
        <translation>der Router hat die Weiterleitung von %1-Port %2 verworfen</translation>
    </message>
</context>
<context>
    <name>ringshare::net::PortMappingState</name>
    <message>
        <source>port mapping off</source>
        <translation>Portweiterleitung aus</translation>
    </message>
    <message>
        <source>asking the router to forward the ports</source>
        <translation>der Router wird gebeten, die Ports weiterzuleiten</translation>
    </message>
    <message>
        <source>ports forwarded via %1: UDP %2:%3, TCP %2:%4</source>
        <translation>Ports weitergeleitet über %1: UDP %2:%3, TCP %2:%4</translation>
    </message>
    <message>
        <source>no port mapping: %1</source>
        <translation>keine Portweiterleitung: %1</translation>
    </message>
</context>
<context>
    <name>ringshare::net::TcpStream</name>
    <message>
        <source>the peer closed the connection</source>
        <translation>der Peer hat die Verbindung geschlossen</translation>
    </message>
</context>
<context>
    <name>ringshare::net::UdpTransport</name>
    <message>
        <source>Cannot listen for UDP on %1:%2: %3.</source>
        <translation>UDP-Empfang auf %1:%2 nicht möglich: %3.</translation>
    </message>
</context>
<context>
    <name>ringshare::net::UpnpBackend</name>
    <message>
        <source>no UPnP router answered</source>
        <translation>kein UPnP-Router hat geantwortet</translation>
    </message>
    <message>
        <source>no UPnP router on the local network: %1</source>
        <translation>kein UPnP-Router im lokalen Netz: %1</translation>
    </message>
    <message>
        <source>no UPnP Internet gateway answered</source>
        <translation>kein UPnP-Internet-Gateway hat geantwortet</translation>
    </message>
    <message>
        <source>the UPnP router&apos;s control address is refused: %1</source>
        <translation>die Steueradresse des UPnP-Routers wird abgelehnt: %1</translation>
    </message>
    <message>
        <source>the UPnP router did not tell its external address: %1</source>
        <translation>der UPnP-Router hat seine externe Adresse nicht genannt: %1</translation>
    </message>
    <message>
        <source>no UPnP router</source>
        <translation>kein UPnP-Router</translation>
    </message>
    <message>
        <source>the UPnP router refused to forward %1 port %2: %3</source>
        <translation>der UPnP-Router hat abgelehnt, %1-Port %2 weiterzuleiten: %3</translation>
    </message>
    <message>
        <source>the UPnP router did not answer about its mappings: %1</source>
        <translation>der UPnP-Router hat nicht über seine Weiterleitungen Auskunft gegeben: %1</translation>
    </message>
    <message>
        <source>the UPnP router did not remove the mapping: %1</source>
        <translation>der UPnP-Router hat die Weiterleitung nicht entfernt: %1</translation>
    </message>
</context>
<context>
    <name>ringshare::session::DemoNetwork</name>
    <message>
        <source>Cannot write the sample file %1: %2</source>
        <translation>Die Beispieldatei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the sample folder %1</source>
        <translation>Der Beispielordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Demo peer %1 cannot start: %2</source>
        <translation>Demo-Peer %1 kann nicht starten: %2</translation>
    </message>
</context>
<context>
    <name>ringshare::session::Session</name>
    <message>
        <source>The session has not started.</source>
        <translation>Die Sitzung wurde nicht gestartet.</translation>
    </message>
    <message>
        <source>Cannot keep the port in %1: %2.</source>
        <translation>Der Port lässt sich nicht in %1 festhalten: %2.</translation>
    </message>
</context>
<context>
    <name>ringshare::share::FileHasher</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 ist keine normale Datei</translation>
    </message>
    <message>
        <source>%1 is larger than the 256 GiB Ringshare can share</source>
        <translation>%1 ist größer als die 256 GiB, die Ringshare freigeben kann</translation>
    </message>
    <message>
        <source>%1 changed while it was being hashed</source>
        <translation>%1 hat sich während der Prüfsummenberechnung geändert</translation>
    </message>
    <message>
        <source>Hashing %1 was cancelled</source>
        <translation>Die Prüfsummenberechnung für %1 wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>ringshare::share::Library</name>
    <message>
        <source>Ignoring the list of shared files in %1: %2.</source>
        <translation>Die Liste der freigegebenen Dateien in %1 wird ignoriert: %2.</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine normale Datei</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>die Datei ist zu groß</translation>
    </message>
    <message>
        <source>written by a version this one does not understand</source>
        <translation>von einer Version geschrieben, die diese nicht versteht</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>ringshare::share::Link</name>
    <message>
        <source>the name (dn=) has a broken percent escape: %1</source>
        <translation>der Name (dn=) enthält eine fehlerhafte Prozent-Kodierung: %1</translation>
    </message>
    <message>
        <source>the name (dn=) is too long: at most %1 bytes of UTF-8</source>
        <translation>der Name (dn=) ist zu lang: höchstens %1 Byte UTF-8</translation>
    </message>
    <message>
        <source>the name (dn=) is not valid UTF-8 text</source>
        <translation>der Name (dn=) ist kein gültiger UTF-8-Text</translation>
    </message>
    <message>
        <source>xl is not a size: it is empty</source>
        <translation>xl ist keine Größe: der Wert ist leer</translation>
    </message>
    <message>
        <source>xl is not a size: %1 is not a whole number of bytes</source>
        <translation>xl ist keine Größe: %1 ist keine ganze Zahl von Bytes</translation>
    </message>
    <message>
        <source>xl is not a size: %1 is more than %2 bytes</source>
        <translation>xl ist keine Größe: %1 ist mehr als %2 Byte</translation>
    </message>
    <message>
        <source>xt is not a content id: %1 is not 64 hex digits</source>
        <translation>xt ist keine Inhalts-ID: %1 besteht nicht aus 64 Hexadezimalziffern</translation>
    </message>
    <message>
        <source>xt is not a content id: all zeros names no content</source>
        <translation>xt ist keine Inhalts-ID: lauter Nullen bezeichnen keinen Inhalt</translation>
    </message>
    <message>
        <source>the link has more than one %1=</source>
        <translation>der Link enthält mehr als ein %1=</translation>
    </message>
    <message>
        <source>the link is empty</source>
        <translation>der Link ist leer</translation>
    </message>
    <message>
        <source>the link is too long: %1 characters, at most %2</source>
        <translation>der Link ist zu lang: %1 Zeichen, höchstens %2</translation>
    </message>
    <message>
        <source>this is not a Ringshare link: it must start with ringshare:?</source>
        <translation>dies ist kein Ringshare-Link: er muss mit ringshare:? beginnen</translation>
    </message>
    <message>
        <source>the link contains a control character (line break, tab, …)</source>
        <translation>der Link enthält ein Steuerzeichen (Zeilenumbruch, Tabulator, …)</translation>
    </message>
    <message>
        <source>the link contains broken text (a lone UTF-16 surrogate)</source>
        <translation>der Link enthält fehlerhaften Text (ein einzelnes UTF-16-Surrogat)</translation>
    </message>
    <message>
        <source>the link has no parameters: ringshare: must be followed by ?</source>
        <translation>der Link hat keine Parameter: auf ringshare: muss ? folgen</translation>
    </message>
    <message>
        <source>%1 has no value (expected %1=…)</source>
        <translation>%1 hat keinen Wert (erwartet: %1=…)</translation>
    </message>
    <message>
        <source>the link has no content id (xt=)</source>
        <translation>der Link hat keine Inhalts-ID (xt=)</translation>
    </message>
    <message>
        <source>a contact (x.pe=) is too long</source>
        <translation>ein Kontakt (x.pe=) ist zu lang</translation>
    </message>
    <message>
        <source>a contact (x.pe=) has a broken percent escape: %1</source>
        <translation>ein Kontakt (x.pe=) enthält eine fehlerhafte Prozent-Kodierung: %1</translation>
    </message>
    <message>
        <source>the contact (x.pe=) %1 is not HOST:PORT: %2</source>
        <translation>der Kontakt (x.pe=) %1 ist nicht HOST:PORT: %2</translation>
    </message>
    <message>
        <source>the link names more than %1 contacts (x.pe=)</source>
        <translation>der Link nennt mehr als %1 Kontakte (x.pe=)</translation>
    </message>
</context>
<context>
    <name>ringshare::share::Manifest</name>
    <message>
        <source>The file description is invalid: %1.</source>
        <translation>Die Dateibeschreibung ist ungültig: %1.</translation>
    </message>
    <message>
        <source>%1 bytes is larger than any description can be</source>
        <translation>%1 Byte sind mehr, als eine Beschreibung groß sein kann</translation>
    </message>
    <message>
        <source>it does not start like one</source>
        <translation>sie beginnt nicht wie eine</translation>
    </message>
    <message>
        <source>version %1 is not one this program reads</source>
        <translation>Version %1 kann dieses Programm nicht lesen</translation>
    </message>
    <message>
        <source>it is truncated</source>
        <translation>sie ist unvollständig</translation>
    </message>
    <message>
        <source>a size of %1 bytes is beyond the limit</source>
        <translation>eine Größe von %1 Byte überschreitet die Grenze</translation>
    </message>
    <message>
        <source>chunk size %1 does not suit a file of %2 bytes</source>
        <translation>die Blockgröße %1 passt nicht zu einer Datei von %2 Byte</translation>
    </message>
    <message>
        <source>the name is %1 bytes long</source>
        <translation>der Name ist %1 Byte lang</translation>
    </message>
    <message>
        <source>%1 bytes follow its end</source>
        <translation>nach ihrem Ende folgen %1 Byte</translation>
    </message>
    <message>
        <source>the name is not valid UTF-8</source>
        <translation>der Name ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>its chunk hashes do not belong to content %1</source>
        <translation>ihre Block-Prüfsummen gehören nicht zum Inhalt %1</translation>
    </message>
    <message>
        <source>its signature does not verify</source>
        <translation>ihre Signatur ist ungültig</translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::ConnectionPool</name>
    <message>
        <source>Cannot accept transfers on port %1: %2.</source>
        <translation>Auf Port %1 können keine Übertragungen angenommen werden: %2.</translation>
    </message>
    <message>
        <source>its source holds too many unfinished handshakes</source>
        <translation>seine Quelle hat zu viele unvollendete Verbindungsaufbauten</translation>
    </message>
    <message>
        <source>connected to ourselves</source>
        <translation>mit sich selbst verbunden</translation>
    </message>
    <message>
        <source>a second connection to the same peer</source>
        <translation>eine zweite Verbindung zum selben Peer</translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::Download</name>
    <message>
        <source>a bitfield of the wrong size</source>
        <translation>eine Blockliste der falschen Größe</translation>
    </message>
    <message>
        <source>announced a chunk that does not exist</source>
        <translation>hat einen Block angekündigt, den es nicht gibt</translation>
    </message>
    <message>
        <source>The resume map of %1 vanished.</source>
        <translation>Der Fortsetzungsstand von %1 ist verschwunden.</translation>
    </message>
    <message>
        <source>sent data nobody asked for</source>
        <translation>hat Daten gesendet, die niemand angefordert hat</translation>
    </message>
    <message>
        <source>sent a chunk out of order</source>
        <translation>hat einen Block außer der Reihe gesendet</translation>
    </message>
    <message>
        <source>sent chunk %1 that does not match its hash</source>
        <translation>hat Block %1 gesendet, der nicht zu seiner Prüfsumme passt</translation>
    </message>
    <message>
        <source>sent nothing of what it was asked for in %1 s</source>
        <translation>hat in %1 s nichts von dem gesendet, was angefordert wurde</translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::PartFile</name>
    <message>
        <source>Cannot create the download folder %1.</source>
        <translation>Der Download-Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create %1: %2.</source>
        <translation>%1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <source>Cannot find a free name for %1 in the download folder.</source>
        <translation>Für %1 ist im Download-Ordner kein freier Name zu finden.</translation>
    </message>
    <message>
        <source>Cannot make room for %1: %2.</source>
        <translation>Für %1 kann kein Platz reserviert werden: %2.</translation>
    </message>
    <message>
        <source>Chunk %1 does not fit %2.</source>
        <translation>Block %1 passt nicht zu %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot move the finished download into place: %1.</source>
        <translation>Der fertige Download kann nicht an seinen Platz verschoben werden: %1.</translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::PeerConnection</name>
    <message>
        <source>the peer went silent</source>
        <translation>der Peer antwortet nicht mehr</translation>
    </message>
    <message>
        <source>the handshake timed out</source>
        <translation>der Verbindungsaufbau hat zu lange gedauert</translation>
    </message>
    <message>
        <source>the peer does not read what it asks for</source>
        <translation>der Peer liest nicht, was er anfordert</translation>
    </message>
    <message>
        <source>the peer did not say hello</source>
        <translation>der Peer hat sich nicht vorgestellt</translation>
    </message>
    <message>
        <source>the peer said hello twice</source>
        <translation>der Peer hat sich zweimal vorgestellt</translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::ResumeStore</name>
    <message>
        <source>Cannot save %1 %2: %3.</source>
        <translation>%1 konnte nicht in %2 gespeichert werden: %3.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>not a file this version understands</source>
        <translation>keine Datei, die diese Version versteht</translation>
    </message>
    <message>
        <source>Cannot resume from %1: %2.</source>
        <translation>Fortsetzen aus %1 nicht möglich: %2.</translation>
    </message>
    <message>
        <source>it names an unsafe part file</source>
        <translation>sie nennt eine unsichere Teildatei</translation>
    </message>
    <message>
        <source>the resume map</source>
        <translation>Der Fortsetzungsstand</translation>
    </message>
    <message>
        <source>the download</source>
        <translation>Der Download</translation>
    </message>
    <message>
        <source>it names another content</source>
        <translation>sie nennt einen anderen Inhalt</translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::TransferManager</name>
    <message>
        <source>a bitfield of the wrong size</source>
        <translation>eine Blockliste der falschen Größe</translation>
    </message>
    <message>
        <source>nothing in common</source>
        <translation>nichts Gemeinsames</translation>
    </message>
    <message>
        <source>announced a chunk that does not exist</source>
        <translation>hat einen Block angekündigt, den es nicht gibt</translation>
    </message>
    <message>
        <source>sent data nobody asked for</source>
        <translation>hat Daten gesendet, die niemand angefordert hat</translation>
    </message>
    <message>
        <source>%1 is already shared from this computer.</source>
        <translation>%1 wird bereits von diesem Computer freigegeben.</translation>
    </message>
    <message>
        <source>the download was cancelled</source>
        <translation>der Download wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::TransferMessage</name>
    <message>
        <source>malformed transfer message: %1</source>
        <translation>fehlerhafte Übertragungsnachricht: %1</translation>
    </message>
    <message>
        <source>unknown type %1</source>
        <translation>unbekannter Typ %1</translation>
    </message>
    <message>
        <source>truncated Hello</source>
        <translation>unvollständiges Hello</translation>
    </message>
    <message>
        <source>truncated content id</source>
        <translation>unvollständige Inhalts-ID</translation>
    </message>
    <message>
        <source>truncated index</source>
        <translation>unvollständiger Index</translation>
    </message>
    <message>
        <source>truncated offset</source>
        <translation>unvollständiger Versatz</translation>
    </message>
    <message>
        <source>data of a wrong size</source>
        <translation>Daten der falschen Größe</translation>
    </message>
    <message>
        <source>truncated peer count</source>
        <translation>unvollständige Peer-Anzahl</translation>
    </message>
    <message>
        <source>too many peers</source>
        <translation>zu viele Peers</translation>
    </message>
    <message>
        <source>truncated peer list</source>
        <translation>unvollständige Peer-Liste</translation>
    </message>
    <message>
        <source>a peer without an address</source>
        <translation>ein Peer ohne Adresse</translation>
    </message>
    <message>
        <source>%1 bytes after the end</source>
        <translation>%1 Byte nach dem Ende</translation>
    </message>
</context>
<context>
    <name>ringshare::ui::AppSettings</name>
    <message>
        <source>Port %1 is reserved for system services; choose one from 1024 to 65535, or 0 for any free port.</source>
        <translation>Port %1 ist für Systemdienste reserviert; wählen Sie einen Port von 1024 bis 65535 oder 0 für einen beliebigen freien Port.</translation>
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
    <message>
        <source>&quot;%1&quot; is not a node address: %2. Write a host name or an IP address and a port, like seed.example.org:4000, 192.0.2.7:4000 or [2001:db8::7]:4000.</source>
        <translation>„%1“ ist keine Knotenadresse: %2. Geben Sie einen Hostnamen oder eine IP-Adresse und einen Port an, etwa seed.example.org:4000, 192.0.2.7:4000 oder [2001:db8::7]:4000.</translation>
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
    <message>
        <source>port forwarding on the router</source>
        <translation>die Portweiterleitung am Router</translation>
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
    <name>ringshare::ui::ReachabilityText</name>
    <message>
        <source>Reachable: UPnP mapping %1</source>
        <translation>Erreichbar: UPnP-Weiterleitung %1</translation>
    </message>
    <message>
        <source>Reachable: NAT-PMP mapping %1</source>
        <translation>Erreichbar: NAT-PMP-Weiterleitung %1</translation>
    </message>
    <message>
        <source>Reachable at %1</source>
        <translation>Erreichbar unter %1</translation>
    </message>
    <message>
        <source>Checking whether peers can reach you…</source>
        <translation>Es wird geprüft, ob andere Peers Sie erreichen…</translation>
    </message>
    <message>
        <source>Behind NAT: others cannot connect to you</source>
        <translation>Hinter NAT: andere können sich nicht mit Ihnen verbinden</translation>
    </message>
    <message>
        <source>Behind NAT: not checked yet</source>
        <translation>Hinter NAT: noch nicht geprüft</translation>
    </message>
    <message>
        <source>Reachability not checked yet</source>
        <translation>Erreichbarkeit noch nicht geprüft</translation>
    </message>
    <message>
        <source>Your router forwards port %1 to this computer because Ringshare asked it to. Peers connected to it from outside, so you take a full part in the network: others can download what you share.</source>
        <translation>Ihr Router leitet Port %1 an diesen Rechner weiter, weil Ringshare ihn darum gebeten hat. Peers haben sich von außen verbunden, Sie nehmen also voll am Netz teil: Andere können herunterladen, was Sie freigeben.</translation>
    </message>
    <message>
        <source>Peers connected to this computer from outside, so you take a full part in the network: others can download what you share.</source>
        <translation>Peers haben sich von außen mit diesem Rechner verbunden, Sie nehmen also voll am Netz teil: Andere können herunterladen, was Sie freigeben.</translation>
    </message>
    <message>
        <source>Ringshare asks peers on the network to connect to you. This takes a few seconds.</source>
        <translation>Ringshare bittet Peers im Netz, sich mit Ihnen zu verbinden. Das dauert einige Sekunden.</translation>
    </message>
    <message>
        <source>Your router does not let peers connect to you, and it did not forward a port when asked (UPnP or NAT-PMP). You can still search and download, through the peer that keeps in touch for you, but others cannot download your shared files yet. To change that, turn on UPnP or NAT-PMP in your router&apos;s settings, or forward UDP and TCP port %1 to this computer.</source>
        <translation>Ihr Router lässt keine Verbindungen von Peers zu Ihnen durch und hat auf Anfrage (UPnP oder NAT-PMP) keinen Port weitergeleitet. Sie können weiterhin suchen und herunterladen, über den Peer, der für Sie in Verbindung bleibt, aber andere können Ihre freigegebenen Dateien noch nicht herunterladen. Um das zu ändern, schalten Sie UPnP oder NAT-PMP in den Einstellungen Ihres Routers ein oder leiten Sie UDP- und TCP-Port %1 an diesen Rechner weiter.</translation>
    </message>
    <message>
        <source>Ringshare finds out whether peers can connect to you once it knows a few of them.</source>
        <translation>Ringshare findet heraus, ob Peers sich mit Ihnen verbinden können, sobald es einige von ihnen kennt.</translation>
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
    <message>
        <source>Reachability</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <source>Member: holds keys for the ring</source>
        <translation>Mitglied: verwaltet Schlüssel für den Ring</translation>
    </message>
    <message>
        <source>Client: reaches the ring through %1</source>
        <translation>Client: erreicht den Ring über %1</translation>
    </message>
    <message>
        <source>Client: reaches the ring through a member</source>
        <translation>Client: erreicht den Ring über ein Mitglied</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
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
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
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
    <message>
        <source>Chosen once, then kept</source>
        <translation>Einmal gewählt, dann beibehalten</translation>
    </message>
    <message>
        <source>The UDP and TCP port other peers reach this node on. Needs a restart. Left at 0, a port is drawn on the first start and kept from then on.</source>
        <translation>Der UDP- und TCP-Port, über den andere Peers diesen Knoten erreichen. Erfordert einen Neustart. Bei 0 wird beim ersten Start ein Port ausgelost und von da an beibehalten.</translation>
    </message>
    <message>
        <source>One node per line, e.g. seed.example.org:4000 or 192.0.2.7:4000</source>
        <translation>Ein Knoten pro Zeile, z. B. seed.example.org:4000 oder 192.0.2.7:4000</translation>
    </message>
    <message>
        <source>Ask the router to &amp;forward my port (UPnP / NAT-PMP)</source>
        <translation>Den Router bitten, meinen Port &amp;weiterzuleiten (UPnP / NAT-PMP)</translation>
    </message>
    <message>
        <source>Lets people on the internet reach this computer through a home router that allows it.</source>
        <translation>Lässt andere im Internet diesen Rechner über einen Heimrouter erreichen, der das erlaubt.</translation>
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
