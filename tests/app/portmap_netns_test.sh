#!/usr/bin/env bash
# The port mapper against the real miniupnpd in network namespaces: a home router (LAN side, WAN side on a
# public-looking address, nftables masquerade, miniupnpd) and a LAN host running `ringshare-node run`. Checks
# that the mapping is really made (read back from nftables and miniupnpd's lease file), renewed, and gone
# after a clean exit, over UPnP and over NAT-PMP alone.
# Usage: portmap_netns_test.sh RINGSHARE_NODE. Exit 77 (skipped) without root, `ip netns`, nft or miniupnpd.
set -uo pipefail

node_binary=${1:?usage: $0 RINGSHARE_NODE}
miniupnpd=${MINIUPNPD:-/usr/sbin/miniupnpd}

skip() { echo "SKIP: $*"; exit 77; }
((EUID == 0)) || skip "network namespaces need root"
command -v ip >/dev/null || skip "iproute2's ip is not installed"
command -v nft >/dev/null || skip "nftables' nft is not installed"
[[ -x $miniupnpd ]] || skip "no miniupnpd at $miniupnpd (Debian: miniupnpd-nftables)"

# Names as tests/app/virtuallan.h makes them: the prefix, this process's id, a random part. Leftovers of
# runs whose process is gone are removed first.
prefix=rsnet
for name in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    [[ $name == "$prefix"* ]] || continue
    pid=${name#"$prefix"}; pid=${pid%%x*}
    [[ -n $pid && ! -d /proc/$pid ]] && ip netns del "$name" 2>/dev/null
done
base=$(printf '%s%dx%04x' "$prefix" $$ $((RANDOM)))
router=$base-router
host=$base-home
internet=$base-inet
work=$(mktemp -d)
daemon_pid=
node_pid=

cleanup() {
    [[ -n $node_pid ]] && kill -KILL "$node_pid" 2>/dev/null
    [[ -n $daemon_pid ]] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
    ip netns del "$host" 2>/dev/null
    ip netns del "$internet" 2>/dev/null
    ip netns del "$router" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() { # check WHAT COMMAND...: runs COMMAND, says ok or FAIL
    local what=$1; shift
    if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
fatal() {
    echo "FAIL - $*"
    [[ -f $work/node.err ]] && sed 's/^/  node: /' "$work/node.err" | tail -20
    [[ -f $work/miniupnpd.log ]] && sed 's/^/  miniupnpd: /' "$work/miniupnpd.log" | tail -20
    exit 1
}

# The router: lan0 (10.78.0.1/24) to the home host's eth0 (10.78.0.2/24); wan0 (11.0.0.1/24, outside the
# private and reserved ranges miniupnpd refuses) to an "internet" namespace's eth0 (11.0.0.2/24), and no
# route out of the namespaces.
ip netns add "$router" || skip "cannot create a network namespace here"
ip netns add "$host" && ip netns add "$internet" || fatal "ip netns add"
ip link add lan0 netns "$router" type veth peer name eth0 netns "$host" || fatal "veth pair (LAN)"
ip link add wan0 netns "$router" type veth peer name eth0 netns "$internet" || fatal "veth pair (WAN)"
ip -n "$router" addr add 10.78.0.1/24 dev lan0 && ip -n "$router" addr add 11.0.0.1/24 dev wan0 &&
    ip -n "$host" addr add 10.78.0.2/24 dev eth0 && ip -n "$internet" addr add 11.0.0.2/24 dev eth0 ||
    fatal "addresses"
for ns in "$router" "$host" "$internet"; do ip -n "$ns" link set lo up; done
ip -n "$router" link set lan0 up && ip -n "$router" link set wan0 up && ip -n "$host" link set eth0 up &&
    ip -n "$internet" link set eth0 up && ip -n "$host" route add default via 10.78.0.1 || fatal "links up"
ip netns exec "$router" sysctl -qw net.ipv4.ip_forward=1 || fatal "forwarding"
ip netns exec "$router" true 2>/dev/null || skip "cannot run programs in a network namespace here"

# NAT as a home router does it, and the tables and chains miniupnpd's nftables backend adds its rules to.
cat >"$work/router.nft" <<'EOF'
table inet filter {
    chain forward {
        type filter hook forward priority 0; policy drop;
        ct state established,related accept
        iifname "lan0" accept
        jump miniupnpd
    }
    chain miniupnpd { }
}
table inet nat {
    chain prerouting {
        type nat hook prerouting priority -100; policy accept;
        jump prerouting_miniupnpd
    }
    chain postrouting {
        type nat hook postrouting priority 100; policy accept;
        jump postrouting_miniupnpd
        oifname "wan0" masquerade
    }
    chain prerouting_miniupnpd { }
    chain postrouting_miniupnpd { }
}
EOF
ip netns exec "$router" nft -f "$work/router.nft" || fatal "nftables ruleset"

start_miniupnpd() { # start_miniupnpd UPNP(yes|no)
    : >"$work/leases"
    cat >"$work/miniupnpd.conf" <<EOF
ext_ifname=wan0
listening_ip=lan0
http_port=0
enable_upnp=$1
enable_natpmp=yes
secure_mode=yes
system_uptime=no
lease_file=$work/leases
upnp_table_name=filter
upnp_nat_table_name=nat
upnp_forward_chain=miniupnpd
upnp_nat_chain=prerouting_miniupnpd
upnp_nat_postrouting_chain=postrouting_miniupnpd
uuid=3a1b7c52-7f5e-4c7d-9d4e-5b1f0e8a6c01
allow 1024-65535 10.78.0.0/24 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
EOF
    ip netns exec "$router" "$miniupnpd" -d -f "$work/miniupnpd.conf" -P "$work/miniupnpd.pid" \
        >"$work/miniupnpd.log" 2>&1 &
    daemon_pid=$!
    # Up once it listens for NAT-PMP (UDP 5351) on the LAN side.
    for _ in $(seq 50); do
        ip netns exec "$router" ss -lun 2>/dev/null | grep -q '10.78.0.1:5351' && return 0
        kill -0 "$daemon_pid" 2>/dev/null || break
        sleep 0.1
    done
    fatal "miniupnpd did not start"
}
stop_miniupnpd() {
    kill -TERM "$daemon_pid" 2>/dev/null; wait "$daemon_pid" 2>/dev/null; daemon_pid=
}

port=41777
start_node() {
    ip netns exec "$host" "$node_binary" run --json --no-lan --port "$port" --port-mapping-lease "$1" \
        --data-dir "$work/node" >"$work/node.out" 2>"$work/node.err" &
    node_pid=$!
}
stop_node() { # a clean exit: SIGTERM, and the node leaves (and unmaps) by itself
    kill -TERM "$node_pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$node_pid" 2>/dev/null && { kill -KILL "$node_pid"; fatal "the node did not exit on SIGTERM"; }
    wait "$node_pid"; local code=$?; node_pid=
    return $code
}
wait_for_line() { # wait_for_line PATTERN SECONDS
    for _ in $(seq $(($2 * 10))); do grep -q "$1" "$work/node.out" && return 0; sleep 0.1; done
    return 1
}
rules() { ip netns exec "$router" nft list ruleset; }
has_rules() { # both redirections to this host's port, in the prerouting chain miniupnpd fills
    local r; r=$(rules)
    # nft prints the protocol as the IP header's byte: 0x11 UDP, 0x6 TCP.
    grep -q "@nh,72,8 0x11 th dport $port dnat ip to 10.78.0.2:$port" <<<"$r" &&
        grep -q "@nh,72,8 0x6 th dport $port dnat ip to 10.78.0.2:$port" <<<"$r"
}
no_rules() { ! rules | grep -q "dport $port"; }
lease_expiry() { # lease_expiry PROTO: the expiry miniupnpd keeps for PROTO:port
    awk -F: -v p="$1" -v port="$port" '$1 == p && $2 == port {print $5}' "$work/leases"
}
leases_gone() { ! grep -q ":$port:" "$work/leases"; }

deadline=$((SECONDS + 60))

echo "# UPnP-IGD"
start_miniupnpd yes
start_node 6
wait_for_line '"state":"mapped"' 10 || fatal "no mapped portmapping event"
check "the node reports the UPnP mapping" \
    grep -q "\"event\":\"portmapping\".*\"external\":\"11.0.0.1:$port\".*\"method\":\"UPnP\"" "$work/node.out"
check "miniupnpd's nftables rules forward UDP and TCP $port" has_rules
first_udp=$(lease_expiry UDP)
first_tcp=$(lease_expiry TCP)
check "miniupnpd holds leases for UDP and TCP" test -n "$first_udp" -a -n "$first_tcp"
# A 6 s lease is renewed at 3 s: after 4.5 s the lease runs out later than it first did, and the
# mapping is still there after the first lease would have ended.
sleep 7
check "the lease was renewed" test "$(lease_expiry UDP)" -gt "${first_udp:-0}"
check "the mapping outlives its first lease" has_rules
check "renewals kept the state: trying, then mapped, nothing since" \
    test "$(grep '"event":"portmapping"' "$work/node.out" | grep -o '"state":"[a-z]*"' | paste -sd,)" = \
    '"state":"trying","state":"mapped"'
stop_node; check "the node exits 0" test $? -eq 0
check "the rules are gone after a clean exit" no_rules
check "miniupnpd's leases are gone after a clean exit" leases_gone
stop_miniupnpd

echo "# NAT-PMP alone (UPnP off in miniupnpd)"
start_miniupnpd no
start_node 3600
wait_for_line '"state":"mapped"' 15 || fatal "no mapped portmapping event over NAT-PMP"
check "the node reports the NAT-PMP mapping" \
    grep -q "\"event\":\"portmapping\".*\"external\":\"11.0.0.1:$port\".*\"method\":\"NAT-PMP\"" "$work/node.out"
check "miniupnpd's nftables rules forward UDP and TCP $port" has_rules
stop_node; check "the node exits 0" test $? -eq 0
check "the rules are gone after a clean exit" no_rules
check "miniupnpd's leases are gone after a clean exit" leases_gone
stop_miniupnpd

((SECONDS <= deadline)) || { echo "FAIL - took ${SECONDS}s"; failures=$((failures + 1)); }
echo "$failures failure(s) in ${SECONDS}s"
((failures == 0))
