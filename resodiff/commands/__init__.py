"""One module per sub-command. Each has ``add(subparsers)`` and ``run(args) -> int``.

cli.py lists them in COMMANDS; adding a command is adding a module and one line there.
"""
