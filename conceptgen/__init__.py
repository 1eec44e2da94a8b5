"""conceptgen: from a folder of YAML to finished Word concept documents."""

__version__ = "0.3.0"
