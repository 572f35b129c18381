#!/usr/bin/env bash
# The cluster test's network: one bridge in the host's namespace and a network namespace per host —
# a load balancer (nginx), three app nodes, PostgreSQL and Redis — each on its own address, joined by
# veth pairs; the test's clients and its event writer live on the host side of the bridge.
#   topology.sh up     build it (PostgreSQL and Redis instances of its own, started in theirs)
#   topology.sh down   remove everything it made (idempotent; safe after a partial `up`)
# Needs root, iproute2, PostgreSQL's server binaries, redis-server and nginx.
set -euo pipefail

PREFIX=mzc
BRIDGE=${PREFIX}br0
NET=10.77.0
WORK=${MERZIM_CLUSTER_DIR:-/tmp/merzim-cluster}
# name:address of each namespace (the host side of the bridge is $NET.1)
HOSTS="lb:$NET.10 n1:$NET.11 n2:$NET.12 n3:$NET.13 pg:$NET.20 redis:$NET.21"

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

up() {
	down >/dev/null 2>&1 || true
	mkdir -p "$WORK"
	ip link add "$BRIDGE" type bridge
	ip addr add "$NET.1/24" dev "$BRIDGE"
	ip link set "$BRIDGE" up
	for h in $HOSTS; do
		local name=${h%%:*} addr=${h#*:}
		ip netns add "$PREFIX-$name"
		ip link add "$PREFIX-$name-h" type veth peer name eth0 netns "$PREFIX-$name"
		ip link set "$PREFIX-$name-h" master "$BRIDGE" up
		ip -n "$PREFIX-$name" addr add "$addr/24" dev eth0
		ip -n "$PREFIX-$name" link set eth0 up
		ip -n "$PREFIX-$name" link set lo up
		ip -n "$PREFIX-$name" route add default via "$NET.1"
	done
	# The host's own firewall must not stand between the namespaces.
	sysctl -qw net.bridge.bridge-nf-call-iptables=0 2>/dev/null || true

	# PostgreSQL: an instance of its own (the host's is shared), trusted from the cluster's network.
	local bin; bin=$(pg_bin)
	mkdir -p "$WORK/pg" "$WORK/run"
	chown postgres:postgres "$WORK/pg" "$WORK/run"
	runuser -u postgres -- "$bin/initdb" -D "$WORK/pg/data" --auth=trust -U postgres >/dev/null
	echo "host all all $NET.0/24 trust" >>"$WORK/pg/data/pg_hba.conf"
	pg_start
	# Redis: its own too (scenario 3 stops it).
	redis_start
}

pg_start() {
	ip netns exec "$PREFIX-pg" runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
		-o "-c listen_addresses=$NET.20 -c port=5432 -k $WORK/run -c max_connections=200 -c fsync=off" start >/dev/null
}
pg_stop() { runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null; }
redis_start() {
	ip netns exec "$PREFIX-redis" redis-server --bind "$NET.21" --port 6379 --protected-mode no --save "" --appendonly no \
		--daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
	for _ in $(seq 1 50); do redis-cli -h "$NET.21" ping 2>/dev/null | grep -q PONG && return; sleep 0.1; done
	echo "redis did not start" >&2
	return 1
}
redis_stop() {
	[ -f "$WORK/redis.pid" ] || return 0
	local pid; pid=$(cat "$WORK/redis.pid")
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	rm -f "$WORK/redis.pid"
}

down() {
	# Every process still running in one of our namespaces (app nodes, nginx), then the daemons.
	for h in $HOSTS; do
		local ns="$PREFIX-${h%%:*}"
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
	done
	[ -f "$WORK/pg/data/postmaster.pid" ] && pg_stop 2>/dev/null || true
	redis_stop 2>/dev/null || true
	for h in $HOSTS; do
		local name=${h%%:*}
		ip link del "$PREFIX-$name-h" 2>/dev/null || true
		ip netns del "$PREFIX-$name" 2>/dev/null || true
	done
	ip link del "$BRIDGE" 2>/dev/null || true
	rm -rf "$WORK"
}

case "${1:-}" in
up) up ;;
down) down ;;
pg-start) pg_start ;;
pg-stop) pg_stop ;;
redis-start) redis_start ;;
redis-stop) redis_stop ;;
*)
	echo "usage: $0 up|down|pg-start|pg-stop|redis-start|redis-stop" >&2
	exit 2
	;;
esac
