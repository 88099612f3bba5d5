package dev.chronoscope.engine.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses HuggingFace tokenizer.json (and the BOS/EOS names of a tokenizer_config.json beside it). */
final class TokenizerJson {
    private static final List<String> BOS_NAMES = List.of("<|begin_of_text|>", "<s>", "<|startoftext|>", "<|endoftext|>");
    private static final List<String> EOS_NAMES = List.of("<|end_of_text|>", "</s>", "<|endoftext|>", "<|im_end|>");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerJson() {}

    static BpeTokenizer read(Path file) {
        JsonNode root = parse(file);
        JsonNode model = root.path("model");
        String type = model.path("type").asText("");
        if (!"BPE".equals(type)) throw bad(file, "model.type", "\"BPE\"", model.get("type"));
        JsonNode vocabNode = model.get("vocab");
        if (vocabNode == null || !vocabNode.isObject()) throw bad(file, "model.vocab", "an object of token → id", vocabNode);
        Map<String, Integer> vocab = new HashMap<>();
        vocabNode.fields().forEachRemaining(e -> {
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) throw bad(file, "model.vocab." + e.getKey(), "a token id", e.getValue());
            vocab.put(e.getKey(), e.getValue().asInt());
        });
        JsonNode mergesNode = model.get("merges");
        if (mergesNode == null || !mergesNode.isArray()) throw bad(file, "model.merges", "an array", mergesNode);
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < mergesNode.size(); i++) {
            JsonNode m = mergesNode.get(i);
            String left, right;
            if (m.isTextual() && m.asText().indexOf(' ') > 0) {
                String[] parts = m.asText().split(" ", 2);
                left = parts[0];
                right = parts[1];
            } else if (m.isArray() && m.size() == 2) {
                left = m.get(0).asText();
                right = m.get(1).asText();
            } else {
                throw bad(file, "model.merges[" + i + "]", "\"left right\" or [left, right]", m);
            }
            ranks.putIfAbsent(BpeTokenizer.pairKey(left, right), i);
        }
        Map<String, Integer> added = new HashMap<>();
        Set<Integer> special = new HashSet<>();
        JsonNode addedNode = root.path("added_tokens");
        for (int i = 0; i < addedNode.size(); i++) {
            JsonNode t = addedNode.get(i);
            if (!t.path("content").isTextual() || !t.path("id").canConvertToInt()) {
                throw bad(file, "added_tokens[" + i + "]", "{id, content}", t);
            }
            added.put(t.get("content").asText(), t.get("id").asInt());
            if (t.path("special").asBoolean(false)) special.add(t.get("id").asInt());
        }
        PreTokenizer pre = preTokenizer(file, root.get("pre_tokenizer"));
        Map<String, Integer> all = new HashMap<>(vocab);
        all.putAll(added);
        JsonNode config = tokenizerConfig(file);
        return new BpeTokenizer(vocab, ranks, added, special, pre.pattern(), pre.addPrefixSpace(),
                model.path("ignore_merges").asBoolean(false),
                specialId(all, config, "bos_token", BOS_NAMES), specialId(all, config, "eos_token", EOS_NAMES));
    }

    private record PreTokenizer(Pattern pattern, boolean addPrefixSpace) {}

    /** {@code ByteLevel} (GPT-2 regex) or a {@code Sequence} of a regex {@code Split} and a {@code ByteLevel}. */
    private static PreTokenizer preTokenizer(Path file, JsonNode node) {
        if (node == null || node.isNull()) throw bad(file, "pre_tokenizer", "a ByteLevel pre-tokenizer", node);
        String type = node.path("type").asText("");
        if (type.equals("ByteLevel")) {
            boolean useRegex = node.path("use_regex").asBoolean(true);
            return new PreTokenizer(Pattern.compile(useRegex ? BpeTokenizer.GPT2_PATTERN : "(?s).+"), node.path("add_prefix_space").asBoolean(false));
        }
        if (type.equals("Sequence")) {
            Pattern split = null;
            boolean prefix = false, byteLevel = false;
            JsonNode parts = node.path("pretokenizers");
            for (int i = 0; i < parts.size(); i++) {
                JsonNode p = parts.get(i);
                String field = "pre_tokenizer.pretokenizers[" + i + "]";
                switch (p.path("type").asText("")) {
                    case "Split" -> {
                        String regex = p.path("pattern").path("Regex").asText(null);
                        if (regex == null) throw bad(file, field + ".pattern.Regex", "a regular expression", p.path("pattern"));
                        try {
                            split = Pattern.compile(regex);
                        } catch (PatternSyntaxException e) {
                            throw new TokenizerException(file + ": field '" + field + ".pattern.Regex' is not a valid regular expression: " + e.getDescription());
                        }
                    }
                    case "ByteLevel" -> {
                        byteLevel = true;
                        prefix = p.path("add_prefix_space").asBoolean(false);
                        if (split == null && p.path("use_regex").asBoolean(true)) split = Pattern.compile(BpeTokenizer.GPT2_PATTERN);
                    }
                    default -> throw bad(file, field + ".type", "Split or ByteLevel", p.get("type"));
                }
            }
            if (!byteLevel) throw bad(file, "pre_tokenizer.pretokenizers", "a ByteLevel step", parts);
            return new PreTokenizer(split == null ? Pattern.compile("(?s).+") : split, prefix);
        }
        throw bad(file, "pre_tokenizer.type", "ByteLevel or Sequence", node.get("type"));
    }

    private static int specialId(Map<String, Integer> all, JsonNode config, String field, List<String> fallbacks) {
        JsonNode named = config == null ? null : config.get(field);
        String name = named == null ? null : named.isTextual() ? named.asText() : named.path("content").asText(null);
        if (name != null && all.containsKey(name)) return all.get(name);
        for (String candidate : fallbacks) if (all.containsKey(candidate)) return all.get(candidate);
        return -1;
    }

    private static JsonNode tokenizerConfig(Path tokenizerJson) {
        Path dir = tokenizerJson.toAbsolutePath().getParent();
        Path config = dir == null ? null : dir.resolve("tokenizer_config.json");
        return config != null && Files.isRegularFile(config) ? parse(config) : null;
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (root == null || !root.isObject()) throw new TokenizerException(file + ": expected a JSON object");
            return root;
        } catch (JsonProcessingException e) {
            throw new TokenizerException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static TokenizerException bad(Path file, String field, String expected, JsonNode got) {
        return new TokenizerException(file + ": field '" + field + "' must be " + expected + ", got "
                + (got == null || got.isMissingNode() ? "nothing" : got.toString()));
    }
}
