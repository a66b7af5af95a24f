# syntax=docker/dockerfile:1
# One image for every service; the first argument picks the entry point:
#   docker run pharma-radar apps/ingest/src/main      (or classifier, notifier, dashboard)
#   docker run pharma-radar                           (all-in-one: apps/cli/src/main start)

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: full install, compile TypeScript to dist/ ------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
# Manifests first so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json tsconfig.json nx.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm run build

# ---- deps: production node_modules only ---------------------------------------------------
FROM build AS deps
# tools/run.js resolves the @pharma-radar/* aliases with tsconfig-paths at run time: fail the
# build here, not the pod at start, if it is ever left out of "dependencies".
RUN npm prune --omit=dev --no-audit --no-fund \
 && node -e "require.resolve('tsconfig-paths')"

# ---- runtime -------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    FEEDS_FILE=config/feeds.json
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# run.js reads the alias map from tsconfig.base.json, so both ship with the image.
COPY --chown=root:root package.json tsconfig.base.json ./
COPY --chown=root:root tools/run.js tools/register-dist.js ./tools/
# Production configuration only: the real feeds and the subscribers example. The invented sample feeds of the
# embedded demo (config/demo-feeds.json, config/sample-feeds/) stay out of the image.
COPY --chown=root:root config/feeds.json config/subscribers.example.json ./config/
# The dashboard's pages, scripts and stylesheet (read from this folder at start; not compiled).
COPY --chown=root:root libs/dashboard/web/public ./libs/dashboard/web/public
# Files stay owned by root and read-only to the app user: a compromised process cannot rewrite its own code or config.
USER node
EXPOSE 3000 3001 3002 3003
ENTRYPOINT ["node", "tools/run.js"]
CMD ["apps/cli/src/main", "start"]
