# Kracht: a release build of `kracht` in the official Swift image, run on plain Ubuntu.
# For deployers; this file was not run on the development machine (it has no Docker engine).
#
#   docker build -t kracht .
#   docker run -p 8080:8080 -e KRACHT_SECRET_KEY=... -e DATABASE_URL=postgres://... kracht
#
# The dependencies need Swift 6.2 or newer; build and run images share one Ubuntu
# release (noble) so the binary finds the same system libraries.

# ---- build ----
FROM swift:6.2-noble AS build
WORKDIR /build

# Resolve the packages first (fetched from GitHub), so this layer is cached until
# Package.swift or Package.resolved changes.
COPY Package.* ./
RUN swift package resolve $([ -f Package.resolved ] && echo --force-resolved-versions || true)

COPY . .
RUN swift build -c release --static-swift-stdlib --product kracht

# Stage what the app reads relative to its working directory, in the same layout:
# Core/Views, Core/Locales, Features/<Name>/{Views,Locales}, Resources/Data, Public.
RUN mkdir -p /staging/Core \
    && cp "$(swift build -c release --show-bin-path)/kracht" /staging/kracht \
    && cp -R Resources Public /staging/ \
    && cp -R Core/Views Core/Locales /staging/Core/ \
    && for views in Features/*/Views Features/*/Locales; do \
         [ -d "$views" ] || continue; \
         mkdir -p "/staging/$(dirname "$views")" && cp -R "$views" "/staging/$views"; \
       done

# ---- run ----
FROM ubuntu:noble

# ca-certificates for SMTP over TLS, tzdata for Europe/Amsterdam, curl for the health check.
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /app --shell /usr/sbin/nologin kracht
WORKDIR /app
COPY --from=build --chown=kracht:kracht /staging /app
# The SQLite database (if DATABASE_URL is unset) and file-transport mail go here.
RUN mkdir -p /app/data && chown kracht:kracht /app/data
VOLUME /app/data

USER kracht:kracht
ENV KRACHT_DATA_DIR=/app/data
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health || exit 1

ENTRYPOINT ["./kracht"]
CMD ["serve", "--env", "production", "--hostname", "0.0.0.0", "--port", "8080"]
