"""A real SMTP server on loopback for Tandem's mail tests (aiosmtpd).

Every accepted message is written to DIR as NNNN.eml. Behaviour for the tests:
  --fail-first N   answer the first N messages with 451 (temporary), then accept
  --reject         answer every recipient with 550 (permanent)
  --auth USER:PASS require AUTH (PLAIN or LOGIN) with these credentials before MAIL
Prints "ready" on stdout once listening.
"""

import argparse
import asyncio
import itertools
import pathlib
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, directory: pathlib.Path, fail_first: int, reject: bool):
        self.directory = directory
        self.fail_first = fail_first
        self.reject = reject
        self.counter = itertools.count(1)
        self.seen = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen <= self.fail_first:
            return "451 4.3.0 temporarily unavailable, try again"
        path = self.directory / f"{next(self.counter):04d}.eml"
        path.write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted"


class Credentials:
    """Accepts exactly one login and password."""

    def __init__(self, user: str, password: str):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            self.user,
            self.password,
        )
        return AuthResult(success=ok, handled=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", type=pathlib.Path, required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--reject", action="store_true")
    parser.add_argument("--auth")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    auth = {}
    if args.auth:
        user, password = args.auth.split(":", 1)
        # Loopback only, so the login may go without TLS.
        auth = dict(authenticator=Credentials(user, password), auth_required=True, auth_require_tls=False)
    controller = Controller(
        Sink(args.dir, args.fail_first, args.reject), hostname="127.0.0.1", port=args.port, **auth
    )
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.run(asyncio.Event().wait())
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
