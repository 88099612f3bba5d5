package dev.chronoscope.engine.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Paged KV cache bookkeeping per request, after vLLM V1's KVCacheManager: finds prefix-cache hits,
 * allocates the blocks a step needs (all or nothing), publishes full blocks in the prefix cache and
 * frees a request's blocks tail first. It only does bookkeeping: the executor owns the memory.
 */
public final class KvCacheManager {
    private final int blockSize;
    private final boolean prefixCaching;
    private final BlockPool pool;
    private final Map<String, RequestBlocks> requests = new HashMap<>();
    private long prefixQueryTokens;
    private long prefixHitTokens;

    private static final class RequestBlocks {
        final List<KvBlock> blocks = new ArrayList<>();
        int numCachedBlocks;
    }

    public KvCacheManager(int numBlocks, int blockSize, boolean prefixCaching) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        this.blockSize = blockSize;
        this.prefixCaching = prefixCaching;
        this.pool = new BlockPool(numBlocks);
    }

    public int blockSize() { return blockSize; }

    public boolean prefixCaching() { return prefixCaching; }

    public int numBlocks() { return pool.numBlocks(); }

    public int numFreeBlocks() { return pool.numFreeBlocks(); }

    public double usage() { return pool.usage(); }

    /** Tokens looked up in the prefix cache so far, and how many of them hit. */
    public long prefixQueryTokens() { return prefixQueryTokens; }

    public long prefixHitTokens() { return prefixHitTokens; }

    public BlockPool pool() { return pool; }

    /**
     * The longest cached prefix of a new request with {@code numTokens} tokens whose full blocks hash to
     * {@code hashes}. The last token is never taken from the cache: the model must compute it to sample
     * the next one, so a prompt of exactly N full cached blocks hits N−1 of them.
     */
    public ComputedBlocks computedBlocks(List<BlockHash> hashes, int numTokens) {
        if (!prefixCaching) {
            return ComputedBlocks.NONE;
        }
        int maxBlocks = Math.min(hashes.size(), (numTokens - 1) / blockSize);
        List<KvBlock> hits = new ArrayList<>();
        for (int i = 0; i < maxBlocks; i++) {
            KvBlock block = pool.cachedBlock(hashes.get(i));
            if (block == null) {
                break;
            }
            hits.add(block);
        }
        prefixQueryTokens += numTokens;
        prefixHitTokens += (long) hits.size() * blockSize;
        return hits.isEmpty() ? ComputedBlocks.NONE : new ComputedBlocks(List.copyOf(hits), hits.size() * blockSize);
    }

    /**
     * Makes room for {@code numNewTokens} more tokens of a request that has {@code numComputedTokens} in
     * its blocks, first adopting the prefix-cache {@code hit} (for a request just scheduled). Returns false
     * and changes nothing when the free blocks do not suffice; cache-hit blocks that sit in the free queue
     * count against the free blocks, since adopting them takes them out of it.
     */
    public boolean allocateSlots(String requestId, int numComputedTokens, int numNewTokens, ComputedBlocks hit,
                                 List<BlockHash> hashes) {
        RequestBlocks req = requests.get(requestId);
        int held = req == null ? 0 : req.blocks.size();
        int totalTokens = numComputedTokens + hit.numTokens() + numNewTokens;
        int needed = ceilDiv(totalTokens, blockSize) - held - hit.blocks().size();
        int neededNew = Math.max(0, needed);
        int evictableHits = 0;
        for (KvBlock b : hit.blocks()) {
            if (b.refCount() == 0) {
                evictableHits++;
            }
        }
        if (neededNew + evictableHits > pool.numFreeBlocks()) {
            return false;
        }
        if (req == null) {
            req = new RequestBlocks();
            requests.put(requestId, req);
        }
        pool.touch(hit.blocks());
        req.blocks.addAll(hit.blocks());
        req.blocks.addAll(pool.allocate(neededNew));
        if (prefixCaching) {
            publishFullBlocks(req, Math.min(totalTokens / blockSize, hashes.size()), hashes);
        }
        return true;
    }

    /** Puts a request's blocks that will be full after this step into the prefix cache. */
    private void publishFullBlocks(RequestBlocks req, int numFullBlocks, List<BlockHash> hashes) {
        for (int i = req.numCachedBlocks; i < numFullBlocks; i++) {
            pool.cache(req.blocks.get(i), hashes.get(i));
        }
        req.numCachedBlocks = Math.max(req.numCachedBlocks, numFullBlocks);
    }

    /** The physical block ids of a request, in position order. */
    public int[] blockTable(String requestId) {
        RequestBlocks req = requests.get(requestId);
        if (req == null) {
            return new int[0];
        }
        int[] table = new int[req.blocks.size()];
        for (int i = 0; i < table.length; i++) {
            table[i] = req.blocks.get(i).id();
        }
        return table;
    }

    /**
     * Releases a finished or preempted request's blocks, last block first, so that when they are evicted
     * the tail of its sequence goes before the prefix other requests are more likely to share.
     */
    public void free(String requestId) {
        RequestBlocks req = requests.remove(requestId);
        if (req != null) {
            pool.free(req.blocks.reversed());
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
