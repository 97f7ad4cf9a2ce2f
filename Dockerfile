# Build: docker build -t dossier .
# Run:   docker run -p 8080:8080 -v dossier-data:/data dossier serve --addr 0.0.0.0:8080 --ingest /data/in
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dossier ./cmd/dossier

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin dossier \
 && mkdir -p /data && chown dossier /data
COPY --from=build /out/dossier /usr/local/bin/dossier
USER dossier
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["dossier"]
CMD ["serve", "--index", "/data/index", "--addr", "0.0.0.0:8080"]
