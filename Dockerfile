# waldur-catalog-sync image:  docker build -t waldur-catalog-sync .
# Run:    docker run -v "$PWD/deploy/config:/config:ro" -v "$PWD/waldur_token:/run/secrets/waldur_token:ro" waldur-catalog-sync
# (see docs/deployment.md). test/deploy/dockerfile-steps.test.ts runs these steps outside Docker,
# so every RUN step must be one the test knows how to replay.

# Node 26 is the Active LTS line (since October 2026); 24 (Maintenance LTS) works too.
ARG NODE_VERSION=26

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would compile before the sources are copied (kept apart for layer caching).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV=production \
    CATALOG_SYNC_CONFIG=/config/catalog-sync.yaml \
    CATALOG_SYNC_HEALTHCHECK_URL=http://127.0.0.1:9464/healthz
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; --ignore-scripts because `prepare` runs tsc, a dev dependency.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
# The CLI on PATH for ENTRYPOINT, and the mount point of the operator's config.
RUN chmod 0755 /app/bin/catalog-sync.js \
    && ln -s /app/bin/catalog-sync.js /usr/local/bin/catalog-sync \
    && mkdir -p /config
# The image's unprivileged `node` user, numeric so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 9464
# Slim images have no curl: ask node itself. The daemon must listen where this URL points
# (server.listen 0.0.0.0:9464 in the example config).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(process.env.CATALOG_SYNC_HEALTHCHECK_URL, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["catalog-sync"]
CMD ["daemon"]
