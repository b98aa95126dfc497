#!/usr/bin/env bash
# The image, built and run for real (README "Operating"; called by .ci/run, runnable alone as root).
#
# No image registry is reachable here, so this script brings its own Docker: it installs Debian's
# docker.io, debootstrap and docker-compose when missing, starts a private dockerd (no bridge, no
# iptables, its own data root, exec root and socket under a temporary directory), makes the two base
# images from Debian packages of the release this machine runs (debootstrap from the mirror in its apt
# sources, then `docker import`), and builds the Dockerfile with --build-arg pointing at them; the
# build stage downloads from Maven Central through the host network. Then three containers (host
# network, distinct ports, read-only root file system, 768 MiB limit) form one cluster: a model
# registered through one is read through the others, the API page is served from the read-only
# root, each turns healthy (HEALTHCHECK), runs as uid 10001 and sizes its heap from the memory limit,
# and `docker stop` makes each leave the cluster with exit status 143. First of all,
# deploy/compose.yaml must pass `docker-compose config`.
# Everything is stopped and removed on exit, also on failure; only the base images stay, as tarballs
# in $CACHE, so the next run skips debootstrap.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${MODEL_REGISTRY_CI_CACHE:-/var/cache/model-registry-ci}
DOCKER=/usr/bin/docker            # Debian's client: another `docker` may come first on PATH
TAG=model-registry:container-check
NODES=(mr-check-1 mr-check-2 mr-check-3)
started=$SECONDS

log() { printf '%s container-check: %s\n' "$(date +%T)" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

install_packages() {
  local need=()
  [ -x /usr/sbin/dockerd ] && [ -x "$DOCKER" ] || need+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
  command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

[ "$(id -u)" -eq 0 ] || fail "run as root (dockerd and debootstrap need it)"
install_packages

WORK=$(mktemp -d /tmp/model-registry-container-check.XXXXXX)
export DOCKER_HOST="unix://$WORK/docker.sock"
DOCKERD_PID=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$DOCKERD_PID" ]; then
    if [ $status -ne 0 ]; then
      for node in "${NODES[@]}"; do
        "$DOCKER" logs --tail 40 "$node" 2>&1 | sed "s/^/  $node | /" || true
      done
    fi
    "$DOCKER" rm -f "${NODES[@]}" >/dev/null 2>&1 || true
    kill "$DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$DOCKERD_PID" 2>/dev/null || true
    [ $status -eq 0 ] || tail -20 "$WORK/dockerd.log" | sed 's/^/  dockerd | /' || true
    log "daemon stopped"
  fi
  # anything dockerd left mounted under its data root (it unmounts on a clean stop)
  grep -o " $WORK[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$WORK"
  log "$([ $status -eq 0 ] && echo passed || echo failed) in $((SECONDS - started)) s; $WORK removed"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_daemon() {
  mkdir -p "$WORK/data-root" "$WORK/exec-root"
  # in memory: the images and layers are gone at the unmount, where deleting them from
  # disk took half a minute
  mount -t tmpfs -o size=8g,mode=0700 model-registry-check "$WORK/data-root"
  /usr/sbin/dockerd --bridge=none --iptables=false --ip6tables=false \
    --data-root "$WORK/data-root" --exec-root "$WORK/exec-root" --pidfile "$WORK/dockerd.pid" \
    --host "$DOCKER_HOST" >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 60); do
    "$DOCKER" version >/dev/null 2>&1 && return 0
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -20 "$WORK/dockerd.log"
  fail "dockerd did not start"
}

# The first mirror of the apt sources that serves this release (deb822 .sources or one-line .list).
apt_mirror() {
  local codename=$1 file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk -v codename="$codename" '
      /^URIs:/ { uris = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == codename) found = 1 }
      /^[[:space:]]*$/ { if (found && uris) { print uris; exit } found = 0; uris = "" }
      END { if (found && uris) print uris }' "$file"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    awk -v codename="$codename" '$1 == "deb" { for (i = 2; i < NF; i++) if ($(i + 1) == codename && $i ~ /^https?:/) print $i }' "$file"
  done
}

# base_image NAME PACKAGES: prints the name of a minbase Debian of this machine's release with
# PACKAGES, imported as an image. Its root file system is cached as a tarball keyed by release,
# mirror, packages and the machine's own CAs, so a later run only imports it.
base_image() {
  local name=$1 packages=$2 key tarball rootfs
  key=$( (printf '%s %s %s' "$CODENAME" "$MIRROR" "$packages"; cat /usr/local/share/ca-certificates/*.crt 2>/dev/null) \
    | sha256sum | cut -c1-12)
  tarball="$CACHE/$name-$CODENAME-$key.tar"
  if [ -s "$tarball" ]; then
    log "base image $name: cached $tarball"
  else
    rootfs="$WORK/rootfs-$name"
    log "base image $name: debootstrap --variant=minbase $CODENAME with $packages from $MIRROR"
    debootstrap --variant=minbase --include="$packages" "$CODENAME" "$rootfs" "$MIRROR" \
      >"$WORK/debootstrap-$name.log" 2>&1 || { tail -30 "$WORK/debootstrap-$name.log" >&2; fail "debootstrap $name"; }
    trust_local_cas "$rootfs"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    mkdir -p "$CACHE"
    find "$CACHE" -maxdepth 1 -name "$name-*.tar" ! -name "${tarball##*/}" -delete
    tar -C "$rootfs" --numeric-owner -cf "$tarball.$$" . && mv "$tarball.$$" "$tarball"
    rm -rf "$rootfs"
  fi
  "$DOCKER" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' "$tarball" "model-registry-base/$name:$CODENAME-$key" >/dev/null
  echo "model-registry-base/$name:$CODENAME-$key"
}

# The build stage reaches Maven Central through this machine's network, so its Java must trust what
# this machine trusts: the local CAs Debian keeps in /usr/local/share/ca-certificates (for example a
# TLS-inspecting proxy's) go into the image's Java trust store as well.
trust_local_cas() {
  local rootfs=$1 crt store="$1/etc/ssl/certs/java/cacerts"
  [ -f "$store" ] || return 0
  for crt in /usr/local/share/ca-certificates/*.crt; do
    [ -f "$crt" ] || continue
    keytool -importcert -noprompt -storepass changeit -keystore "$store" \
      -alias "local-$(basename "$crt" .crt)" -file "$crt" >/dev/null
  done
}

# Sets PORT to a loopback port nothing listens on or connects from, and that no earlier call gave.
free_port() {
  while :; do
    PORT=$((20000 + RANDOM % 20000))
    [ -z "$(ss -Htan "( sport = :$PORT )")" ] && ! [[ " ${PORTS[*]:-} " == *" $PORT "* ]] && break
  done
  PORTS+=("$PORT")
}

http_status() { curl -s -o /dev/null -w '%{http_code}' "$@" || true; }

MODEL_REGISTRY_JWT_SECRET=${MODEL_REGISTRY_JWT_SECRET:-container-check-0123456789abcdefghijklmnop} \
  docker-compose -f deploy/compose.yaml config -q || fail "deploy/compose.yaml"
log "deploy/compose.yaml passes docker-compose config"

start_daemon
log "dockerd $("$DOCKER" version --format '{{.Server.Version}}') on $DOCKER_HOST"

CODENAME=$(. /etc/os-release && echo "$VERSION_CODENAME")
MIRROR=$(apt_mirror "$CODENAME" | head -1)
[ -n "$CODENAME" ] && [ -n "$MIRROR" ] || fail "no apt mirror for '$CODENAME' in /etc/apt/sources*"
# both at once: debootstrap spends most of its time waiting for the mirror
base_image build openjdk-17-jdk-headless,maven >"$WORK/build-base" & build_base=$!
base_image runtime openjdk-17-jre-headless,curl >"$WORK/runtime-base" & runtime_base=$!
wait $build_base || fail "base image build"
wait $runtime_base || fail "base image runtime"
BUILD_BASE=$(cat "$WORK/build-base") RUNTIME_BASE=$(cat "$WORK/runtime-base")
log "base images ready after $((SECONDS - started)) s"

build_started=$SECONDS
DOCKER_BUILDKIT=0 "$DOCKER" build --network host --build-arg BUILD_IMAGE="$BUILD_BASE" \
  --build-arg RUNTIME_IMAGE="$RUNTIME_BASE" -t "$TAG" . >"$WORK/build.log" 2>&1 \
  || { tail -40 "$WORK/build.log"; fail "docker build"; }
log "image $TAG built in $((SECONDS - build_started)) s"
[ "$("$DOCKER" inspect -f '{{.Config.User}}' "$TAG")" = "10001:10001" ] || fail "the image's USER is not 10001:10001"

PORTS=()
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
ENVIRONMENT=(-e MODEL_REGISTRY_JWT_SECRET="$SECRET" -e MODEL_REGISTRY_JWT_ISSUER=https://issuer.container-check
  -e MODEL_REGISTRY_JWT_AUDIENCE=model-registry)
declare -a HTTP CLUSTER EVENTBUS
for i in 0 1 2; do
  free_port; HTTP[i]=$PORT; free_port; CLUSTER[i]=$PORT; free_port; EVENTBUS[i]=$PORT
done
MEMBERS="127.0.0.1:${CLUSTER[0]},127.0.0.1:${CLUSTER[1]},127.0.0.1:${CLUSTER[2]}"

for i in 0 1 2; do
  "$DOCKER" run -d --name "${NODES[i]}" --network host --memory 768m --read-only --tmpfs /tmp "${ENVIRONMENT[@]}" \
    -e MODEL_REGISTRY_CLUSTER_NAME="container-check-$$" -e MODEL_REGISTRY_CLUSTER_MEMBERS="$MEMBERS" \
    -e MODEL_REGISTRY_HTTP_HOST=127.0.0.1 -e MODEL_REGISTRY_HTTP_PORT="${HTTP[i]}" \
    -e MODEL_REGISTRY_CLUSTER_PORT="${CLUSTER[i]}" -e MODEL_REGISTRY_EVENTBUS_PORT="${EVENTBUS[i]}" \
    "$TAG" >/dev/null
done
for i in 0 1 2; do
  for _ in $(seq 240); do
    [ "$(http_status "http://127.0.0.1:${HTTP[i]}/health/ready")" = 200 ] && break
    [ "$("$DOCKER" inspect -f '{{.State.Running}}' "${NODES[i]}")" = true ] || fail "${NODES[i]} exited"
    sleep 0.5
  done
  [ "$(http_status "http://127.0.0.1:${HTTP[i]}/health/ready")" = 200 ] || fail "${NODES[i]} not ready"
done
log "three containers ready after $((SECONDS - started)) s"
ready_line=$("$DOCKER" logs "${NODES[2]}" 2>&1 | grep 'Model Registry ready on' || true)
for port in "${CLUSTER[@]}"; do
  [[ $ready_line == *"]:$port"* ]] || fail "${NODES[2]} did not see all three members: $ready_line"
done

TOKEN=$("$DOCKER" run --rm --network none "${ENVIRONMENT[@]}" "$TAG" token --sub container-check --roles admin 2>/dev/null)
AUTH="Authorization: Bearer $TOKEN"
status=$(http_status -X POST "http://127.0.0.1:${HTTP[0]}/v1/models" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"id": "container-check", "baseModel": "sophra-base", "version": "1.0.0"}')
[ "$status" = 201 ] || fail "register through ${NODES[0]}: $status"
for i in 1 2; do
  body=$(curl -sf "http://127.0.0.1:${HTTP[i]}/v1/models/container-check" -H "$AUTH") \
    || fail "read through ${NODES[i]}"
  [[ $body == *'"id":"container-check"'* ]] || fail "read through ${NODES[i]}: $body"
done
log "registered through ${NODES[0]}, read through ${NODES[1]} and ${NODES[2]}"
for path in /openapi.yaml /docs/ /docs/swagger-ui-bundle.js; do
  status=$(http_status "http://127.0.0.1:${HTTP[1]}$path")
  [ "$status" = 200 ] || fail "GET $path on a read-only root: $status"
done

for node in "${NODES[@]}"; do
  [ "$("$DOCKER" exec "$node" id -u)" = 10001 ] || fail "$node does not run as uid 10001"
done
heap=$("$DOCKER" exec "${NODES[0]}" java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { print $4 }')
[ "$heap" -gt $((500 << 20)) ] && [ "$heap" -le $((576 << 20)) ] \
  || fail "heap $heap is not 75 % of the 768 MiB limit"
for _ in $(seq 60); do
  healthy=0
  for node in "${NODES[@]}"; do
    [ "$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$node")" = healthy ] && healthy=$((healthy + 1))
  done
  [ $healthy -eq 3 ] && break
  sleep 1
done
[ $healthy -eq 3 ] || fail "HEALTHCHECK: $healthy of 3 containers healthy"
log "uid 10001, heap $((heap >> 20)) MiB of a 768 MiB limit, HEALTHCHECK healthy on all three"

for i in 0 1 2; do
  "$DOCKER" stop -t 60 "${NODES[i]}" >/dev/null
  code=$("$DOCKER" inspect -f '{{.State.ExitCode}}' "${NODES[i]}")
  logs=$("$DOCKER" logs "${NODES[i]}" 2>&1)
  [ "$code" = 143 ] || fail "${NODES[i]} exited with $code, not 143"
  grep -q 'Shutting down: leaving the cluster' <<<"$logs" || fail "${NODES[i]} did not log leaving the cluster"
  ! grep -q 'did not stop cleanly' <<<"$logs" || fail "${NODES[i]} did not stop cleanly"
  if [ $i -lt 2 ]; then
    [ "$(http_status "http://127.0.0.1:${HTTP[2]}/v1/models/container-check" -H "$AUTH")" = 200 ] \
      || fail "the model is gone after ${NODES[i]} left"
  fi
done
log "docker stop: each left the cluster with exit status 143; the model outlived the first two"
