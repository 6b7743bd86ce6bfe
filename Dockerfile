# agpm image: the CLI, `agpm worker` and `agpm scheduler` (docker-compose.yml runs them).
# Build: docker build -t agpm .        Run: docker run --rm agpm --help

# --- build: compile TypeScript and the native better-sqlite3 addon, then drop dev dependencies
FROM node:20-bookworm-slim AS build
# node-gyp needs these when no prebuilt better-sqlite3 binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` (npm run build) needs the sources, which are copied after this layer so that a
# source change does not reinstall dependencies; `npm rebuild` then runs the dependencies'
# own install scripts (better-sqlite3's native build) that --ignore-scripts skipped.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild
COPY . .
# The pruned node_modules keeps the compiled addon, so the runtime stage needs no compiler.
RUN npm run build \
 && chmod +x dist/cli/main.js \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies and dist/ only, run as the unprivileged `node` user
FROM node:20-bookworm-slim
ENV AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true \
    AGPM_HOME=/data
WORKDIR /app
# package.json is needed at run time: it makes dist/ ES modules ("type": "module") and gives the version.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# /data holds the default sandbox file; owned by `node` so that a fresh named volume is writable.
RUN mkdir -p /data && chown node:node /data \
 && ln -s /app/dist/cli/main.js /usr/local/bin/agpm
USER node
# Worker metrics and health: GET /metrics, GET /healthz (AGPM_METRICS_PORT).
EXPOSE 9464 8080
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["worker"]
