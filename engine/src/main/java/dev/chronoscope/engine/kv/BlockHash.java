package dev.chronoscope.engine.kv;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The identity of a full KV block's content: a hash of its parent block's hash and its own tokens, so
 * equal hashes mean equal prefixes, not just equal blocks (vLLM's chained block hash).
 * SHA-256 truncated to 128 bits, as vLLM defaults to SHA-256: collisions are negligible, and a collision
 * would silently reuse the wrong KV, so a weak hash is not acceptable here.
 */
public record BlockHash(long high, long low) {

    /** The parent of the first block: a fixed value so hashes are reproducible across runs. */
    public static final BlockHash ROOT = new BlockHash(0x6368726f6e6f7363L, 0x6f70652d6b76L);

    /** The hash of a block holding {@code tokens[from, from + blockSize)} after the block hashed {@code parent}. */
    public static BlockHash of(BlockHash parent, List<Integer> tokens, int from, int blockSize) {
        return of(sha256(), parent, tokens, from, blockSize);
    }

    /** As {@link #of(BlockHash, List, int, int)}, reusing a SHA-256 digest owned by the caller's thread. */
    static BlockHash of(MessageDigest sha256, BlockHash parent, List<Integer> tokens, int from, int blockSize) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + 4 * blockSize);
        buffer.putLong(parent.high).putLong(parent.low);
        for (int i = from; i < from + blockSize; i++) {
            buffer.putInt(tokens.get(i));
        }
        byte[] digest = sha256.digest(buffer.array());
        ByteBuffer d = ByteBuffer.wrap(digest);
        return new BlockHash(d.getLong(), d.getLong());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
