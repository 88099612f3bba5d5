package dev.chronoscope.engine.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All physical KV blocks: reference counts, the free queue and the prefix cache (hash → block).
 * A block whose reference count drops to zero stays in the cache until it is reused for other content.
 */
public final class BlockPool {
    private final List<KvBlock> blocks;
    private final FreeBlockQueue freeQueue;
    private final Map<BlockHash, KvBlock> cached = new HashMap<>();
    private long evictions;

    public BlockPool(int numBlocks) {
        if (numBlocks <= 0) {
            throw new IllegalArgumentException("the KV cache needs at least one block, got " + numBlocks);
        }
        blocks = new ArrayList<>(numBlocks);
        for (int i = 0; i < numBlocks; i++) {
            blocks.add(new KvBlock(i));
        }
        freeQueue = new FreeBlockQueue(blocks);
    }

    public int numBlocks() { return blocks.size(); }

    public int numFreeBlocks() { return freeQueue.size(); }

    /** Cached blocks evicted so far to make room for new content. */
    public long evictions() { return evictions; }

    /** Fraction of blocks in use by some request (vLLM's KV cache usage). */
    public double usage() {
        return 1.0 - (double) numFreeBlocks() / numBlocks();
    }

    /** The cached block holding this content, or null. */
    KvBlock cachedBlock(BlockHash hash) {
        return cached.get(hash);
    }

    /** Takes {@code n} blocks from the front of the free queue, evicting their cached content. */
    List<KvBlock> allocate(int n) {
        if (n > numFreeBlocks()) {
            throw new IllegalStateException("asked for " + n + " KV blocks, " + numFreeBlocks() + " free");
        }
        List<KvBlock> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            KvBlock block = freeQueue.popFront();
            if (block.hash != null) {
                cached.remove(block.hash);
                block.hash = null;
                evictions++;
            }
            block.refCount = 1;
            result.add(block);
        }
        return result;
    }

    /** Takes a reference on cache-hit blocks; a block nobody used leaves the free queue. */
    void touch(List<KvBlock> hits) {
        for (KvBlock block : hits) {
            if (block.refCount == 0) {
                freeQueue.remove(block);
            }
            block.refCount++;
        }
    }

    /**
     * Drops one reference on each block, in the given order; blocks nobody uses any more join the back
     * of the free queue in that order, so the first given is evicted first.
     */
    void free(List<KvBlock> ordered) {
        for (KvBlock block : ordered) {
            if (block.refCount <= 0) {
                throw new IllegalStateException(block + " freed more often than taken");
            }
            if (--block.refCount == 0) {
                freeQueue.append(block);
            }
        }
    }

    /** Publishes a full block's content in the prefix cache unless that content is cached already. */
    void cache(KvBlock block, BlockHash hash) {
        if (block.hash == null && cached.putIfAbsent(hash, block) == null) {
            block.hash = hash;
        }
    }

    /** Block ids in eviction order, front first. */
    public List<Integer> freeQueueIds() {
        return freeQueue.ids();
    }

    public KvBlock block(int id) {
        return blocks.get(id);
    }
}
