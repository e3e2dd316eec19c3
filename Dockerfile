# Mentorat: `docker build -t mentorat .` then `docker compose up` (see docker-compose.yml).
# Stage 1 builds the project's wheel; stage 2 installs it (no dev extras) and runs as a non-root user.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY handlers ./handlers
COPY scheduling ./scheduling
COPY storage ./storage
RUN pip wheel --no-deps --wheel-dir /dist .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=3000
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin mentorat \
    && mkdir /app && chown mentorat:mentorat /app
WORKDIR /app
COPY --from=build /dist/ /tmp/dist/
RUN pip install /tmp/dist/*.whl && rm -rf /tmp/dist
USER mentorat
EXPOSE 3000
# No curl in slim images: Python's urllib asks /healthz (503, i.e. an error, when the database is unreachable).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '3000') + '/healthz', timeout=4)"]
CMD ["mentorat", "serve"]
