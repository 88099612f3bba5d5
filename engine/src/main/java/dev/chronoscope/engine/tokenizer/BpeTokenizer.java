package dev.chronoscope.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HuggingFace {@code tokenizer.json} whose model is byte-level BPE (GPT-2, Llama 3, Qwen2):
 * added tokens are split out first; the rest is cut by the pre-tokenizer's regex, mapped byte by
 * byte to GPT-2's printable characters, and merged pairwise by merge rank.
 */
public final class BpeTokenizer implements Tokenizer {
    /** GPT-2's pre-tokenizer pattern, used by {@code ByteLevel} with {@code use_regex}. */
    static final String GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private final Map<String, Integer> vocab;
    private final String[] idToToken;
    private final Map<String, Integer> mergeRanks;
    private final Map<String, Integer> added;
    private final Set<Integer> special;
    private final Pattern addedSplitter;
    private final Pattern pretokenizer;
    private final boolean addPrefixSpace;
    private final boolean ignoreMerges;
    private final int bos, eos;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    BpeTokenizer(Map<String, Integer> vocab, Map<String, Integer> mergeRanks, Map<String, Integer> added, Set<Integer> special,
                 Pattern pretokenizer, boolean addPrefixSpace, boolean ignoreMerges, int bos, int eos) {
        this.vocab = vocab;
        this.mergeRanks = mergeRanks;
        this.added = added;
        this.special = special;
        this.pretokenizer = pretokenizer;
        this.addPrefixSpace = addPrefixSpace;
        this.ignoreMerges = ignoreMerges;
        this.bos = bos;
        this.eos = eos;
        int size = 0;
        for (int id : vocab.values()) size = Math.max(size, id + 1);
        for (int id : added.values()) size = Math.max(size, id + 1);
        idToToken = new String[size];
        vocab.forEach((t, id) -> idToToken[id] = t);
        added.forEach((t, id) -> idToToken[id] = t);
        addedSplitter = added.isEmpty() ? null : Pattern.compile(added.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                .reduce((a, b) -> a + "|" + b).orElseThrow());
    }

    /** Reads a tokenizer.json; errors name the file and field. */
    public static BpeTokenizer load(Path tokenizerJson) { return TokenizerJson.read(tokenizerJson); }

    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int pos = 0;
        if (addedSplitter != null) {
            Matcher m = addedSplitter.matcher(text);
            while (m.find()) {
                encodeOrdinary(text.substring(pos, m.start()), ids);
                ids.add(added.get(m.group()));
                pos = m.end();
            }
        }
        encodeOrdinary(text.substring(pos), ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void encodeOrdinary(String text, List<Integer> ids) {
        if (text.isEmpty()) return;
        if (addPrefixSpace && !text.startsWith(" ")) text = " " + text;
        Matcher m = pretokenizer.matcher(text);
        int pos = 0;
        while (m.find()) {
            if (m.start() > pos) encodePiece(text.substring(pos, m.start()), ids);
            encodePiece(m.group(), ids);
            pos = m.end();
        }
        if (pos < text.length()) encodePiece(text.substring(pos), ids);
    }

    private void encodePiece(String piece, List<Integer> ids) {
        if (piece.isEmpty()) return;
        for (int id : cache.computeIfAbsent(piece, this::bpe)) ids.add(id);
    }

    private int[] bpe(String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        StringBuilder mapped = new StringBuilder(bytes.length);
        for (byte b : bytes) mapped.append(ByteUnicode.toChar(b));
        String word = mapped.toString();
        if (ignoreMerges && vocab.containsKey(word)) return new int[]{vocab.get(word)};
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) symbols.add(String.valueOf(word.charAt(i)));
        while (symbols.size() > 1) {
            int best = -1, bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = mergeRanks.get(pairKey(symbols.get(i), symbols.get(i + 1)));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) break;
            String left = symbols.get(best), right = symbols.get(best + 1);
            List<String> merged = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); i++) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                    merged.add(left + right);
                    i++;
                } else {
                    merged.add(symbols.get(i));
                }
            }
            symbols = merged;
        }
        int[] out = new int[symbols.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = vocab.get(symbols.get(i));
            if (id == null) throw new IllegalArgumentException("tokenizer has no vocabulary entry for symbol '" + symbols.get(i) + "'");
            out[i] = id;
        }
        return out;
    }

    static String pairKey(String left, String right) { return left + '\u0000' + right; }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= idToToken.length || idToToken[id] == null) {
                bytes.writeBytes("\uFFFD".getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (special.contains(id)) continue;
            String token = idToToken[id];
            if (added.containsKey(token) && !vocab.containsKey(token)) {
                bytes.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            for (int i = 0; i < token.length(); i++) {
                int b = ByteUnicode.toByte(token.charAt(i));
                if (b >= 0) bytes.write(b);
                else bytes.writeBytes(String.valueOf(token.charAt(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override public int bosTokenId() { return bos; }

    @Override public int eosTokenId() { return eos; }

    @Override public int vocabSize() { return idToToken.length; }
}
