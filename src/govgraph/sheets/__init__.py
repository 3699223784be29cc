"""Authoring without Turtle: spreadsheet template, import and export, cell-level places.

- :mod:`.schema`   the sheets and columns (one table drives everything below)
- :mod:`.resolve`  cell text ⇄ IRIs (labels, local names, prefixed names)
- :mod:`.cells`    one cell ⇄ RDF terms for each column kind
- :mod:`.tables`   raw tables of an .xlsx workbook or a folder of CSV files
- :mod:`.read`     tables → triples with sheet/row places (registered in :mod:`govgraph.load`)
- :mod:`.yaml`     YAML in a JSON-LD-compatible shape → triples with line places
- :mod:`.export`   a model → the same sheets (xlsx or CSV), losslessly
- :mod:`.template` an empty workbook with drop-down lists, an example and a read-me
"""
