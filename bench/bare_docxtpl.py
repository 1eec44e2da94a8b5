"""Baseline: bare docxtpl rendering a prepared context into the same template (what a consultant could
script in an afternoon). ``python bench/bare_docxtpl.py CONTEXT.pickle TEMPLATE.docx OUT.docx``"""

import pickle
import sys
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment

context = pickle.loads(Path(sys.argv[1]).read_bytes())
environment = Environment()
environment.filters["in_table"] = lambda value: value  # the template's filter, a no-op here
template = DocxTemplate(sys.argv[2])
template.render(context, jinja_env=environment)
template.save(sys.argv[3])
