"""An SMTP sink with TLS for the tests: STARTTLS on one port (required before anything
else) and TLS from the first byte on another, both asking for AUTH (PLAIN or LOGIN) with one
fixed user. Every accepted message becomes a file in a Maildir. Runs until killed.

    python3 smtp_tls_sink.py --cert C --key K --maildir DIR --starttls-port P --tls-port Q \
        --user U --password W
"""
import argparse
import os
import signal
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    parser = argparse.ArgumentParser()
    for name in ("cert", "key", "maildir", "user", "password"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--starttls-port", type=int, required=True)
    parser.add_argument("--tls-port", type=int, required=True)
    args = parser.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == args.user.encode()
              and auth_data.password == args.password.encode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(args.maildir, sub), exist_ok=True)
    handler = Mailbox(args.maildir)
    common = dict(hostname="127.0.0.1", authenticator=authenticator, auth_required=True)
    starttls = Controller(handler, port=args.starttls_port, tls_context=context, require_starttls=True,
                          auth_require_tls=True, **common)
    # aiosmtpd does not notice TLS it did not start itself; this port has nothing but TLS.
    implicit = Controller(handler, port=args.tls_port, ssl_context=context, auth_require_tls=False, **common)
    starttls.start()
    implicit.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    starttls.stop()
    implicit.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
