# syntax=docker/dockerfile:1
# Production image for the ChainTalent API and its web UI.

# ---- build: compile TypeScript to dist/ and build the web UI ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles with node-gyp when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# ---- prod-deps: production node_modules, compiled here so the runtime needs no compiler ----
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Code stays owned by root (read-only to the app); only the data directory is writable.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/matching/model ./matching/model
COPY --from=build /app/matching/lexicon/data ./matching/lexicon/data
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# The slim image has neither curl nor wget: Node's fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/main.js"]
