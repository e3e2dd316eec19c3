"""A local stand-in for the Bot Framework's signing-key service, and the tokens the Bot Connector signs.

Teams' Bot Connector signs every request it sends a bot with a JWT (RS256) whose key is published at
`https://login.botframework.com/v1/.well-known/keys`. Offline, this serves such a key set on
loopback and signs tokens with its private half, so the real SDK validator checks real tokens:
a forged, expired or misaddressed one is refused exactly as it would be in a tenant.
"""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from bot.demo.loopback import LoopbackServer, QuietHandler

ISSUER = "https://api.botframework.com"  # what the Bot Connector puts in `iss`
MICROSOFT_KEYS_URL = "https://login.botframework.com/v1/.well-known/keys"
KEY_ID = "mentorat-local-key"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class BotFrameworkKeys:
    """Serves `GET /v1/.well-known/keys`; `token()` signs what the Bot Connector would send."""

    def __init__(self) -> None:
        self.key = new_key()
        self._server: LoopbackServer | None = None

    def start(self) -> BotFrameworkKeys:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        body = json.dumps({"keys": [{**public, "kid": KEY_ID, "use": "sig", "alg": "RS256",
                                     "endorsements": ["msteams"]}]}).encode()

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                if self.path.split("?")[0] == "/v1/.well-known/keys":
                    self.write_reply(200, body, "application/json", {})
                else:
                    self.write_reply(404, b"{}", "application/json", {})

        self._server = LoopbackServer(Handler, name="botframework-keys")
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def __enter__(self) -> BotFrameworkKeys:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"{self._server.url}/v1/.well-known/keys"

    def token(self, *, audience: str, service_url: str, lifetime: float = 3600, issued: float | None = None,
              key: rsa.RSAPrivateKey | None = None, kid: str | None = KEY_ID, algorithm: str = "RS256",
              **claims: Any) -> str:
        """A Bot Connector token for the bot `audience` (its app id), as Teams signs them."""
        now = time.time() if issued is None else issued
        payload = {"iss": ISSUER, "aud": audience, "serviceurl": service_url, "nbf": int(now) - 5,
                   "iat": int(now), "exp": int(now + lifetime), **claims}
        headers = {"kid": kid} if kid is not None else {}
        signing_key: Any = "" if algorithm == "none" else (key or self.key)
        return jwt.encode(payload, signing_key, algorithm=algorithm, headers=headers)
