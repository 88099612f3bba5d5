package dev.chronoscope.engine.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.engine.client.Prompt;
import dev.chronoscope.engine.core.EngineTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * vLLM's ShareGPT dataset: the first human turn is the prompt, the first reply's length the output length;
 * conversations are shuffled by the seed and pairs shorter than 4 tokens, prompts over 1024 or totals over
 * 2048 tokens are skipped. Lengths are counted with the given tokenizer (byte-level by default, which counts
 * UTF-8 bytes: against another server's tokenizer the lengths are approximations).
 */
public final class ShareGptDataset implements Dataset {
    private static final int MIN_LEN = 4;
    private static final int MAX_PROMPT_LEN = 1024;
    private static final int MAX_TOTAL_LEN = 2048;

    private final List<String[]> pairs;
    private final EngineTokenizer tokenizer;
    private final Integer fixedOutputLen;

    private ShareGptDataset(List<String[]> pairs, EngineTokenizer tokenizer, Integer fixedOutputLen) {
        this.pairs = pairs;
        this.tokenizer = tokenizer;
        this.fixedOutputLen = fixedOutputLen;
    }

    /** Streams the JSON array so a 600 MB ShareGPT file needs memory only for the first two turns of each entry. */
    public static ShareGptDataset load(Path file, EngineTokenizer tokenizer, Integer fixedOutputLen) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String[]> pairs = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(file + ": a ShareGPT file is a JSON array of conversations, found "
                        + parser.currentToken() + " at line " + parser.currentLocation().getLineNr());
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode entry = mapper.readTree(parser);
                JsonNode turns = entry.get("conversations");
                if (turns != null && turns.isArray() && turns.size() >= 2
                        && turns.get(0).path("value").isTextual() && turns.get(1).path("value").isTextual()) {
                    pairs.add(new String[]{turns.get(0).get("value").asText(), turns.get(1).get("value").asText()});
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid ShareGPT JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (pairs.isEmpty()) {
            throw new IOException(file + ": no conversation with at least two turns");
        }
        return new ShareGptDataset(pairs, tokenizer, fixedOutputLen);
    }

    @Override
    public List<BenchRequest> sample(int n, RandomGenerator rng) {
        List<String[]> shuffled = new ArrayList<>(pairs);
        Collections.shuffle(shuffled, rng);
        List<BenchRequest> requests = new ArrayList<>(n);
        for (String[] pair : shuffled) {
            if (requests.size() == n) {
                break;
            }
            int promptLen = tokenizer.encode(pair[0]).length;
            int outputLen = fixedOutputLen != null ? fixedOutputLen : tokenizer.encode(pair[1]).length;
            boolean tooShort = promptLen < MIN_LEN || (fixedOutputLen == null && outputLen < MIN_LEN);
            if (tooShort || promptLen > MAX_PROMPT_LEN || promptLen + outputLen > MAX_TOTAL_LEN) {
                continue;
            }
            requests.add(new BenchRequest(requests.size(), Prompt.text(pair[0]), promptLen, outputLen, 0));
        }
        if (requests.size() < n) {
            throw new IllegalArgumentException("the ShareGPT file has only " + requests.size()
                    + " usable conversations, " + n + " asked for (--num-prompts)");
        }
        return requests;
    }
}
