package dev.chronoscope.engine.cli;

import dev.chronoscope.engine.core.EngineTokenizer;
import dev.chronoscope.engine.executor.ModelExecutor;

/** A model ready to serve: the executor that runs it and the tokenizer that goes with it. */
public record ModelBackend(ModelExecutor executor, EngineTokenizer tokenizer) {}
