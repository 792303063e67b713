# One image for the worker and the API; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY patches ./patches
# npm install, not npm ci: the lockfile is written without registry URLs (see README). No
# dependency's install script runs; our patch of the Temporal SDK (README: KOLOKASI_WORKFLOW_STACK_TRACES) does.
RUN npm install --omit=dev --ignore-scripts && npx patch-package --error-on-fail && npm cache clean --force
COPY shared ./shared
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY api ./api
COPY profiles ./profiles
USER node
CMD ["npx", "tsx", "api/main.ts"]
