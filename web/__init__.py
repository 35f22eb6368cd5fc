"""The web shop: an ASGI app (FastAPI, Jinja2 pages) that calls the services as the till does."""
