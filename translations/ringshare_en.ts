<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>main</name>
    <message numerus="yes">
        <source>Demo mode: %n local peer(s) are joining, each sharing sample files. Search for &quot;sample&quot; to try a download.</source>
        <translation>
            <numerusform>Demo mode: %n local peer is joining, sharing sample files. Search for &quot;sample&quot; to try a download.</numerusform>
            <numerusform>Demo mode: %n local peers are joining, each sharing sample files. Search for &quot;sample&quot; to try a download.</numerusform>
        </translation>
    </message>
    <message>
        <source>Peer-to-peer file sharing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep identity and state in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &lt;n&gt; local demo peers in this process, sharing sample files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringshare cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cryptography library failed to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--demo takes a number of peers from 1 to 200.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ringshare: links to download. If Ringshare already runs with the same data folder, its window gets them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links opened from other programs cannot reach this window: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Give at most %n link(s) at a time.</source>
        <translation>
            <numerusform>Give at most %n link at a time.</numerusform>
            <numerusform>Give at most %n links at a time.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ringshare::base::SystemError</name>
    <message>
        <source>No such file or directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many open files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many levels of symbolic links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device or resource busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid cross-device link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::crypto::Identity</name>
    <message>
        <source> The file was left untouched; move it away to start with a new identity (peers will then see a new node).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the identity file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Ringshare identity file (not a regular file of at most 1 KiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity file %1 is truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Ringshare identity file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity file %1 is corrupt (malformed line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity file %1 is corrupt (its checksum does not match).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the identity file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an identity file already exists there</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::crypto::SecureChannel</name>
    <message>
        <source>The peer sent data before this side started the handshake.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s %1 should be %2 bytes, but it announced %3. It may not be a Ringshare node, or it broke the protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer sent a frame of %1 bytes, too short to hold a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer announced a message of %1 bytes; at most %2 are accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer does not speak the Ringshare channel protocol (its hello does not begin with %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s key exchange key is not usable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s reply does not decrypt; it was altered on the way or answers another connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s signature does not match its identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake failed: the peer is node %1, not the expected node %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake failed: the peer&apos;s proof of identity does not decrypt; it was altered on the way or belongs to another connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message from the peer failed authentication: it was altered, replayed or reordered, or one before it is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer marked a message as %1, which this protocol never sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end of its stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a stream control message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proof of identity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net</name>
    <message>
        <source>%1 is not an http:// address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names a host rather than giving its address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points outside the local network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points at this machine itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on none of this machine&apos;s local networks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::HostPort</name>
    <message>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it contains a blank or a control character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write HOST:PORT alone, without a scheme like udp://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an IPv6 address is written [ADDRESS]:PORT, like [2001:db8::1]:4000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the part in brackets is not an IPv6 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no port (write HOST:PORT, like seed.example.org:4000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the port is not a number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no host before the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an IPv6 address goes in brackets, like [2001:db8::1]:4000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a host name has only letters, digits, hyphens and dots, in parts of at most 63 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::HostResolver</name>
    <message>
        <source>no address found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot find the node %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::LanDiscovery</name>
    <message>
        <source>LAN discovery is off: cannot %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listen on UDP port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join the multicast group %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::NatPmpBackend</name>
    <message>
        <source>no gateway to ask over NAT-PMP: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot ask the gateway %1 over NAT-PMP: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway %1 did not answer NAT-PMP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway %1 refused NAT-PMP: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no NAT-PMP gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway stopped answering NAT-PMP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway refused to forward %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway did not remove the mapping: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::PeerCache</name>
    <message>
        <source>Cannot save the known peers to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignoring the known peers in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a peer list this version understands</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::PortMapper</name>
    <message>
        <source>every port asked for is taken on the router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no way of asking the router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no router holds the mappings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the router no longer keeps %1 port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the router dropped the mapping of %1 port %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::PortMappingState</name>
    <message>
        <source>port mapping off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking the router to forward the ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ports forwarded via %1: UDP %2:%3, TCP %2:%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no port mapping: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::TcpStream</name>
    <message>
        <source>the peer closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::UdpTransport</name>
    <message>
        <source>Cannot listen for UDP on %1:%2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::net::UpnpBackend</name>
    <message>
        <source>no UPnP router answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no UPnP router on the local network: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no UPnP Internet gateway answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the UPnP router&apos;s control address is refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the UPnP router did not tell its external address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no UPnP router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the UPnP router refused to forward %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the UPnP router did not answer about its mappings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the UPnP router did not remove the mapping: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::session::DemoNetwork</name>
    <message>
        <source>Cannot write the sample file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the sample folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo peer %1 cannot start: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::session::Session</name>
    <message>
        <source>The session has not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot keep the port in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::share::FileHasher</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than the 256 GiB Ringshare can share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while it was being hashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hashing %1 was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::share::Library</name>
    <message>
        <source>Ignoring the list of shared files in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written by a version this one does not understand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::share::Link</name>
    <message>
        <source>the name (dn=) has a broken percent escape: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name (dn=) is too long: at most %1 bytes of UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name (dn=) is not valid UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xl is not a size: it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xl is not a size: %1 is not a whole number of bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xl is not a size: %1 is more than %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xt is not a content id: %1 is not 64 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xt is not a content id: all zeros names no content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link has more than one %1=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link is too long: %1 characters, at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a Ringshare link: it must start with ringshare:?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link contains a control character (line break, tab, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link contains broken text (a lone UTF-16 surrogate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link has no parameters: ringshare: must be followed by ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no value (expected %1=…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link has no content id (xt=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a contact (x.pe=) is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a contact (x.pe=) has a broken percent escape: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the contact (x.pe=) %1 is not HOST:PORT: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link names more than %1 contacts (x.pe=)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::share::Manifest</name>
    <message>
        <source>The file description is invalid: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes is larger than any description can be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it does not start like one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1 is not one this program reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a size of %1 bytes is beyond the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chunk size %1 does not suit a file of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is %1 bytes long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes follow its end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its chunk hashes do not belong to content %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its signature does not verify</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::ConnectionPool</name>
    <message>
        <source>Cannot accept transfers on port %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its source holds too many unfinished handshakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to ourselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second connection to the same peer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::Download</name>
    <message>
        <source>a bitfield of the wrong size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>announced a chunk that does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resume map of %1 vanished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent data nobody asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent a chunk out of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent chunk %1 that does not match its hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent nothing of what it was asked for in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::PartFile</name>
    <message>
        <source>Cannot create the download folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot find a free name for %1 in the download folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make room for %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunk %1 does not fit %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the finished download into place: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::PeerConnection</name>
    <message>
        <source>the peer went silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the handshake timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer does not read what it asks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer did not say hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer said hello twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::ResumeStore</name>
    <message>
        <source>Cannot save %1 %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a file this version understands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot resume from %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names an unsafe part file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the resume map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names another content</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::TransferManager</name>
    <message>
        <source>a bitfield of the wrong size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing in common</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>announced a chunk that does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent data nobody asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already shared from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the download was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::transfer::TransferMessage</name>
    <message>
        <source>malformed transfer message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated Hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated content id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data of a wrong size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated peer count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated peer list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a peer without an address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes after the end</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::AppSettings</name>
    <message>
        <source>Port %1 is reserved for system services; choose one from 1024 to 65535, or 0 for any free port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download folder must be a full path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download folder %1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot write to the download folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limits go from 0 (none) to %1 KiB/s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringshare is not translated into &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a node address: %2. Write a host name or an IP address and a port, like seed.example.org:4000, 192.0.2.7:4000 or [2001:db8::7]:4000.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::Format</name>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::MainWindow</name>
    <message numerus="yes">
        <source>On a ring of %n node(s)</source>
        <translation>
            <numerusform>On a ring of %n node</numerusform>
            <numerusform>On a ring of %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On a ring of about %n node(s)</source>
        <translation>
            <numerusform>On a ring of about %n node</numerusform>
            <numerusform>On a ring of about %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n peer(s) known</source>
        <translation>
            <numerusform>%n peer known</numerusform>
            <numerusform>%n peers known</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files you share (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find files by name (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads and uploads (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live ring of peers (Ctrl+4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A download failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1. It appears under Transfers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share &amp;Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share F&amp;older…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;earch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause All Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Ringshare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your node ID (your place on the ring):
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show or Hide Ringshare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaving the ring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alone: waiting for peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ %1  ↑ %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1, upload %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local network discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved. Changes to %1 take effect when Ringshare starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved and applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a ringshare: link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid ringshare: link: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Ringshare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Ringshare %1&lt;/h3&gt;&lt;p&gt;Peer-to-peer file sharing: content is found through a Chord distributed hash table and files move directly between peers over encrypted, authenticated connections.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A peer was disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bootstrap node has answered, so Ringshare is not on a ring yet. It keeps trying; check the network connection and the bootstrap nodes in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port forwarding on the router</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::RateGraph</name>
    <message>
        <source>Transfer rate graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1, upload %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::ReachabilityText</name>
    <message>
        <source>Reachable: UPnP mapping %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable: NAT-PMP mapping %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether peers can reach you…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind NAT: others cannot connect to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind NAT: not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachability not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your router forwards port %1 to this computer because Ringshare asked it to. Peers connected to it from outside, so you take a full part in the network: others can download what you share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers connected to this computer from outside, so you take a full part in the network: others can download what you share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringshare asks peers on the network to connect to you. This takes a few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your router does not let peers connect to you, and it did not forward a port when asked (UPnP or NAT-PMP). You can still search and download, through the peer that keeps in touch for you, but others cannot download your shared files yet. To change that, turn on UPnP or NAT-PMP in your router&apos;s settings, or forward UDP and TCP port %1 to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringshare finds out whether peers can connect to you once it knows a few of them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::RingPage</name>
    <message numerus="yes">
        <source>%n node(s), all shown</source>
        <translation>
            <numerusform>%n node, all shown</numerusform>
            <numerusform>%n nodes, all shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n node(s); showing those this node knows</source>
        <translation>
            <numerusform>about %n node; showing those this node knows</numerusform>
            <numerusform>about %n nodes; showing those this node knows</numerusform>
        </translation>
    </message>
    <message>
        <source>Not on a ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alone, waiting for peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predecessor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcuts (fingers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys held here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member: holds keys for the ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client: reaches the ring through %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client: reaches the ring through a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::RingView</name>
    <message numerus="yes">
        <source>%n nodes — the whole ring</source>
        <translation>
            <numerusform>%n node — the whole ring</numerusform>
            <numerusform>%n nodes — the whole ring</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nodes known — part of a larger ring</source>
        <translation>
            <numerusform>%n node known — part of a larger ring</numerusform>
            <numerusform>%n nodes known — part of a larger ring</numerusform>
        </translation>
    </message>
    <message>
        <source>Ring diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on a ring yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predecessor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finger (shortcut)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, leaving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1
Address: %2
Role: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identifier ring: each node is a dot placed by its ID. %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predecessor, successors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookup path</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SearchModel</name>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Content ID %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SearchPage</name>
    <message numerus="yes">
        <source>Searching for &quot;%1&quot;… %n result(s) so far</source>
        <translation>
            <numerusform>Searching for &quot;%1&quot;… %n result so far</numerusform>
            <numerusform>Searching for &quot;%1&quot;… %n results so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) match &quot;%1&quot;.</source>
        <translation>
            <numerusform>%n file matches &quot;%1&quot;.</numerusform>
            <numerusform>%n files match &quot;%1&quot;.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search by name, or paste a ringshare: link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type words from a file&apos;s name. Every word must appear in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the selected files (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid ringshare: link: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 from the link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type words from a file&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no word to search for; words of one letter and very common words are left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching for &quot;%1&quot;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shared file matches &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the ring did not answer in time, so there may be more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SessionStart</name>
    <message>
        <source>Port %1 cannot be used (%2), so Ringshare listens on port %3 for now. Choose another port in Settings, or close the program that holds it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SettingsDialog</name>
    <message>
        <source> KiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringshare Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes to join the ring through. New ones are contacted at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bootstrap nodes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find peers on the &amp;local network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download &amp;limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect when Ringshare starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps Ringshare running in the &amp;tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared files and folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;hared folders:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen once, then kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UDP and TCP port other peers reach this node on. Needs a restart. Left at 0, a port is drawn on the first start and kept from then on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One node per line, e.g. seed.example.org:4000 or 192.0.2.7:4000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the router to &amp;forward my port (UPnP / NAT-PMP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets people on the internet reach this computer through a home router that allows it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SharedModel</name>
    <message>
        <source>Waiting to be hashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hashing… %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SharedPage</name>
    <message numerus="yes">
        <source>Sharing %n item(s); they are hashed in the background.</source>
        <translation>
            <numerusform>Sharing %n item; they are hashed in the background.</numerusform>
            <numerusform>Sharing %n items; they are hashed in the background.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1, %2 ready</source>
        <translation>
            <numerusform>%n file, %1, %2 ready</numerusform>
            <numerusform>%n files, %1, %2 ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped sharing %n item(s). Nothing was deleted from your disk.</source>
        <translation>
            <numerusform>Stopped sharing %n item. Nothing was deleted from your disk.</numerusform>
            <numerusform>Stopped sharing %n items. Nothing was deleted from your disk.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;containing folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share one or more files (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share a folder and everything in it (Ctrl+Shift+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy a ringshare: link that lets anyone download this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files or folders anywhere on this window, or use Add files…, to share them with everyone on the ring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot share %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sharing folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected files are shared as part of these folders:

%1

Stop sharing the whole folders? Nothing is deleted from your disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program is set up to open folders (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to %1 copied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::SingleInstance</name>
    <message>
        <source>Another Ringshare window uses the same data folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::TransfersModel</name>
    <message numerus="yes">
        <source>Uploading to %n peer(s)</source>
        <translation>
            <numerusform>Uploading to %n peer</numerusform>
            <numerusform>Uploading to %n peers</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking what was downloaded before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ringshare::ui::TransfersPage</name>
    <message numerus="yes">
        <source>Cancel %n download(s) and delete what was fetched so far?</source>
        <translation>
            <numerusform>Cancel %n download and delete what was fetched so far?</numerusform>
            <numerusform>Cancel %n downloads and delete what was fetched so far?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open f&amp;older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the download and delete what was fetched so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program is set up to open %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program is set up to open folders.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
