"""Command line for the data package: ``python -m camex check-data`` and ``python -m camex data-hashes``."""

import sys

from frictionless import Package

from camex.data import PACKAGE_PATH, check_all, display_path, rehash


def check_data() -> int:
    """Validate every table with the book's loader, then the whole package with Frictionless."""
    errors = check_all()
    for error in errors:
        print(error, end="\n\n", file=sys.stderr)
    report = Package(str(PACKAGE_PATH)).validate()
    for task in report.tasks:
        for error in task.errors:
            print(f"{display_path(PACKAGE_PATH.parent / task.place)}: {error.message}", file=sys.stderr)
    for error in report.errors:
        print(f"{display_path(PACKAGE_PATH)}: {error.message}", file=sys.stderr)
    if errors or not report.valid:
        return 1
    print(f"{display_path(PACKAGE_PATH)}: every table is valid.")
    return 0


def data_hashes() -> int:
    changed = rehash()
    print("updated the checksum of: " + ", ".join(changed) if changed else "every checksum was already up to date")
    return 0


COMMANDS = {"check-data": check_data, "data-hashes": data_hashes}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python -m camex {{{'|'.join(COMMANDS)}}}")
    sys.exit(COMMANDS[sys.argv[1]]())
