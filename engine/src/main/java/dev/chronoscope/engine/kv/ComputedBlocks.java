package dev.chronoscope.engine.kv;

import java.util.List;

/** A prefix-cache hit: the cached blocks that hold a request's leading tokens, and how many tokens that is. */
public record ComputedBlocks(List<KvBlock> blocks, int numTokens) {
    public static final ComputedBlocks NONE = new ComputedBlocks(List.of(), 0);
}
