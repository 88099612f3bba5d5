package dev.chronoscope.engine.bench;

import dev.chronoscope.engine.client.Prompt;

import java.util.random.RandomGenerator;

/**
 * Synthetic prompts as token ids, so their length is exact on any server. Ids are printable ASCII codes
 * (32–126): valid in every real tokenizer's vocabulary and in the byte-level one, and random enough that
 * prompts do not share prefixes by accident.
 */
final class RandomTokens {
    private static final int FIRST = 32;
    private static final int COUNT = 95;

    private RandomTokens() {}

    static Prompt prompt(int length, RandomGenerator rng) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = FIRST + rng.nextInt(COUNT);
        }
        return Prompt.tokens(ids);
    }
}
