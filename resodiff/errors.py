"""Errors a user can cause. Their message is one line, in the user's words, naming the file."""


class ResodiffError(Exception):
    """Base of every error the command line reports as one line with exit status 2."""


class ReadError(ResodiffError):
    """A file that cannot be read as a resolution."""
