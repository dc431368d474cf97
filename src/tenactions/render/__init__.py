"""Every output format of every command: one module per format, found through
:mod:`tenactions.render.registry` and imported only when it is chosen, so that
``report --format json`` never pays for openpyxl or the HTML templates, and ``log`` for none.
"""
