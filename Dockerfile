# pullwatch services (receiver, worker, ...) in one image; docker-compose.yml picks the command.
#   docker build -t pullwatch .
#   docker run --rm pullwatch --help
FROM node:20-slim

WORKDIR /app

# Manifests and sources of the workspaces (node_modules, dist/ and .stack/ stay out: .dockerignore).
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY pipelines ./pipelines
COPY services ./services

# npm ci installs the workspaces (its prepare script builds); tsc -b makes sure every dist/ is there.
RUN npm ci --no-audit --no-fund \
 && npx tsc -b \
 && npm cache clean --force

ENV NODE_ENV=production
USER node

# syslog UDP and TCP, syslog over TLS, health and metrics of the receiver and of the worker
EXPOSE 5514/udp 5514/tcp 6514/tcp 9464/tcp 9465/tcp

ENTRYPOINT ["node", "services/cli/bin/pullwatch.js"]
CMD ["receiver"]
