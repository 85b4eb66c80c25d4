"""Load: YAML files with positions, JSON Schema validation, corpus discovery, the model built.

``load_corpus(root)`` is the entry point: every file under ``root/agreement`` read strictly,
schema-checked and built into a ``model.Corpus``, with findings for whatever is wrong.
"""

from .corpus import UnusableCorpus, corpus_from_texts, discover, find_root, load_corpus
from .yamlfile import load_file, load_text

__all__ = ["UnusableCorpus", "corpus_from_texts", "discover", "find_root", "load_corpus", "load_file", "load_text"]
