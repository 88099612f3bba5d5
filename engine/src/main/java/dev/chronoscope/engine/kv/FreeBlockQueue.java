package dev.chronoscope.engine.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * Free blocks in eviction order (vLLM's FreeKVCacheBlockQueue): allocation takes from the front, freed
 * blocks join the back, so the least recently freed cached block is evicted first. A doubly linked list
 * through the blocks themselves, because a prefix-cache hit must pull a block out of the middle in O(1).
 */
final class FreeBlockQueue {
    private final KvBlock head = new KvBlock(-1);
    private final KvBlock tail = new KvBlock(-1);
    private int size;

    FreeBlockQueue(List<KvBlock> blocks) {
        head.nextFree = tail;
        tail.previousFree = head;
        blocks.forEach(this::append);
    }

    int size() { return size; }

    KvBlock popFront() {
        if (size == 0) {
            throw new IllegalStateException("no free KV block left");
        }
        KvBlock block = head.nextFree;
        remove(block);
        return block;
    }

    void append(KvBlock block) {
        KvBlock last = tail.previousFree;
        last.nextFree = block;
        block.previousFree = last;
        block.nextFree = tail;
        tail.previousFree = block;
        size++;
    }

    void remove(KvBlock block) {
        if (block.previousFree == null || block.nextFree == null) {
            throw new IllegalStateException(block + " is not in the free queue");
        }
        block.previousFree.nextFree = block.nextFree;
        block.nextFree.previousFree = block.previousFree;
        block.previousFree = null;
        block.nextFree = null;
        size--;
    }

    /** Block ids from the front (next to evict) to the back. */
    List<Integer> ids() {
        List<Integer> ids = new ArrayList<>(size);
        for (KvBlock b = head.nextFree; b != tail; b = b.nextFree) {
            ids.add(b.id());
        }
        return ids;
    }
}
