"""The LIFF app: /liff (and /liff/<page>) logs the LINE user in with the LIFF SDK, posts its
ID token, which LINE verifies, and the shop remembers the user in the signed session."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import urllib3
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from pos.domain.channels import Channel
from pos.domain.chat import ContactRef
from web.chat_links import remember_contact
from web.errors import PageError
from web.line.webhook import LineChannel, line_of
from web.pages import client_of, shop_of

log = logging.getLogger(__name__)
router = APIRouter()

MAX_TOKEN = 4000
VERIFY_TIMEOUT = urllib3.Timeout(connect=3.0, read=10.0)
_http = urllib3.PoolManager(retries=False)


# What the LIFF SDK (v2, @line/liff 2.31's code) loads and calls for what the page uses
# (liff.init, isLoggedIn, login, getIDToken, getProfile): its alert UI's scripts come from
# static.line-scdn.net (lui/...), where the SDK itself lives; it fetches from api.line.me
# (oauth2/v2.1/token, certs, verify; liff/v2/apps; v2/profile), access.line.me (the OpenID
# configuration; login itself is a navigation there) and liffsdk.line-scdn.net (xlt/: its own
# messages in the user's language). Not allowed, as the page uses none of them: liff.line.me
# (permanent links, permissions, sub-windows), liff-shortcut.line.me (home-screen shortcuts)
# and uts-front.line-apps.com (liff.analytics).
LIFF_SCRIPTS = ("https://static.line-scdn.net",)
LIFF_CONNECT = ("https://api.line.me", "https://access.line.me", "https://liffsdk.line-scdn.net")


def liff_csp(sdk_url: str) -> str:
    """The LIFF page's Content-Security-Policy (/liff only; the shop's own elsewhere): the
    shop's, with scripts from itself, the SDK's origin and LINE's script CDN, and the LINE
    origins the SDK calls."""
    parts = urlsplit(sdk_url)
    sdk = (f"{parts.scheme}://{parts.netloc}",) if parts.netloc else ()
    scripts = " ".join(dict.fromkeys(("'self'", *sdk, *LIFF_SCRIPTS)))
    connect = " ".join(("'self'", *LIFF_CONNECT))
    return (
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; "
        f"script-src {scripts}; connect-src {connect}; object-src 'none'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )


def _next_path(path: str) -> str:
    """Where the LIFF URL's path leads in the shop ("/" + it, a path of this site only)."""
    target = "/" + path.lstrip("/")
    if target.startswith("//") or "\\" in target or not target.isprintable():
        return "/"
    return target[:200]


@router.get("/liff", response_class=HTMLResponse)
@router.get("/liff/{path:path}", response_class=HTMLResponse)
def liff_page(request: Request, path: str = "") -> Response:
    line = line_of(request)
    if line is None or not line.liff_id:
        raise PageError(404, "error_404")
    response = shop_of(request).render(
        request, "liff.html", liff_id=line.liff_id, sdk_url=line.sdk_url, next=_next_path(path)
    )
    response.headers["Content-Security-Policy"] = liff_csp(line.sdk_url)
    return response


@router.post("/liff/session")
async def liff_session(request: Request) -> Response:
    """The LIFF page's ID token: verified by LINE, the user kept in the session."""
    line = line_of(request)
    form = await request.form(max_files=0, max_fields=5)
    token = form.get("id_token")
    csrf = form.get("csrf_token")
    shop = shop_of(request)
    if line is None or not line.liff_id:
        return JSONResponse({"ok": False}, status_code=404)
    if not shop.signer.csrf_ok(request.state.session, csrf if isinstance(csrf, str) else None):
        return JSONResponse({"ok": False, "error": "csrf"}, status_code=422)
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN:
        return JSONResponse({"ok": False, "error": "token"}, status_code=400)
    if not shop.order_limit.take("liff:" + client_of(request)):
        return JSONResponse({"ok": False, "error": "rate"}, status_code=429)
    ref = await run_in_threadpool(verify_id_token, line, token)
    if ref is None:
        return JSONResponse({"ok": False, "error": "token"}, status_code=403)
    remember_contact(request, ref)
    return JSONResponse({"ok": True, "name": ref.display_name})


def verify_id_token(line: LineChannel, token: str) -> ContactRef | None:
    """The LINE user of a LIFF ID token, as LINE's verify endpoint says (its audience must be
    our LIFF app's channel); None for a bad, expired or foreign token, or LINE not answering."""
    try:
        answer = _http.request(
            "POST", line.api_base.rstrip("/") + "/oauth2/v2.1/verify",
            fields={"id_token": token, "client_id": line.liff_client_id},
            encode_multipart=False, timeout=VERIFY_TIMEOUT,
        )  # fmt: skip
    except urllib3.exceptions.HTTPError as exc:
        log.warning("LINE's id token check did not answer: %s", type(exc).__name__)
        return None
    if answer.status != 200:
        log.info("LINE refused a LIFF id token (%d)", answer.status)
        return None
    try:
        claims = json.loads(answer.data)
    except ValueError:
        return None
    user_id = claims.get("sub") if isinstance(claims, dict) else None
    if not isinstance(user_id, str) or not user_id or claims.get("aud") != line.liff_client_id:
        return None
    name = claims.get("name")
    return ContactRef(Channel.LINE, user_id[:100], name if isinstance(name, str) else "")
