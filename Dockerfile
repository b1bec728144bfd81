# Amarktai Marketing: the appliance image. Build: docker build -t amarktai .
# Run:   docker run -d -p 3000:3000 -v amarktai-data:/data --name amarktai amarktai
# Debian packages come from src/cli/apt-packages.txt ("runtime:" line), the same list `npm start` installs.

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

# --- run stage: the binary, its files beside it, ffmpeg, the offline voices (festival, flite, espeak-ng) and fonts
FROM debian:bookworm-slim
COPY src/cli/apt-packages.txt /tmp/apt-packages.txt
# No docs, man pages or translations in the image (as Debian's official slim image does), and not Intel's
# QuickSync hardware drivers (libmfxhw64 and its plugins, 26 MB): ffmpeg links only the small libmfx
# dispatcher and loads those for QSV encoding, which a container without /dev/dri cannot use.
RUN printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' 'path-exclude /usr/share/man/*' \
      'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' 'path-include /usr/share/locale/locale.alias' \
      'path-exclude /usr/lib/*/libmfxhw64*' 'path-exclude /usr/lib/*/mfx/*' \
      > /etc/dpkg/dpkg.cfg.d/slim \
 && rm -rf /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/*
# setpriv (util-linux, Essential in Debian) ties ffmpeg and the voices to the app: they die with it (src/lib/child-process.ts).
# ffmpeg's package depends on Mesa's GPU drivers (libgl1-mesa-dri -> libLLVM, libz3: ~160 MB) that a headless
# server never loads: the drivers are dlopened only for OpenGL, and nothing ffmpeg links needs them.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
      $(sed -n 's/^runtime: *//p' /tmp/apt-packages.txt) \
 && dpkg --purge --force-depends libgl1-mesa-dri libllvm15 libz3-4 \
 && ffmpeg -hide_banner -f lavfi -i testsrc=size=64x64:rate=5 -t 1 -c:v libx264 -f null - \
 && setpriv --pdeathsig KILL -- true \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /tmp/apt-packages.txt
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
