"""The corpus: a folder of resolution files and its SQLite index, one module per job.

* ``folder``   - where the corpus folder is, which files in it count, how a file is named;
* ``document`` - one file read and described as a ``Document`` (what the index keeps of it);
* ``store``    - the ``Library``: the folder and its index (add, refresh, locking, reading);
* ``search``   - finding a phrase or a close variant of it through the index;
* ``phrases``  - the pure word matching the search decides with.

Import what you use from its module: the package itself loads nothing (SQLite, the readers),
so that a command that only needs the folder's name stays quick to start.
"""
