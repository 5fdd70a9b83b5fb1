"""Formats other tools speak: spreadsheets, fact-checks, argument maps, graph files.

Each format is a submodule with ``read_*``/``write_*`` functions (and ``from_*``/``to_*``
for in-memory objects); :data:`FORMATS` is the registry the command line uses.
"""
