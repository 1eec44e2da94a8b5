"""Baseline: bare docxtpl rendering a prepared context into the same template (what a consultant could
script in an afternoon). ``python bench/bare_docxtpl.py CONTEXT.pickle TEMPLATE.docx OUT.docx``"""

import pickle
import sys
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment

context = pickle.loads(Path(sys.argv[1]).read_bytes())
environment = Environment()
environment.filters["in_table"] = lambda value: value  # the template's filters, trivial here
environment.filters["spelled"] = lambda value, *args: str(value)
environment.filters["times"] = lambda value: f"{value}-mal"
template = DocxTemplate(sys.argv[2])
context.setdefault("options", {"measure_sheet_new_page": True})
template.render(context, jinja_env=environment)
template.save(sys.argv[3])
