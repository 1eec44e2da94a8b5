"""Raw Office Open XML: the only package that touches lxml elements and qualified names.

As python-docx keeps its ``oxml`` layer apart from its proxies, every XML operation conceptgen needs is a
named function here, split by document part:

- ``base``: namespaces, element construction, schema-order insertion, text of an element
- ``text``: runs, hyperlinks, paragraph properties
- ``fields``: complex fields, bookmarks, table-of-contents entries, PAGEREF/REF results
- ``lists``: numbering definitions for Markdown lists
- ``tables``: table rows, cells, widths
- ``styles``: style lookup and creation, document defaults
- ``settings``: settings.xml (updateFields, hyphenation)
- ``footnotes``: the footnotes part and footnote elements
- ``drawing``: inline pictures and charts placed in the text, alt text, embedded parts
- ``chart``: DrawingML chart parts (series colours, labels, axes, legend)
- ``body``: queries and edits on the document body used by numbering and indexes
- ``package``: the zip package: deterministic bytes and verification
- ``design``: the template-building kit (heading numbering, table styles, borders), used by
  ``templates/*/build_template.py`` — never at render time
"""
