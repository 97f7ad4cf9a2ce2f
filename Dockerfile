# dossier in a container: a static binary on debian-slim with poppler
# (pdftotext) and tesseract (OCR), running as a non-root user, the index
# and the keys file on the /data volume.
#
# Build: docker build -t dossier .
# Keys:  docker run --rm -v dossier-data:/data dossier keys create --name admin --scopes search,read,ingest,admin
#        (prints the secret once, on the last line; only its SHA-256 is stored in /data/keys.json)
# Run:   docker run -d --stop-timeout 30 -p 8080:8080 -v dossier-data:/data dossier
#
# The server refuses to start on 0.0.0.0 without a keys file; pass
# "serve --insecure-open ..." to serve an open API on purpose. SIGTERM
# (docker stop) drains in-flight requests for up to 10 s, then closes the
# index; give docker stop more than that (--stop-timeout).
#
# Environment: DOSSIER_KEYS (keys file, default /data/keys.json),
# DOSSIER_SHARED (test material, unused at run time).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dossier ./cmd/dossier

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates poppler-utils tesseract-ocr \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin dossier \
 && mkdir -p /data && chown dossier /data
COPY --from=build /out/dossier /usr/local/bin/dossier
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
ENV DOSSIER_KEYS=/data/keys.json
EXPOSE 8080
# Liveness over plain bash (no curl in the image): GET /healthz must answer 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["dossier"]
CMD ["serve", "--index", "/data/index", "--addr", "0.0.0.0:8080"]
