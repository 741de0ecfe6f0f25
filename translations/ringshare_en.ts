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
    <name>ringshare::ui::AppSettings</name>
    <message>
        <source>Port %1 is reserved for system services; choose one from 1024 to 65535, or 0 for any free port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a node address; write an IP address and a port, like 192.0.2.7:4000 or [2001:db8::7]:4000.</source>
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
        <source>Any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UDP and TCP port other peers reach this node on. Needs a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One node per line, e.g. 192.0.2.7:4000</source>
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
