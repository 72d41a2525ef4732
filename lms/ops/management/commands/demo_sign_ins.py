import signal
import sys
import time
import urllib.error
import urllib.request

from django.core.management.base import BaseCommand, CommandError

from lms.ops.demo import DEMO_PASSWORD, demo_sign_in_lines


class Command(BaseCommand):
    help = (
        "Print the demo sign-ins. With --when-up URL: first wait until the site answers there "
        "and a worker answers a ping (used by `make run`, so they are the last lines on screen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--when-up", metavar="URL", help="the site's address, e.g. http://127.0.0.1:8000"
        )
        parser.add_argument(
            "--timeout", type=int, default=180, help="seconds to wait (default 180)"
        )
        parser.add_argument(
            "--stay",
            action="store_true",
            help="keep running afterwards until stopped (honcho stops everything when one exits)",
        )

    def handle(self, *args, when_up: str | None, timeout: int, stay: bool, **options):
        if when_up:
            deadline = time.monotonic() + timeout
            try:
                _wait_for_site(when_up.rstrip("/") + "/healthz", deadline)
                _wait_for_worker(deadline)
            except CommandError as error:
                if not stay:
                    raise
                # Exiting would make honcho stop the whole platform: say so and carry on.
                self.stderr.write(f"Not everything is up yet: {error}")
            self.stdout.write("")
            self.stdout.write(f"  Site:    {when_up.rstrip('/')}/")
            self.stdout.write(f"  Admin:   {when_up.rstrip('/')}/admin/")
            self.stdout.write(f"  Health:  {when_up.rstrip('/')}/healthz")
            self.stdout.write(
                "  Stop:    Ctrl-C (data is kept in var/; logs of the demo load in var/log/)"
            )
        lines = demo_sign_in_lines()
        if not lines:
            self.stdout.write("  No demo accounts: run `manage.py load_demo_content` first.")
        else:
            self.stdout.write("")
            self.stdout.write(f"  Demo sign-ins (password for all: {DEMO_PASSWORD})")
            for line in lines:
                self.stdout.write(line)
        self.stdout.flush()
        if stay:
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            while True:
                signal.pause()


def _wait_for_site(url: str, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own URL
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise CommandError(f"the site did not answer at {url}")
        time.sleep(1)


def _wait_for_worker(deadline: float) -> None:
    from lms.ops.tasks import ping

    while True:
        try:
            ping.apply_async(expires=30).get(timeout=10)
            return
        except Exception as error:  # not up yet: the broker or the worker
            if time.monotonic() > deadline:
                raise CommandError(f"no worker answered: {error}") from error
            time.sleep(1)
