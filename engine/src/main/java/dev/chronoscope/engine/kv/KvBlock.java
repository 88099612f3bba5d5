package dev.chronoscope.engine.kv;

/**
 * One physical KV block. Mutable bookkeeping owned by the {@link BlockPool}: how many requests use it,
 * which content hash it holds once full and cached, and its links in the free queue.
 */
public final class KvBlock {
    private final int id;
    int refCount;
    BlockHash hash;
    KvBlock previousFree;
    KvBlock nextFree;

    KvBlock(int id) {
        this.id = id;
    }

    public int id() { return id; }

    public int refCount() { return refCount; }

    /** The content hash when this block is in the prefix cache, else null. */
    public BlockHash hash() { return hash; }

    @Override
    public String toString() {
        return "KvBlock[" + id + ", ref=" + refCount + (hash == null ? "" : ", cached") + "]";
    }
}
