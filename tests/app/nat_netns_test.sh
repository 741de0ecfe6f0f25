#!/usr/bin/env bash
# Ringshare across real NAT routers in network namespaces (topology: nattopology.sh). Gates on what works
# today: two public hosts and a home behind miniupnpd (port mapping on) share, find and download each
# other's files with every byte compared, and lookups from every host reach the key's owner; a host behind
# plain NAT uses the one-shot commands (ring, lookup, search, get) against a public node; the reachability
# events say homeU is reachable by UPnP and the public hosts directly; a node run behind plain NAT is found
# unreachable, stays a client and never enters the members' ring, and a public host downloads its file over
# a reverse connection (through its rendezvous); when that rendezvous is killed, homeP attaches to another.
# NAT_NETNS_ALL=1 also measures the cases that do not work yet (nodes behind plain or symmetric NAT running
# `run`) and prints what happened, without failing on them.
# Usage: nat_netns_test.sh RINGSHARE_NODE (NAT_NETNS_KEEP=DIR keeps what the nodes wrote). Exit 77 (skipped) without root, `ip netns`, nft or miniupnpd.
set -uo pipefail

node_binary=${1:?usage: $0 RINGSHARE_NODE}
miniupnpd=${MINIUPNPD:-/usr/sbin/miniupnpd}
measure_all=${NAT_NETNS_ALL:-0}

skip() { echo "SKIP: $*"; exit 77; }
((EUID == 0)) || skip "network namespaces need root"
command -v ip >/dev/null || skip "iproute2's ip is not installed"
command -v nft >/dev/null || skip "nftables' nft is not installed"
[[ -x $miniupnpd ]] || skip "no miniupnpd at $miniupnpd (Debian: miniupnpd-nftables)"

source "$(dirname "${BASH_SOURCE[0]}")/nattopology.sh"

declare -A node_pid node_started node_id
cleanup() {
    local name
    for name in "${!node_pid[@]}"; do kill -KILL "${node_pid[$name]}" 2>/dev/null; done
    # NAT_NETNS_KEEP=DIR keeps the nodes' output and data there, to see what went wrong.
    if [[ -n ${NAT_NETNS_KEEP:-} && -n ${nat_work:-} ]]; then
        if [[ -e $NAT_NETNS_KEEP ]]; then
            echo "# not kept: $NAT_NETNS_KEEP exists already"
        else
            cp -a "$nat_work" "$NAT_NETNS_KEEP"
        fi
    fi
    nat_cleanup
}
trap cleanup EXIT
nat_topology_init
work=$nat_work

failures=0
ok() { echo "ok   - $*"; }
failed() { echo "FAIL - $*"; failures=$((failures + 1)); }
check() { # check WHAT COMMAND...
    local what=$1; shift
    if "$@"; then ok "$what"; else failed "$what"; fi
}
fatal() {
    echo "FAIL - $*"
    local f
    for f in "$work"/*.out "$work"/*.err "$work"/*.miniupnpd.log; do
        [[ -s $f ]] && sed "s|^|  $(basename "$f"): |" "$f" | tail -15
    done
    exit 1
}

ip netns add "$nat_base-probe" 2>/dev/null || skip "cannot create a network namespace here"
ip netns exec "$nat_base-probe" true 2>/dev/null || { ip netns del "$nat_base-probe"; skip "cannot run programs in a network namespace here"; }
ip netns del "$nat_base-probe"

nat_add_internet || fatal "the internet bridge"
nat_add_public pub1 11 && nat_add_public pub2 12 || fatal "the public hosts"
nat_add_home homeU upnp 21 "$miniupnpd" || fatal "the UPnP home"
nat_add_home homeP plain 22 || fatal "the plain NAT home"
port=41900 # every node listens on it, as separate machines may
# homeU's one-shot commands run beside its node, and the ring knows that node by the mapped address.
nat_hairpin homeU "$port" || fatal "NAT loopback on homeU's router"
if ((measure_all)); then
    nat_add_home homeP2 plain 23 && nat_add_home homeS symmetric 24 && nat_add_home homeS2 symmetric 25 ||
        fatal "the homes measured"
fi

endpoint() { echo "$(nat_address "$1"):$port"; }

# Each output line of a node is prefixed with the time it was read, so that events can be timed.
stamp() { local line; while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
start_node() { # start_node NAME [RUN OPTION...]
    local name=$1; shift
    mkdir -p "$work/$name.data"
    node_started[$name]=$EPOCHREALTIME
    nat_exec "$name" "$node_binary" run --json --no-lan --port "$port" --stabilize-ms 100 \
        --data-dir "$work/$name.data" "$@" > >(stamp >"$work/$name.out") 2>"$work/$name.err" &
    node_pid[$name]=$!
}
wait_for() { # wait_for NAME PATTERN SECONDS: a line of NAME's output matches
    local _
    for _ in $(seq $(($3 * 10))); do grep -q "$2" "$work/$1.out" 2>/dev/null && return 0; sleep 0.1; done
    return 1
}
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; } # the first string field KEY
ready() { # ready NAME: waits for the ready line and keeps the node's ID
    wait_for "$1" '"event":"ready"' 10 || fatal "$1's node did not start"
    node_id[$1]=$(grep '"event":"ready"' "$work/$1.out" | json_field node_id)
}
make_file() { # make_file DIR NAME KIB: random bytes
    mkdir -p "$1" && head -c $(($3 * 1024 + 777)) /dev/urandom >"$1/$2"
}

# search_and_get WHO WORD NAME ORIGINAL BOOTSTRAP TRIES: WHO searches for WORD until NAME is found with a
# source, downloads it and compares it with ORIGINAL. Prints "found downloaded seconds".
search_and_get() {
    local who=$1 word=$2 name=$3 original=$4 bootstrap=$5 tries=$6
    local begin=$EPOCHREALTIME found=no got=no link= try out
    local dir=$work/$who-get-$word
    for ((try = 0; try < tries; ++try)); do
        out=$(nat_exec "$who" "$node_binary" search "$word" --json --timeout 4 --bootstrap "$bootstrap" \
            --data-dir "$dir.client" 2>>"$dir.err")
        link=$(grep -F "\"name\":\"$name\"" <<<"$out" | grep -v '"sources":0' | json_field link)
        [[ -n $link ]] && { found=yes; break; }
        sleep 0.5
    done
    if [[ $found == yes ]] &&
        nat_exec "$who" timeout 40 "$node_binary" get "$link" --json --timeout 15 --bootstrap "$bootstrap" \
            --data-dir "$dir.client" --download-dir "$dir" >"$dir.out" 2>>"$dir.err" &&
        cmp -s "$original" "$dir/$name"; then
        got=yes
    fi
    echo "$found $got $(seconds_since "$begin" "$EPOCHREALTIME")"
}
seconds_since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

deadline=$((SECONDS + 60))

echo "# a ring of pub1, pub2 and homeU (behind miniupnpd, port mapping on)"
make_file "$work/share-pub2" "Glacier Soundscape.flac" 1500
make_file "$work/share-homeU" "Lighthouse Footage.mkv" 1800
start_node pub1 --no-port-mapping
ready pub1
start_node pub2 --no-port-mapping --bootstrap "$(endpoint pub1)" --share "$work/share-pub2"
start_node homeU --bootstrap "$(endpoint pub1)" --share "$work/share-homeU"
ready pub2
ready homeU

wait_for homeU '"state":"mapped"' 10 || fatal "homeU's node reported no port mapping"
check "homeU's node mapped its port through miniupnpd (UPnP) to $(nat_wan_address homeU):$port" \
    grep -q "\"event\":\"portmapping\".*\"external\":\"$(nat_wan_address homeU):$port\".*\"method\":\"UPnP\"" \
    "$work/homeU.out"
check "miniupnpd forwards UDP $port to homeU's host" \
    grep -q "dport $port dnat ip to $(nat_address homeU):$port" <(nat_router_rules homeU)

# The ring in Chord order from pub1's node, and the owner of a key: the first node at or after it.
ring_ids=$(printf '%s\n' "${node_id[pub1]}" "${node_id[pub2]}" "${node_id[homeU]}" | sort)
expected_ring=$(awk -v first="${node_id[pub1]}" '{ id[NR] = $0; if ($0 == first) s = NR }
    END { for (k = 0; k < NR; ++k) print id[(s - 1 + k) % NR + 1] }' <<<"$ring_ids")
owner_of() { awk -v key="$1" '$0 >= key { print; found = 1; exit } END { if (!found) print first }
    NR == 1 { first = $0 }' <<<"$ring_ids"; }
walk() { nat_exec "$1" "$node_binary" ring --json --bootstrap "$2" 2>/dev/null; }
formed=no
begin=$EPOCHREALTIME
for _ in $(seq 50); do
    [[ $(walk pub1 "$(endpoint pub1)" | grep -o '"node_id":"[^"]*"' | cut -d'"' -f4) == "$expected_ring" ]] &&
        { formed=yes; break; }
    sleep 0.2
done
[[ $formed == yes ]] || fatal "pub1, pub2 and homeU did not form one ring (pub1 walks: $(walk pub1 "$(endpoint pub1)" | tr '\n' ' '))"
ok "one ring of three after $(seconds_since "$begin" "$EPOCHREALTIME") s of walking"
check "the ring knows homeU by its mapped address $(nat_wan_address homeU):$port" \
    grep -q "\"address\":\"$(nat_wan_address homeU):$port\".*\"node_id\":\"${node_id[homeU]}\"" \
    <(walk pub2 "$(endpoint pub2)")

wait_for homeU '"event":"shared"' 15 || fatal "homeU did not share its file"
wait_for pub2 '"event":"shared"' 15 || fatal "pub2 did not share its file"

read -r found got took < <(search_and_get pub2 lighthouse "Lighthouse Footage.mkv" \
    "$work/share-homeU/Lighthouse Footage.mkv" "$(endpoint pub2)" 8)
check "pub2 finds homeU's file by a word of its name" test "$found" = yes
check "pub2 downloads homeU's file, every byte the same (${took} s)" test "$got" = yes
read -r found got took < <(search_and_get homeU glacier "Glacier Soundscape.flac" \
    "$work/share-pub2/Glacier Soundscape.flac" "$(endpoint homeU)" 8)
check "homeU finds pub2's file by a word of its name" test "$found" = yes
check "homeU downloads pub2's file, every byte the same (${took} s)" test "$got" = yes

echo "# lookups from every host, and homeP (plain NAT, not on the ring) with the one-shot commands"
lookup_owner() { nat_exec "$1" "$node_binary" lookup "$3" --json --bootstrap "$2" 2>/dev/null | json_field owner; }
for _ in 1 2 3; do
    key=$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')
    want=$(owner_of "$key")
    for who in pub1 pub2 homeU homeP; do
        case $who in pub1 | pub2 | homeU) via=$(endpoint "$who") ;; *) via=$(endpoint pub1) ;; esac
        got=$(lookup_owner "$who" "$via" "$key")
        check "a lookup of ${key:0:8}… from $who reaches its owner ${want:0:8}…" test "$got" = "$want"
    done
done
check "homeP walks the ring from pub1: all three in order" \
    test "$(walk homeP "$(endpoint pub1)" | grep -o '"node_id":"[^"]*"' | cut -d'"' -f4)" = "$expected_ring"
read -r found got took < <(search_and_get homeP lighthouse "Lighthouse Footage.mkv" \
    "$work/share-homeU/Lighthouse Footage.mkv" "$(endpoint pub1)" 6)
check "homeP finds homeU's file through pub1" test "$found" = yes
check "homeP downloads homeU's file, every byte the same (${took} s)" test "$got" = yes
read -r found got took < <(search_and_get homeP glacier "Glacier Soundscape.flac" \
    "$work/share-pub2/Glacier Soundscape.flac" "$(endpoint pub1)" 6)
check "homeP finds pub2's file through pub1" test "$found" = yes
check "homeP downloads pub2's file, every byte the same (${took} s)" test "$got" = yes

# The reachability event (`run --json`), matched field by field (JSON keys come in any order).
reach_pattern() { # reach_pattern STATE [METHOD [ENDPOINT]]
    local p="^(?=.*\"event\":\"reachability\")(?=.*\"state\":\"$1\")"
    [[ -n ${2:-} ]] && p+="(?=.*\"method\":\"$2\")"
    [[ -n ${3:-} ]] && p+="(?=.*\"endpoint\":\"$3\")"
    echo "$p"
}
reached() { grep -qP "$(reach_pattern "${@:2}")" "$work/$1.out"; } # reached NAME STATE [METHOD [ENDPOINT]]
wait_reached() { # wait_reached NAME SECONDS STATE [METHOD [ENDPOINT]]
    local name=$1 seconds=$2 _; shift 2
    for _ in $(seq $((seconds * 10))); do reached "$name" "$@" && return 0; sleep 0.1; done
    return 1
}
reach_history() { # the state/role pairs NAME went through, with seconds since its start
    local name=$1 at line state role history=
    while read -r at line; do
        state=$(json_field state <<<"$line"); role=$(json_field role <<<"$line")
        history+="$state/$role@$(seconds_since "${node_started[$name]}" "$at") "
    done < <(grep '"event":"reachability"' "$work/$name.out")
    echo "$history"
}
report_reachability() {
    local name line
    for name in "$@"; do
        line=$(grep -m1 -P "$(reach_pattern reachable)" "$work/$name.out")
        if [[ -n $line ]]; then
            echo "# $name reachable after $(seconds_since "${node_started[$name]}" "${line%% *}") s:" \
                "${line#* }"
            echo "#   its states: $(reach_history "$name")"
        else
            echo "# $name: not reachable; last said: $(grep '"event":"reachability"' "$work/$name.out" |
                tail -1 | cut -d' ' -f2-)"
        fi
    done
}
check "homeU is reachable through its UPnP mapping" \
    wait_reached homeU 20 reachable upnp "$(nat_wan_address homeU):$port"
check "homeU is a member of the ring" \
    wait_for homeU '"event":"reachability".*"role":"member".*"state":"reachable"' 10
for who in pub1 pub2; do
    check "$who is reachable directly" wait_reached "$who" 20 reachable direct "$(endpoint "$who")"
done
report_reachability pub1 pub2 homeU

echo "# homeP runs a node behind plain NAT: a client of the ring, in no member's routing state"
make_file "$work/share-homeP" "Harbor Timelapse.mov" 1200
start_node homeP --bootstrap "$(endpoint pub1)" --share "$work/share-homeP"
ready homeP
check "homeP is found unreachable and stays a client" \
    wait_for homeP '"event":"reachability".*"role":"client".*"state":"unreachable"' 20
check "homeP never became a member" bash -c "! grep -q '\"role\":\"member\",\"since_ms\":[0-9]*,\"state\":\"\(checking\|reachable\)\"' '$work/homeP.out'"
ring_now=$(walk pub1 "$(endpoint pub1)" | grep -o '"node_id":"[^"]*"' | cut -d'"' -f4)
check "the ring from pub1 is still exactly pub1, pub2 and homeU" test "$ring_now" == "$expected_ring"
report_reachability homeP
wait_for homeP '"event":"shared"' 15 || fatal "homeP did not share its file"
# Nobody can dial homeP: its provider record names its rendezvous, which asks it to connect to pub2.
read -r found got took < <(search_and_get pub2 harbor "Harbor Timelapse.mov" \
    "$work/share-homeP/Harbor Timelapse.mov" "$(endpoint pub1)" 8)
check "pub2 finds homeP's file" test "$found" = yes
check "pub2 downloads homeP's file over a reverse connection, every byte the same (${took} s)" \
    test "$got" = yes

((SECONDS <= deadline)) || failed "the gated cases took ${SECONDS} s (more than 60)"
gated_seconds=$SECONDS

if ((measure_all)); then
    echo "# measured, not gated (NAT_NETNS_ALL=1): nodes behind plain and symmetric NAT running \`run\`"
    make_file "$work/share-homeP2" "Meadow Sketches.pdf" 1300
    make_file "$work/share-homeS" "Canyon Drone.mp4" 1400
    make_file "$work/share-homeS2" "Tundra Notes.txt" 1100
    for who in homeP2 homeS homeS2; do
        start_node "$who" --bootstrap "$(endpoint pub1)" --share "$work/share-$who"
    done
    for who in homeP homeP2 homeS homeS2; do ready "$who"; wait_for "$who" '"event":"shared"' 15; done
    # CASE DOWNLOADER WORD NAME SHARER: run in parallel, each within its own bound.
    cases=(
        "public->home(plain)|homeP|glacier|Glacier Soundscape.flac|pub2"
        "home(UPnP)->home(plain)|homeP|lighthouse|Lighthouse Footage.mkv|homeU"
        "home(plain)->home(UPnP)|homeU|harbor|Harbor Timelapse.mov|homeP"
        "home(plain)->home(plain)|homeP2|harbor|Harbor Timelapse.mov|homeP"
        "home(plain)->home(plain)|homeP|meadow|Meadow Sketches.pdf|homeP2"
        "home(sym)->home(sym)|homeS2|canyon|Canyon Drone.mp4|homeS"
        "home(sym)->home(sym)|homeS|tundra|Tundra Notes.txt|homeS2"
    )
    k=0
    case_pids=()
    for entry in "${cases[@]}"; do
        IFS='|' read -r label who word name sharer <<<"$entry"
        search_and_get "$who" "$word" "$name" "$work/share-$sharer/$name" "$(endpoint pub1)" 3 \
            >"$work/case$k" &
        case_pids+=($!)
        k=$((k + 1))
    done
    wait "${case_pids[@]}"
    printf '%-26s %-8s %-8s %-10s %s\n' "case (sharer->downloader)" sharer getter "found" "downloaded  s"
    k=0
    for entry in "${cases[@]}"; do
        IFS='|' read -r label who word name sharer <<<"$entry"
        read -r found got took <"$work/case$k"
        printf '%-26s %-8s %-8s %-10s %-11s %s\n' "$label" "$sharer" "$who" "$found" "$got" "$took"
        k=$((k + 1))
    done
    echo "# the ring from pub1 now: $(walk pub1 "$(endpoint pub1)" | grep -o '"address":"[^"]*"' | cut -d'"' -f4 | paste -sd' ')"
    report_reachability homeP homeP2 homeS homeS2
fi

echo "# homeP's rendezvous goes away: homeP attaches to another member"
rendezvous_now() { grep '"event":"reachability"' "$work/homeP.out" | tail -1 | json_field rendezvous; }
first_rendezvous=$(rendezvous_now)
victim=
for who in pub1 pub2 homeU; do
    [[ $first_rendezvous == "$(endpoint "$who")" || $first_rendezvous == "$(nat_wan_address "$who" 2>/dev/null):$port" ]] &&
        victim=$who
done
if [[ -z $victim ]]; then
    failed "homeP names a rendezvous among the members (it said \"$first_rendezvous\")"
else
    # The node itself, not only the shell that started it: every process in its host's namespace.
    ip netns pids "${nat_host_ns[$victim]}" | xargs -r kill -KILL
    killed=$EPOCHREALTIME
    moved=no
    for _ in $(seq 200); do
        now=$(rendezvous_now)
        [[ -n $now && $now != "$first_rendezvous" ]] && { moved=yes; break; }
        sleep 0.1
    done
    check "homeP attached to $(rendezvous_now) instead of $victim's $first_rendezvous" \
        test "$moved" = yes
    echo "# homeP's new rendezvous after $(seconds_since "$killed" "$EPOCHREALTIME") s"
fi

echo "$failures failure(s); gated cases in ${gated_seconds} s, all in ${SECONDS} s"
((failures == 0))
