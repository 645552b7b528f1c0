"""The terminal app (Textual): two versions of a resolution side by side, change by change.

``app.py`` the app; ``review.py`` the main screen; one module per widget or dialog
(``paragraph.py`` a row, ``paragraph_list.py`` the rows, ``columns.py``, ``footnotes.py``,
``summary.py``, ``search.py``, ``goto.py``, ``help.py``, ``export.py``, ``picker.py``);
``rows.py`` and ``sources.py`` are the plain data behind them (no Textual).
"""
