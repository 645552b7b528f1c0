"""Errors a user can cause. Their message is one line, in the user's words, naming the file."""


class ResodiffError(Exception):
    """Base of every error the command line reports as one line with exit status 2."""


class ReadError(ResodiffError):
    """A file that cannot be read as a resolution."""


class DraftError(ResodiffError):
    """A resolution that cannot be rolled forward (no session to start from, a bad --session)."""


class TemplateError(ResodiffError):
    """A template that is missing, broken, or refused by the sandbox."""


class OutputError(ResodiffError):
    """An output file that cannot be written (it exists and --force was not given, no folder)."""


class CorpusError(ResodiffError):
    """A corpus folder or index that cannot be used (not writable, locked, a file refused)."""


class SeriesError(ResodiffError):
    """A series or a history that cannot be built (unknown series, mixed languages, one version)."""


class ReportError(ResodiffError):
    """A report that cannot be made (two texts in different languages, a format that does not fit)."""


class ReadWarning(UserWarning):
    """Something a reader noticed and the user should know (text read with replacements, ...).

    Raised through ``warnings.warn``: the core never prints; the command line shows each as one
    "warning: ..." line on stderr.
    """
