# One image for every service (the command picks which). Built by docker-compose.yml. Models are
# not baked in: docker-compose mounts ./models (train one first: npm run train).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY services ./services
COPY schemas ./schemas
COPY proto ./proto
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schemas ./schemas
COPY proto ./proto
COPY services ./services
USER node
CMD ["node", "dist/services/feature-updater/main.js"]
