package dev.chronoscope.engine.api;

import dev.chronoscope.engine.client.GenerationRequest;

/** A validated completion or chat request: what to generate and how to answer. */
record ParsedRequest(GenerationRequest generation, boolean stream, boolean includeUsage) {}
