"""The corpus: a folder of resolution files and its SQLite index, by job.

* ``folder``   - where the corpus folder is, which files in it count, how a file is named;
* ``document`` - one file read and described as a ``Document`` (what the index keeps of it);
* ``store``    - the ``Library``: the folder and its index (add, refresh, locking, reading);
* ``search``   - finding a phrase or a close variant of it through the index;
* ``phrases``  - the pure word matching the search decides with.

Each can be read alone; the names people use from outside are gathered here.
"""

from resodiff.library.document import Parsed, describe, parse_file
from resodiff.library.folder import default_folder
from resodiff.library.phrases import best_match, shingles, words
from resodiff.library.search import Hit
from resodiff.library.store import Added, Library, Refreshed

__all__ = ["Added", "Hit", "Library", "Parsed", "Refreshed", "best_match", "default_folder", "describe",
           "parse_file", "shingles", "words"]
