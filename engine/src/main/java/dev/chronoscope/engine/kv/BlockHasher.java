package dev.chronoscope.engine.kv;

import java.security.MessageDigest;
import java.util.List;

/** Extends a request's chain of block hashes as its tokens fill whole blocks. Not thread-safe (one digest). */
public final class BlockHasher {
    private final int blockSize;
    private final MessageDigest sha256 = BlockHash.sha256();

    public BlockHasher(int blockSize) {
        this.blockSize = blockSize;
    }

    /** Appends to {@code hashes} the hash of every full block of {@code tokens} not hashed yet. */
    public void extend(List<BlockHash> hashes, List<Integer> tokens) {
        int fullBlocks = tokens.size() / blockSize;
        for (int i = hashes.size(); i < fullBlocks; i++) {
            BlockHash parent = i == 0 ? BlockHash.ROOT : hashes.get(i - 1);
            hashes.add(BlockHash.of(sha256, parent, tokens, i * blockSize, blockSize));
        }
    }
}
