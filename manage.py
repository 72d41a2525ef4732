#!/usr/bin/env python
import sys

from lms.bootstrap import configure


def main() -> None:
    configure()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
