"""The detection engine: Presidio's AnalyzerEngine on an explicitly configured spaCy model.

Loading the model takes seconds, so an engine is built once per process (per worker) and
reused for every document. Presidio's defaults would download en_core_web_lg and the e-mail
recognizer's public suffix list; both are configured away here.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# tldextract (used by Presidio's e-mail validation) fetches the public suffix list on first
# use unless this is empty; it must be set before presidio is imported.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import yaml  # noqa: E402

from pipeline.errors import ConfigError  # noqa: E402

logger = logging.getLogger("sfo_redact")

DEFAULT_CONFIG = Path(__file__).with_name("engine.yaml")
_KEYS = {
    "nlp_engine_name",
    "models",
    "ner_model_configuration",
    "disable_components",
    "recognizers",
    "score_threshold",
    "batch_size",
}


@dataclass(frozen=True)
class EngineConfig:
    """The detection engine's settings: NLP configuration, recognizers file, threshold and batch size."""

    nlp: dict[str, Any]
    disable_components: tuple[str, ...]
    recognizers: Path | None
    score_threshold: float
    batch_size: int
    source: Path


def load_engine_config(path: Path | None = None) -> EngineConfig:
    """Read and validate the engine configuration (SFO_REDACT_ENGINE_CONFIG, else the shipped one)."""
    if path is None:
        env = os.environ.get("SFO_REDACT_ENGINE_CONFIG")
        path = Path(env) if env else DEFAULT_CONFIG
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"engine configuration cannot be read ({type(exc).__name__})", path) from None
    if not isinstance(raw, dict):
        raise ConfigError("engine configuration must be a mapping", path)
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(f"unknown key(s) in engine configuration: {', '.join(unknown)}", path)
    if raw.get("nlp_engine_name") != "spacy":
        raise ConfigError("nlp_engine_name must be spacy", path)
    models = raw.get("models")
    if not (isinstance(models, list) and models and all(isinstance(m, dict) and m.get("model_name") for m in models)):
        raise ConfigError("models must list at least one {lang_code, model_name}", path)
    if not any(m.get("lang_code") == "en" for m in models):
        raise ConfigError("models must include lang_code en", path)
    if not isinstance(raw.get("ner_model_configuration"), dict):
        # Without it Presidio's labels_to_ignore is empty and organisations come back as entities.
        raise ConfigError("ner_model_configuration is required (labels_to_ignore in particular)", path)
    rec = raw.get("recognizers")
    rec_path = None
    if rec is not None:
        rec_path = Path(rec)
        if not rec_path.is_absolute():
            rec_path = path.parent / rec_path
    try:
        threshold = float(raw.get("score_threshold", 0.35))
        batch = int(raw.get("batch_size", 64))
    except (TypeError, ValueError):
        raise ConfigError("score_threshold must be a number and batch_size a whole number", path) from None
    disable = raw.get("disable_components") or []
    if not isinstance(disable, list):
        raise ConfigError("disable_components must be a list of spaCy component names", path)
    nlp = {k: raw[k] for k in ("nlp_engine_name", "models", "ner_model_configuration")}
    return EngineConfig(nlp, tuple(disable), rec_path, threshold, max(1, batch), path)


class Engine:
    """A loaded analyzer: the spaCy pipeline and every enabled recognizer."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        """Build the Presidio analyzer from `config` (the packaged settings when None)."""
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        from recognizers.registry import load_recognizers

        self.config = config or load_engine_config()
        started = time.perf_counter()
        model_name = self.config.nlp["models"][0]["model_name"]
        try:
            import spacy.util

            if not spacy.util.is_package(model_name):
                raise ConfigError(
                    f"spaCy model {model_name} is not installed (install its package; nothing is downloaded)",
                    self.config.source,
                )
            self.nlp_engine = NlpEngineProvider(nlp_configuration=self.config.nlp).create_engine()
        except ConfigError:
            raise
        except Exception as exc:  # pydantic/spaCy errors carry no document text
            raise ConfigError(f"NLP engine cannot be created ({type(exc).__name__}: {exc})", self.config.source) from None
        for name in self.config.disable_components:
            nlp = self.nlp_engine.nlp["en"]
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
            else:
                raise ConfigError(f"spaCy component {name} is not in the model's pipeline", self.config.source)
        nlp = self.nlp_engine.nlp["en"]
        if "lemmatizer" not in nlp.pipe_names:
            # Presidio's context enhancer compares context words with lemmas.
            _register_lower_lemma()
            nlp.add_pipe("sfo_lower_lemma", last=True)
        try:
            nlp("Warm-up text for John Smith in Leeds.")
        except Exception as exc:  # noqa: BLE001 - e.g. a tagger left on with its tok2vec switched off
            raise ConfigError(f"spaCy pipeline does not run with these components switched off ({type(exc).__name__})", self.config.source) from None
        registry = RecognizerRegistry(supported_languages=["en"])
        for recognizer in load_recognizers(self.config.recognizers):
            registry.add_recognizer(recognizer)
        self.registry = registry
        self.analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=["en"],
            default_score_threshold=self.config.score_threshold,
        )
        self.entities = sorted({e for r in registry.recognizers for e in r.supported_entities})
        check_policies(self.entities)
        self.load_seconds = time.perf_counter() - started
        logger.info("detection engine ready: model %s, %d recognizers, %.1fs", model_name, len(registry.recognizers), self.load_seconds)


def check_policies(entities: list[str]) -> None:
    """Every entity a loaded recognizer reports has a treatment and a priority.

    Without one, decide would have nothing to do with the finding: fail at start-up, never
    drop findings silently.
    """
    from pipeline.categories import ENTITY_TREATMENT, PRIORITY

    # PERSON findings become people in resolve, and their treatment comes from the role.
    missing = sorted(e for e in entities if e != "PERSON" and (e not in ENTITY_TREATMENT or e not in PRIORITY))
    if missing:
        raise ConfigError(f"no policy (treatment and priority in pipeline/categories.py) for entities: {', '.join(missing)}")


def _register_lower_lemma() -> None:
    """Register `sfo_lower_lemma`: each token's lemma is its lower-case text."""
    from spacy.language import Language

    if "sfo_lower_lemma" in Language.factories:
        return

    @Language.component("sfo_lower_lemma")
    def _lower_lemma(doc):
        for token in doc:
            token.lemma_ = token.lower_
        return doc


_ENGINES: dict[Path, Engine] = {}
_LOCK = threading.Lock()


def get_engine(config_path: Path | None = None) -> Engine:
    """The process's engine for a configuration, built on first use (once per worker)."""
    config = load_engine_config(config_path)
    with _LOCK:
        engine = _ENGINES.get(config.source)
        if engine is None:
            engine = Engine(config)
            _ENGINES[config.source] = engine
        return engine
