# An "internet" of network namespaces with home routers doing NAT, for tests that source this file: a bridge
# in its own namespace, public hosts on it, and homes (a router and one LAN host behind it) of three kinds.
# Needs root. Nothing outside the namespaces it makes is touched; nat_cleanup removes them.
#
#   nat_topology_init                      names for this run; removes leftovers of dead runs
#   nat_add_internet                       the bridge (11.0.0.0/24; no route leaves it)
#   nat_add_public NAME N                  host NAME at 11.0.0.N on the bridge
#   nat_add_home NAME KIND N [MINIUPNPD]   router at 11.0.0.N (WAN) and 10.78.N.1 (LAN), host at 10.78.N.2;
#                                          KIND upnp (miniupnpd, nftables, UPnP + NAT-PMP), plain
#                                          (masquerade, endpoint-independent) or symmetric (fully-random)
#   nat_hairpin NAME PORT                  NAT loopback for the home host's PORT
#   nat_exec NAME CMD...                   runs CMD on host NAME (a home's LAN host, or a public host)
#   nat_address NAME                       the host's own address; nat_wan_address NAME: its router's
#   nat_cleanup                            ends what nat_add_home started, deletes every namespace
#
# Every router drops what comes from the WAN unsolicited (`ct state established,related accept`, then
# drop), except what a miniupnpd mapping lets in. WAN addresses are outside the private and reserved ranges
# because miniupnpd 2.3.1 refuses to map behind those.

nat_prefix=rsnet # as tests/app/virtuallan.h: the prefix, the test's process id, a random part
nat_base=
nat_work=
nat_namespaces=()
nat_daemons=()
declare -A nat_host_ns nat_host_addr nat_router_ns nat_wan_addr

nat_topology_init() {
    local name pid
    for name in $(ip netns list 2>/dev/null | awk '{print $1}'); do
        [[ $name == "$nat_prefix"* ]] || continue
        pid=${name#"$nat_prefix"}; pid=${pid%%x*}
        [[ -n $pid && ! -d /proc/$pid ]] && ip netns del "$name" 2>/dev/null
    done
    nat_base=$(printf '%s%dx%04x' "$nat_prefix" $$ $((RANDOM)))
    nat_work=$(mktemp -d)
}

nat_add_namespace() { ip netns add "$1" && nat_namespaces+=("$1"); }

nat_add_internet() {
    local ns=$nat_base-inet
    nat_add_namespace "$ns" || return 1
    ip -n "$ns" link add br0 type bridge && ip -n "$ns" link set br0 up && ip -n "$ns" link set lo up
}

# nat_plug NS IFNAME ADDR/LEN PORTNAME: a veth from NS's IFNAME to a port of the bridge; both ends are made
# where they belong, so no name is ever taken in the test's own namespace.
nat_plug() {
    local inet=$nat_base-inet
    ip link add "$2" netns "$1" type veth peer name "$4" netns "$inet" &&
        ip -n "$inet" link set "$4" master br0 && ip -n "$inet" link set "$4" up &&
        ip -n "$1" addr add "$3" dev "$2" && ip -n "$1" link set "$2" up && ip -n "$1" link set lo up
}

nat_add_public() { # NAME N
    local ns=$nat_base-$1
    nat_add_namespace "$ns" && nat_plug "$ns" eth0 "11.0.0.$2/24" "p-$1" || return 1
    nat_host_ns[$1]=$ns
    nat_host_addr[$1]=11.0.0.$2
}

nat_add_home() { # NAME KIND N [MINIUPNPD]
    local name=$1 kind=$2 n=$3 miniupnpd=${4:-/usr/sbin/miniupnpd}
    local router=$nat_base-$name-r host=$nat_base-$name
    nat_add_namespace "$router" && nat_add_namespace "$host" || return 1
    nat_plug "$router" wan0 "11.0.0.$n/24" "p-$name" || return 1
    ip link add lan0 netns "$router" type veth peer name eth0 netns "$host" &&
        ip -n "$router" addr add "10.78.$n.1/24" dev lan0 && ip -n "$router" link set lan0 up &&
        ip -n "$host" addr add "10.78.$n.2/24" dev eth0 && ip -n "$host" link set eth0 up &&
        ip -n "$host" link set lo up && ip -n "$host" route add default via "10.78.$n.1" || return 1
    ip netns exec "$router" sysctl -qw net.ipv4.ip_forward=1 || return 1
    nat_host_ns[$name]=$host
    nat_host_addr[$name]=10.78.$n.2
    nat_router_ns[$name]=$router
    nat_wan_addr[$name]=11.0.0.$n

    local masquerade=masquerade hooks= chains=
    [[ $kind == symmetric ]] && masquerade="masquerade fully-random" # a new port per destination
    if [[ $kind == upnp ]]; then # the chains miniupnpd's nftables backend fills
        hooks=1
    elif [[ $kind != plain && $kind != symmetric ]]; then
        echo "nat_add_home: unknown kind $kind" >&2; return 1
    fi
    local rules=$nat_work/$name.nft
    {
        echo 'table inet filter {'
        echo '    chain forward {'
        echo '        type filter hook forward priority 0; policy drop;'
        echo '        ct state established,related accept'
        echo '        iifname "lan0" accept'
        [[ -n $hooks ]] && echo '        jump miniupnpd'
        echo '    }'
        [[ -n $hooks ]] && echo '    chain miniupnpd { }'
        echo '}'
        echo 'table inet nat {'
        echo '    chain prerouting {'
        echo '        type nat hook prerouting priority -100; policy accept;'
        [[ -n $hooks ]] && echo '        jump prerouting_miniupnpd'
        echo '    }'
        echo '    chain postrouting {'
        echo '        type nat hook postrouting priority 100; policy accept;'
        [[ -n $hooks ]] && echo '        jump postrouting_miniupnpd'
        echo "        oifname \"wan0\" $masquerade"
        echo '    }'
        [[ -n $hooks ]] && echo '    chain prerouting_miniupnpd { }' && echo '    chain postrouting_miniupnpd { }'
        echo '}'
    } >"$rules"
    ip netns exec "$router" nft -f "$rules" || return 1
    [[ $kind == upnp ]] || return 0

    : >"$nat_work/$name.leases"
    cat >"$nat_work/$name.miniupnpd.conf" <<EOF
ext_ifname=wan0
listening_ip=lan0
http_port=0
enable_upnp=yes
enable_natpmp=yes
secure_mode=yes
system_uptime=no
lease_file=$nat_work/$name.leases
upnp_table_name=filter
upnp_nat_table_name=nat
upnp_forward_chain=miniupnpd
upnp_nat_chain=prerouting_miniupnpd
upnp_nat_postrouting_chain=postrouting_miniupnpd
uuid=3a1b7c52-7f5e-4c7d-9d4e-5b1f0e8a6c$(printf '%02x' "$n")
allow 1024-65535 10.78.$n.0/24 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
EOF
    ip netns exec "$router" "$miniupnpd" -d -f "$nat_work/$name.miniupnpd.conf" \
        -P "$nat_work/$name.miniupnpd.pid" >"$nat_work/$name.miniupnpd.log" 2>&1 &
    local pid=$!
    nat_daemons+=("$pid")
    # Up once it listens for NAT-PMP (UDP 5351) on the LAN side.
    local _
    for _ in $(seq 50); do
        ip netns exec "$router" ss -lun 2>/dev/null | grep -q "10.78.$n.1:5351" && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "miniupnpd did not start on $name:" >&2
    tail -20 "$nat_work/$name.miniupnpd.log" >&2
    return 1
}

# nat_hairpin NAME PORT: NAT loopback, as many home routers do it: LAN hosts reach the host's PORT (UDP and
# TCP) at the router's WAN address too. Without it, a command run beside a node whose port is mapped cannot
# reach that node by the address the ring knows it by.
nat_hairpin() {
    local router=${nat_router_ns[$1]:?no home $1} wan=${nat_wan_addr[$1]} host=${nat_host_addr[$1]}
    ip netns exec "$router" nft add rule inet nat prerouting iifname lan0 ip daddr "$wan" \
        meta l4proto '{ udp, tcp }' th dport "$2" dnat ip to "$host:$2" &&
        ip netns exec "$router" nft add rule inet nat postrouting iifname lan0 oifname lan0 \
            ct status dnat masquerade
}

nat_exec() { local ns=${nat_host_ns[$1]:?no host $1}; shift; ip netns exec "$ns" "$@"; }
nat_address() { echo "${nat_host_addr[$1]:?no host $1}"; }
nat_wan_address() { echo "${nat_wan_addr[$1]:?no home $1}"; }
nat_router_rules() { ip netns exec "${nat_router_ns[$1]:?no home $1}" nft list ruleset; }

# Processes still inside keep a namespace alive (without its name) until they end, so they go first.
nat_cleanup() {
    local pid ns
    for pid in "${nat_daemons[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${nat_daemons[@]}"; do wait "$pid" 2>/dev/null; done
    nat_daemons=()
    for ns in "${nat_namespaces[@]}"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
        ip netns del "$ns" 2>/dev/null
    done
    nat_namespaces=()
    [[ -n $nat_work ]] && rm -rf "$nat_work"
    nat_work=
}
