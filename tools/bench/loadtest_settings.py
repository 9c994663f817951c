"""Settings for the loopback load test: production settings, with TLS left to a proxy that is absent.

In production TLS ends at the load balancer; the load generator talks plain HTTP on 127.0.0.1,
so secure-only cookies and the HTTPS redirect are switched off. Everything else (DEBUG off,
gunicorn workers, whitenoise's compressed manifest storage, PostgreSQL) stays as in production.
"""

from frontlijn.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
