"""The command line: ``tenactions COMMAND``. Importing this package stays cheap."""


def main() -> None:
    from tenactions.cli.app import run

    run()
