# Amarktai Marketing: the appliance image. Build: docker build -t amarktai .
# Run:   docker run -d -p 3000:3000 -v amarktai-data:/data --name amarktai amarktai
# Debian packages come from src/cli/apt-packages.txt ("runtime:" line), the same list `npm start` installs, except
# ffmpeg: the image builds its own with only the components in src/cli/ffmpeg-components.txt. docs/image.md lists what
# is in the image, why, and the MB of each part.

# --- build stage: Bun (pinned, through npm) compiles the app into one executable -----------------------
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# Behind a TLS-inspecting proxy, mount its CA bundle at /run/build-ca.crt (podman build -v host.crt:/run/build-ca.crt:ro).
RUN if [ -f /run/build-ca.crt ]; then export NODE_EXTRA_CA_CERTS=/run/build-ca.crt; fi \
 && npm install -g --no-fund --no-audit bun@1.4.4 && bun --version
WORKDIR /src
COPY package.json bun.lock bunfig.toml tsconfig.json ./
RUN if [ -f /run/build-ca.crt ]; then export NODE_EXTRA_CA_CERTS=/run/build-ca.crt; fi \
 && bun install --frozen-lockfile
COPY src ./src
COPY views ./views
COPY public ./public
COPY migrations ./migrations
# The platform guides are compiled into the binary (src/connections/guides.ts imports them as text).
COPY docs/platforms ./docs/platforms
RUN bun run build

# --- ffmpeg stage: Debian's own ffmpeg source, built with only what the app uses (src/cli/ffmpeg-components.txt) ----
# Debian's ffmpeg package links about 100 libraries (x265, vpx, aom, codec2, openmpt, VA/VDPAU, librsvg, ICU...) that
# cost ~250 MB in the image; this one links libx264, dav1d, freetype, fontconfig and zlib. docs/image.md has the figures.
FROM debian:bookworm-slim AS ffmpeg
# the base image names its package sources either in sources.list (debootstrap) or in debian.sources (Docker's image)
RUN if [ -f /etc/apt/sources.list ]; then sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/deb-src.list; fi \
 && if [ -f /etc/apt/sources.list.d/debian.sources ]; then sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources; fi \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends build-essential nasm pkg-config \
      libx264-dev libdav1d-dev libfreetype-dev libfontconfig-dev zlib1g-dev
WORKDIR /build
RUN apt-get source --only-source ffmpeg && mv ffmpeg-*/ ffmpeg
COPY src/cli/ffmpeg-components.txt /build/
# Every "<kind>: names" line of the list becomes --enable-<kind>=a,b,c. configure stops only when a whole option matches
# nothing; a single unknown name is caught by .ci/container-check.sh, which checks the built ffmpeg lists every name.
RUN enables=$(sed -n 's/^\([a-z]*\): *\(.*\)$/--enable-\1=\2/p' ffmpeg-components.txt | tr ' ' ',' | sed 's/=,*/=/' | tr '\n' ' ') \
 && cd ffmpeg \
 && ./configure --prefix=/opt/ffmpeg --disable-everything --disable-autodetect --disable-doc --disable-debug --disable-ffplay \
      --disable-network --enable-pthreads --enable-zlib --enable-gpl --enable-libx264 --enable-libdav1d \
      --enable-libfreetype --enable-libfontconfig $enables > /build/configure.log 2>&1 || { tail -30 /build/configure.log; exit 1; } \
 && if grep -i 'did not match anything' /build/configure.log; then exit 1; fi \
 && make -j"$(nproc)" > /build/make.log 2>&1 || { tail -30 /build/make.log; exit 1; } \
 && make install > /dev/null && strip /opt/ffmpeg/bin/ffmpeg /opt/ffmpeg/bin/ffprobe \
 && for b in ffmpeg ffprobe; do ldd /opt/ffmpeg/bin/$b; done | awk '/=> \//{print $3}' | sort -u | xargs -n1 basename \
      | sed 's|^|*/|' | xargs dpkg -S | cut -d: -f1 | sort -u | tr '\n' ' ' > /opt/ffmpeg/runtime-packages \
 && echo "ffmpeg needs: $(cat /opt/ffmpeg/runtime-packages)"

# --- run stage: the binary, its files beside it, ffmpeg, the offline voices (festival, flite, espeak-ng) and fonts
FROM debian:bookworm-slim
COPY src/cli/apt-packages.txt /tmp/apt-packages.txt
COPY --from=ffmpeg /opt/ffmpeg/runtime-packages /tmp/ffmpeg-runtime-packages
# What dpkg leaves out of the image (docs/image.md says why, with the MB each saves): docs, man pages and translations
# (as Debian's official slim image does); espeak-ng's dictionaries for languages src/media/tts/voices.ts does not speak
# (tests/cli/image.test.ts keeps this list and voices.ts in step); Noto's serif, display and italic cuts and its
# historic and notation scripts, while the sans fonts of living scripts stay as fallbacks for text set in images.
RUN printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' 'path-exclude /usr/share/man/*' \
      'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' 'path-include /usr/share/locale/locale.alias' \
      'path-exclude /usr/lib/*/espeak-ng-data/*_dict' \
      'path-include /usr/lib/*/espeak-ng-data/en_dict' 'path-include /usr/lib/*/espeak-ng-data/fr_dict' \
      'path-include /usr/lib/*/espeak-ng-data/de_dict' 'path-include /usr/lib/*/espeak-ng-data/es_dict' \
      'path-include /usr/lib/*/espeak-ng-data/pt_dict' 'path-include /usr/lib/*/espeak-ng-data/it_dict' \
      'path-exclude /usr/share/fonts/truetype/noto/NotoSerif*' 'path-exclude /usr/share/fonts/truetype/noto/NotoSansDisplay*' \
      'path-exclude /usr/share/fonts/truetype/noto/*Italic*' 'path-exclude /usr/share/fonts/truetype/noto/NotoSansSignWriting*' \
      'path-exclude /usr/share/fonts/truetype/noto/*Hieroglyphs*' 'path-exclude /usr/share/fonts/truetype/noto/NotoSansCuneiform*' \
      'path-exclude /usr/share/fonts/truetype/noto/NotoSansLinear*' 'path-exclude /usr/share/fonts/truetype/noto/NotoMusic*' \
      'path-exclude /usr/share/fonts/truetype/noto/NotoSansOld*' 'path-exclude /usr/share/fonts/truetype/noto/NotoSansMath*' \
      > /etc/dpkg/dpkg.cfg.d/slim \
 && rm -rf /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/*
# ffmpeg is our own build (stage above), so Debian's ffmpeg is left out of the runtime list here; its libraries come by name.
# setpriv (util-linux, Essential in Debian) ties ffmpeg and the voices to the app: they die with it (src/lib/child-process.ts).
# festival depends on alsa-utils (aplay, for playing sound) and it on kmod; text2wave writes files and never plays, so they
# go, with the libraries only they link; the ldd sweep proves no program or library left in the image needs what went.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
      $(sed -n 's/^runtime: *//p' /tmp/apt-packages.txt | tr ' ' '\n' | grep -vx ffmpeg) $(cat /tmp/ffmpeg-runtime-packages) \
 && dpkg --purge --force-depends alsa-utils kmod libkmod2 libatopology2 libfftw3-single3 libsamplerate0 \
 && missing=$(find /usr/bin /usr/sbin /usr/lib -type f \( -perm -u+x -o -name '*.so*' \) -exec ldd {} + 2>/dev/null | grep 'not found' | sort -u) \
 && if [ -n "$missing" ]; then echo "libraries missing after the purge: $missing"; exit 1; fi \
 && setpriv --pdeathsig KILL -- true \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /tmp/apt-packages.txt /tmp/ffmpeg-runtime-packages
COPY --from=ffmpeg /opt/ffmpeg/bin/ffmpeg /opt/ffmpeg/bin/ffprobe /usr/local/bin/
RUN ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc=size=64x64:rate=5 -t 1 -c:v libx264 -f null -
RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home amarktai \
 && mkdir -p /data/media && chown -R amarktai:amarktai /data
COPY --from=build /src/dist/ /opt/amarktai/
ENV AMARKTAI_DATA_DIR=/data \
    AMARKTAI_MEDIA_DIR=/data/media \
    PORT=3000
USER amarktai
WORKDIR /data
VOLUME /data
EXPOSE 3000
# bash's /dev/tcp instead of curl: one package less in the image
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/amarktai/amarktai"]
