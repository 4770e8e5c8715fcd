#!/usr/bin/env python3
"""What an SMTP server takes from a plain client: the ceiling the email benchmark compares with.

    python3 benches/smtp_ceiling.py --port 2525 --sample message.eml [--messages 3000] [--connections 8]

Sends --messages copies of the message in --sample (as it is, so the size is the product's)
over --connections smtplib connections side by side, one thread each, and prints
`ceiling <messages/s>`.
"""

import argparse
import smtplib
import threading
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--sample", required=True)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    message = open(args.sample, "rb").read()
    share = [args.messages // args.connections + (1 if i < args.messages % args.connections else 0)
             for i in range(args.connections)]

    def send(count):
        with smtplib.SMTP("127.0.0.1", args.port) as smtp:
            for n in range(count):
                smtp.sendmail("ceiling@bench.example", [f"ceiling{n}@bench.example"], message)

    threads = [threading.Thread(target=send, args=(count,)) for count in share]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"ceiling {args.messages / (time.perf_counter() - started):.0f}")


if __name__ == "__main__":
    main()
