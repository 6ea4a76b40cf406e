# The image deploy/dagster.k8s.yaml and deploy/dagster.celery.yaml name (pilot-pipeline), and
# what docker-compose.yml runs: the code location, dagster-webserver, dagster-daemon, the
# Kubernetes run launcher and the Celery executor. Build: docker build -t pilot-pipeline .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DAGSTER_HOME=/opt/dagster/home \
    PILOT_RAW_ARCHIVE=/data/raw

WORKDIR /opt/pilot-pipeline
# The code location reads sql/ and workspace.yaml from the source tree: install it in place.
COPY pyproject.toml setup.py README.md workspace.yaml dagster.yaml ./
COPY pilot_pipeline ./pilot_pipeline
COPY sql ./sql
COPY deploy ./deploy
RUN pip install --no-cache-dir -e . dagster-k8s==0.29.27 dagster-celery==0.29.27 \
    && mkdir -p "$DAGSTER_HOME" /data/raw \
    && cp deploy/dagster.postgres.yaml "$DAGSTER_HOME/dagster.yaml" \
    && useradd --create-home --uid 1000 pilot \
    && chown -R pilot "$DAGSTER_HOME" /data

USER pilot
EXPOSE 3000
# Code server for a Kubernetes / multi-container deployment; compose overrides the command
# with dagster-webserver or dagster-daemon, and run pods use `dagster api execute_run`.
CMD ["dagster", "code-server", "start", "-h", "0.0.0.0", "-p", "4000", "-m", "pilot_pipeline.definitions"]
