#!/usr/bin/env python3
"""What one SMTP connection to the test sink takes when the end of a message's data goes in a
write of its own, as lettre 0.11.23 writes it (the body, then "\\r\\n.\\r\\n"), against one write
for both, as smtplib does. Without TCP_NODELAY the second, small write waits for the server to
acknowledge the body, and a server holds that acknowledgement up to its delayed-ACK time (40 ms
on Linux): docs/benchmarks.md.

    python3 benches/smtp_split_write.py              # starts tests/smtp/sink.py on a free port
"""

import pathlib
import smtplib
import socket
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
MESSAGE = ("Subject: hi\r\nFrom: a@acme.example\r\nTo: b@acme.example\r\n\r\n" + "hello\r\n" * 400).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rate(port: int, split: bool, count: int = 100) -> float:
    client = smtplib.SMTP("127.0.0.1", port)
    client.ehlo()
    started = time.perf_counter()
    for _ in range(count):
        client.mail("a@acme.example")
        client.rcpt("b@acme.example")
        assert client.docmd("DATA")[0] == 354
        if split:
            client.send(MESSAGE)
            client.send(b"\r\n.\r\n")
        else:
            client.send(MESSAGE + b"\r\n.\r\n")
        assert client.getreply()[0] == 250
    seconds = time.perf_counter() - started
    client.quit()
    return count / seconds


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        sink = subprocess.Popen(
            [sys.executable, str(ROOT / "tests/smtp/sink.py"), "--port", str(port), "--dir", folder],
            stdout=subprocess.PIPE, text=True,
        )
        try:
            assert sink.stdout.readline().strip() == "ready"
            for split in (False, True):
                per_second = rate(port, split)
                how = "body and end in two writes" if split else "body and end in one write"
                print(f"{how}: {per_second:.0f} messages/s on one connection, {1000 / per_second:.1f} ms each")
        finally:
            sink.kill()


if __name__ == "__main__":
    main()
