#!/usr/bin/env bash
# Container check: builds the image from the Dockerfile with podman (Docker cannot run on CI machines),
# runs it, checks /healthz and the setup page over loopback, stops it with SIGTERM and reports the image
# size. The Debian base image is made locally with debootstrap and imported under the exact name the
# Dockerfile's FROM uses, so no container registry is needed; apt and npm are reached through the host network.
# Prints "container check: ok" (exit 0) or "container check: FAILED: <reason>" (exit 1).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=docker.io/library/debian:bookworm-slim
IMAGE=${CONTAINER_CHECK_IMAGE:-localhost/amarktai:ci}
NAME=amarktai-ci-$$
WORK=$(mktemp -d /tmp/amarktai-container.XXXXXX)
started=$(date +%s)

fail() { echo "container check: FAILED: $*"; exit 1; }
log() { echo "container check: $* ($(( $(date +%s) - started )) s)"; }

cleanup() {
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
# The container tools (src/cli/apt-packages.txt, "container:"), each checked as a package: catatonit is no command on PATH.
need=""
for pkg in $(sed -n 's/^container: *//p' "$ROOT/src/cli/apt-packages.txt"); do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need="$need $pkg"
done
if [ -n "$need" ]; then
  log "installing$need"
  # shellcheck disable=SC2086
  apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 $need >/dev/null || fail "apt-get install$need failed"
fi

# crun fails on this VM's hybrid cgroups, and the default ulimits are refused: use runc and explicit limits.
cat > "$WORK/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
events_logger = "file"
cgroup_manager = "cgroupfs"
CONF
export CONTAINERS_CONF="$WORK/containers.conf"

if ! podman image exists "$BASE"; then
  log "making the base image $BASE with debootstrap"
  rootfs="$WORK/rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; fail "debootstrap bookworm failed"; }
  # as Debian's official slim image: no apt lists or caches, docs, man pages or translations
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/*.log \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
  tar -C "$rootfs" -c . | podman import - "$BASE" >/dev/null || fail "podman import of the base image failed"
fi

log "building the image from the Dockerfile"
# this network inspects TLS with its own CA: lend the host's CA bundle to the build's npm/bun steps
ca_mount=()
[ -f /etc/ssl/certs/ca-certificates.crt ] && ca_mount=(-v /etc/ssl/certs/ca-certificates.crt:/run/build-ca.crt:ro)
# --format docker keeps HEALTHCHECK (the OCI image format has no field for it)
podman build --format docker --pull=never --network=host "${ca_mount[@]}" -t "$IMAGE" -f "$ROOT/Dockerfile" "$ROOT" >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; fail "podman build failed (log above)"; }

port=$(( 20000 + RANDOM % 20000 ))
log "running the image on 127.0.0.1:$port"
podman run -d --init --name "$NAME" --network=host -e PORT="$port" -e AMARKTAI_SERVER_HOST=127.0.0.1 "$IMAGE" >/dev/null || fail "podman run failed"

health=""
for _ in $(seq 1 60); do
  health=$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null) && break
  sleep 0.5
done
[ -n "$health" ] || { podman logs "$NAME" | tail -20; fail "/healthz never answered 200 within 30 s"; }
echo "$health" | grep -q '"status":"ok"' || fail "/healthz answered without status ok: $health"
log "/healthz: $health"

podman healthcheck run "$NAME" >/dev/null 2>&1 || fail "the image's HEALTHCHECK does not pass: $(podman inspect -f '{{json .Config.Healthcheck}}' "$NAME")"
log "the image's HEALTHCHECK passes"

setup=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/setup")
if [ "$setup" = 200 ]; then
  log "GET /setup: 200"
else
  # /setup is built in another branch; until it lands, the root page must at least answer without a server error
  root=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")
  case "$root" in 2??|3??|404) log "GET /setup: $setup (not built yet); GET /: $root" ;; *) fail "GET /setup answered $setup and GET / answered $root" ;; esac
fi

podman exec "$NAME" /opt/amarktai/amarktai cli config:check >/dev/null || fail "amarktai cli config:check does not run inside the container"
log "amarktai cli config:check runs inside the container"

t0=$(date +%s)
podman stop -t 15 "$NAME" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "$NAME")
[ "$code" = 0 ] || { podman logs "$NAME" | tail -20; fail "the container exited with $code after SIGTERM"; }
log "stopped with SIGTERM in $(( $(date +%s) - t0 )) s, exit code 0"

# the image really renders: a short composited the way src/media/video builds shorts (a still with zoompan, a crossfade,
# an overlay, a spoken line mixed over silence and loudness-normalised) is encoded to H.264/AAC MP4 and read back with ffprobe
podman run --rm --network=host --entrypoint bash "$IMAGE" -c \
  'set -e; cd /tmp; ffmpeg -hide_banner -loglevel error -f lavfi -i color=c=0x336699:s=360x640 -frames:v 1 bg.png
   echo "Your notes, everywhere." | text2wave -eval "(voice_cmu_us_slt_arctic_hts)" -o line.wav
   ffmpeg -hide_banner -loglevel error -nostdin -y -i bg.png -i bg.png -f lavfi -i color=c=white:s=200x60:d=3 -i line.wav \
     -f lavfi -t 3 -i anullsrc=r=48000:cl=mono -filter_complex \
     "[0:v]format=yuv420p,zoompan=z=min(1+0.002*on\,1.1):d=45:s=360x640:fps=30,setsar=1[a];[1:v]format=yuv420p,loop=loop=44:size=1,setpts=N/30/TB,fps=30,setsar=1[b];[a][b]xfade=transition=fade:duration=0.5:offset=1[v0];[v0][2:v]overlay=x=80:y=100:enable=between(t\,0.5\,2.5),format=yuv420p[v];[4:a][3:a]amix=inputs=2:normalize=0:duration=first,loudnorm=I=-14:TP=-1.5,aresample=48000,aformat=sample_rates=48000:channel_layouts=stereo[a1]" \
     -map "[v]" -map "[a1]" -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart -t 2.5 short.mp4
   ffprobe -v error -show_entries stream=codec_name -of csv=p=0 short.mp4 | sort | tr "\n" " " | grep -qx "aac h264 "' \
  || fail "a composited short (zoompan, xfade, overlay, voice, loudnorm) does not render inside the image"
log "a composited short renders inside the image (H.264 + AAC, read back by ffprobe)"

# every ffmpeg component the app relies on (src/cli/ffmpeg-components.txt, the list the Dockerfile builds from) is in the
# image's ffmpeg; parsers have no listing option, and configure refuses the build when one of those names is unknown
missing=$(podman run --rm -i --entrypoint bash "$IMAGE" -c '
  declare -A opt=([filter]=-filters [encoder]=-encoders [decoder]=-decoders [muxer]=-muxers [demuxer]=-demuxers [indev]=-devices [bsf]=-bsfs [protocol]=-protocols)
  while read -r kind names; do
    kind=${kind%:}; flag=${opt[$kind]:-}; [ -n "$flag" ] || continue
    case $kind in bsf|protocol) have=$(ffmpeg -hide_banner "$flag" | awk "{print \$1}") ;; *) have=$(ffmpeg -hide_banner "$flag" | awk "NR>1 && !/^ *-/{print \$2}" | tr , "\n") ;; esac
    for n in $names; do grep -qx -- "$n" <<<"$have" || echo "$kind $n"; done
  done < <(grep -E "^[a-z]+:" /dev/stdin)' <"$ROOT/src/cli/ffmpeg-components.txt") || fail "could not list the image's ffmpeg components"
[ -z "$missing" ] || fail "the image's ffmpeg lacks: $(echo $missing)"
log "the image's ffmpeg has every component of src/cli/ffmpeg-components.txt"

# each offline voice src/media/tts/voices.ts names speaks inside the image: festival's voices, flite's and every espeak-ng voice
voices_ts="$ROOT/src/media/tts/voices.ts"
festival=$(grep -oE 'festival:[a-z0-9_]+' "$voices_ts" | cut -d: -f2 | sort -u | tr '\n' ' ')
flite=$(grep -oE 'flite:[a-z0-9_]+' "$voices_ts" | cut -d: -f2 | sort -u | tr '\n' ' ')
espeak=$( (grep -oE 'espeak-ng:[a-z0-9-]+' "$voices_ts" | cut -d: -f2; grep -oE 'espeak\([^)]*\)' "$voices_ts" | grep -oE '"[a-z]{2,3}(-[a-z0-9]+)?"' | tr -d '"') | sort -u | tr '\n' ' ')
[ -n "$festival" ] && [ -n "$flite" ] && [ -n "$espeak" ] || fail "could not read the voices from $voices_ts"
podman run --rm --network=host --entrypoint bash "$IMAGE" -c "set -e; cd /tmp
   for v in $festival; do echo ciao hello | text2wave -eval \"(voice_\$v)\" -o f-\$v.wav; test \$(stat -c %s f-\$v.wav) -gt 4000 || { echo festival \$v; exit 1; }; done
   for v in $flite; do flite -voice \$v -t hello -o l-\$v.wav; test \$(stat -c %s l-\$v.wav) -gt 4000 || { echo flite \$v; exit 1; }; done
   for v in $espeak; do espeak-ng -v \$v -w e-\$v.wav 'hello ciao bonjour' 2>err; ! test -s err && test \$(stat -c %s e-\$v.wav) -gt 4000 || { echo espeak-ng \$v; cat err; exit 1; }; done" \
  || fail "an offline voice of $voices_ts does not speak inside the image"
log "the offline voices speak inside the image: festival ($festival), flite ($flite), espeak-ng ($espeak)"

size=$(podman image inspect -f '{{.Size}}' "$IMAGE")
# build-stage layers left untagged by the rebuild are not needed for the next run
podman image prune -f >/dev/null 2>&1 || true
echo "container check: image size $(( size / 1000000 )) MB ($size bytes)"
log "ok"
echo "container check: ok"
