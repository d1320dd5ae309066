# syntax=docker/dockerfile:1
#
# wxlogin's production images, built from the repository root:
#   docker build -f docker/api.Dockerfile -t wxlogin-api .              # the API (default target)
#   docker build -f docker/api.Dockerfile --target sim -t wxlogin-sim . # the WeChat simulator (demos)
# Both come from one pruned install and build: the simulator is a devDependency of the API (its
# tests and dev wiring use it), so the API's pruned workspace already contains it.
# Versions are pinned here and checked against package.json by tooling/repo-checks.

# ---- base: Node 20 and the pinned pnpm ------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS base
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 \
    TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
RUN corepack enable pnpm && corepack install --global pnpm@10.34.9
WORKDIR /app

# ---- prune: the API's slice of the monorepo (out/json: manifests + lockfile, out/full: sources) ---
FROM base AS prune
RUN npm install --global turbo@2.11.11
COPY . .
RUN turbo prune @wxlogin/api --docker

# ---- build: install from the pruned lockfile, build, then deploy production-only node_modules -----
FROM base AS build
# Manifests first, so that the install layer is reused while only sources change. The root
# postinstall (it builds packages/*) cannot run without sources: --ignore-scripts, which also
# skips the dependencies' install scripts (the build needs none), and turbo builds below.
COPY --from=prune /app/out/json/ .
RUN --mount=type=cache,id=wxlogin-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --ignore-scripts --store-dir /pnpm/store
COPY --from=prune /app/out/full/ .
RUN pnpm exec turbo run build --filter=@wxlogin/api
# pnpm 10 deploys workspace packages this way only with --legacy (or inject-workspace-packages,
# which would change the whole workspace's lockfile). --prod leaves out devDependencies: the
# simulator, embedded-postgres, the Nest CLI. Deploy runs the root postinstall: a turbo cache hit
# now that everything is built.
RUN --mount=type=cache,id=wxlogin-pnpm-store,target=/pnpm/store \
    pnpm deploy --filter=@wxlogin/api --prod --legacy --store-dir /pnpm/store /out/api \
 && pnpm deploy --filter=@wxlogin/wechat-sim --prod --legacy --store-dir /pnpm/store /out/sim

# ---- sim: the WeChat simulator (docker compose --profile demo) ------------------------------------
FROM node:20.20.2-bookworm-slim AS sim
ENV NODE_ENV=production \
    SIM_HOST=0.0.0.0 \
    SIM_PORT=3001
WORKDIR /app
# Root-owned and read-only for the process: the simulator keeps its state in memory.
COPY --from=build /out/sim/package.json ./
COPY --from=build /out/sim/node_modules ./node_modules
COPY --from=build /out/sim/dist ./dist
USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SIM_PORT || 3001) + '/sim/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/cli.js"]

# ---- api: the login server (default target) -------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS api
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Root-owned and read-only for the process: the API writes nothing to disk (avatars live in
# PostgreSQL, logs go to stdout). No secret is copied: configuration comes from the environment.
COPY --from=build /out/api/package.json ./
COPY --from=build /out/api/node_modules ./node_modules
COPY --from=build /out/api/dist ./dist
USER node
EXPOSE 3000
# Slim images have no curl; Node 20 has fetch. /api/health answers 503 when the database does not.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations are not run here: compose runs `npm run migration:run` once in its `migrate` service
# (same image) before any API container starts.
CMD ["node", "dist/main.js"]
