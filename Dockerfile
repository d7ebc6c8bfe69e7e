# The portal's image: gunicorn serving Django (WhiteNoise serves the static
# files), and the same image runs the Celery worker and beat (see
# docker-compose.yml).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MEDIA_ROOT=/data/media

# The processes run as `app`; the code stays root-owned, so a compromised
# process cannot rewrite it. Only the media folder (uploaded resumes) is theirs.
RUN useradd --create-home --uid 1000 --user-group app \
    && mkdir -p /data/media \
    && chown app:app /data/media

WORKDIR /app

# Dependencies first, from the production lock alone (exact versions, each
# file checked against its hash), so a code change reuses this layer. The
# project installs no package of its own (packages = []), so the lock is all
# there is to install. psycopg2-binary brings its own libpq.
COPY requirements/prod.txt requirements/prod.txt
RUN pip install --require-hashes -r requirements/prod.txt

COPY . .

# Static files are collected into the image. Settings refuse to load without
# a SECRET_KEY and a SITE_URL when DEBUG is off; these throwaway values exist
# only in this build step and are not in the image's environment.
RUN DEBUG=0 SECRET_KEY=collectstatic-build-only-not-a-secret SITE_URL=http://localhost \
    python manage.py collectstatic --noinput

USER app

EXPOSE 8000

# No curl in slim images: Python asks /healthz, with a Host header the
# settings accept (the first of ALLOWED_HOSTS). 503 (database or broker down)
# raises, which marks the container unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip(); h = 'localhost' if h in ('', '*') else 'www' + h if h.startswith('.') else h; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"]

CMD ["sh", "-c", "exec gunicorn recruit.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
