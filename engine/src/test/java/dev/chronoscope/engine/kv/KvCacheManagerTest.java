package dev.chronoscope.engine.kv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected values worked out by hand from vLLM V1's KVCacheManager and BlockPool behaviour. */
class KvCacheManagerTest {
    private static final int BS = 4;

    private static List<Integer> prompt(int length, int seed) {
        return IntStream.range(0, length).map(i -> seed * 1000 + i).boxed().toList();
    }

    private static List<BlockHash> hashes(List<Integer> tokens) {
        List<BlockHash> out = new ArrayList<>();
        new BlockHasher(BS).extend(out, tokens);
        return out;
    }

    /** Schedules a whole prompt as a new request would be: prefix lookup, then allocation. */
    private static ComputedBlocks admit(KvCacheManager kv, String id, List<Integer> tokens) {
        List<BlockHash> h = hashes(tokens);
        ComputedBlocks hit = kv.computedBlocks(h, tokens.size());
        assertThat(kv.allocateSlots(id, 0, tokens.size() - hit.numTokens(), hit, h)).isTrue();
        return hit;
    }

    @Test
    void allocatesCeilOfTokensOverBlockSizeAndFreesAll() {
        KvCacheManager kv = new KvCacheManager(10, BS, false);
        admit(kv, "a", prompt(9, 1));
        assertThat(kv.blockTable("a")).containsExactly(0, 1, 2);
        assertThat(kv.numFreeBlocks()).isEqualTo(7);
        assertThat(kv.usage()).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        // Decoding the 10th..12th token fits in block 2; the 13th needs a new block.
        assertThat(kv.allocateSlots("a", 9, 3, ComputedBlocks.NONE, List.of())).isTrue();
        assertThat(kv.blockTable("a")).hasSize(3);
        assertThat(kv.allocateSlots("a", 12, 1, ComputedBlocks.NONE, List.of())).isTrue();
        assertThat(kv.blockTable("a")).containsExactly(0, 1, 2, 3);
        kv.free("a");
        assertThat(kv.numFreeBlocks()).isEqualTo(10);
    }

    @Test
    void theLastPromptTokenIsNeverServedFromTheCache() {
        KvCacheManager kv = new KvCacheManager(10, BS, true);
        admit(kv, "a", prompt(8, 1));
        // Identical 8-token prompt: both blocks are cached, but token 8 must be recomputed → 1 block hit.
        ComputedBlocks hit = admit(kv, "b", prompt(8, 1));
        assertThat(hit.numTokens()).isEqualTo(4);
        assertThat(kv.blockTable("b")[0]).isEqualTo(kv.blockTable("a")[0]);
        assertThat(kv.blockTable("b")[1]).isNotEqualTo(kv.blockTable("a")[1]);
        // A 9-token prompt sharing those 8 hits both blocks.
        List<Integer> nine = new ArrayList<>(prompt(8, 1));
        nine.add(77);
        assertThat(admit(kv, "c", nine).numTokens()).isEqualTo(8);
        assertThat(kv.pool().block(kv.blockTable("a")[0]).refCount()).isEqualTo(3);
        assertThat(kv.pool().block(kv.blockTable("a")[1]).refCount()).isEqualTo(2);
        assertThat(kv.prefixQueryTokens()).isEqualTo(8 + 8 + 9);
        assertThat(kv.prefixHitTokens()).isEqualTo(0 + 4 + 8);
    }

    @Test
    void onlyFullBlocksWhoseTokensAreScheduledArePublished() {
        KvCacheManager kv = new KvCacheManager(10, BS, true);
        List<Integer> tokens = prompt(10, 1);
        List<BlockHash> h = hashes(tokens);
        // A 6-token first chunk of a 10-token prompt: only block 0 is full after the step.
        assertThat(kv.allocateSlots("a", 0, 6, ComputedBlocks.NONE, h)).isTrue();
        assertThat(kv.pool().block(0).hash()).isEqualTo(h.get(0));
        assertThat(kv.pool().block(1).hash()).isNull();
        assertThat(kv.allocateSlots("a", 6, 4, ComputedBlocks.NONE, h)).isTrue();
        assertThat(kv.pool().block(1).hash()).isEqualTo(h.get(1));
        assertThat(kv.pool().block(2).hash()).isNull();
    }

    @Test
    void freedBlocksJoinTheFreeQueueTailFirstAndTheOldestFreedIsEvictedFirst() {
        KvCacheManager kv = new KvCacheManager(5, BS, true);
        List<Integer> a = prompt(8, 1);
        admit(kv, "a", a);                    // blocks 0, 1 (both full, cached)
        kv.free("a");
        // The free queue was [2, 3, 4]; a's blocks join in reverse: 1 then 0.
        assertThat(kv.pool().freeQueueIds()).containsExactly(2, 3, 4, 1, 0);
        admit(kv, "b", prompt(16, 2));        // 4 blocks: 2, 3, 4, then evicts cached block 1
        assertThat(kv.blockTable("b")).containsExactly(2, 3, 4, 1);
        assertThat(kv.pool().evictions()).isEqualTo(1);
        assertThat(kv.pool().block(0).hash()).as("a's first block survives").isNotNull();
        kv.free("b");
        assertThat(kv.pool().freeQueueIds()).containsExactly(0, 1, 4, 3, 2);
        // a's first block hits although it is at the front of the queue: the hit pulls it out of the queue;
        // the one new block comes from the new front, block 1, evicting b's last block.
        ComputedBlocks hit = admit(kv, "c", List.of(a.get(0), a.get(1), a.get(2), a.get(3), 5));
        assertThat(hit.numTokens()).isEqualTo(4);
        assertThat(kv.blockTable("c")).containsExactly(0, 1);
        assertThat(kv.pool().evictions()).isEqualTo(2);
        assertThat(kv.pool().freeQueueIds()).containsExactly(4, 3, 2);
    }

    @Test
    void cacheHitsSittingInTheFreeQueueCountAgainstFreeBlocks() {
        KvCacheManager kv = new KvCacheManager(3, BS, true);
        List<Integer> a = prompt(8, 1);
        admit(kv, "a", a);
        kv.free("a");
        // 3 free blocks, two of them cached. A 12-token prompt sharing a's 8 tokens: hit 2 (evictable),
        // needs 1 more: 2 + 1 = 3 ≤ 3 free.
        List<Integer> longer = new ArrayList<>(a);
        longer.addAll(List.of(1, 2, 3, 4));
        ComputedBlocks hit = admit(kv, "b", longer);
        assertThat(hit.numTokens()).isEqualTo(8);
        assertThat(kv.numFreeBlocks()).isZero();
        kv.free("b");
        // Same again but 13 tokens: hit 3 blocks max? (13-1)/4 = 3 blocks, only 3 cached → needs 1 new:
        // 3 evictable + 1 new = 4 > 3 free → refused, and nothing changed.
        List<Integer> tooLong = new ArrayList<>(longer);
        tooLong.add(9);
        List<BlockHash> h = hashes(tooLong);
        ComputedBlocks hit3 = kv.computedBlocks(h, tooLong.size());
        assertThat(hit3.numTokens()).isEqualTo(12);
        assertThat(kv.allocateSlots("c", 0, 1, hit3, h)).isFalse();
        assertThat(kv.numFreeBlocks()).isEqualTo(3);
        assertThat(kv.blockTable("c")).isEmpty();
    }

    @Test
    void prefixCachingOffFindsNothing() {
        KvCacheManager kv = new KvCacheManager(10, BS, false);
        admit(kv, "a", prompt(9, 1));
        assertThat(admit(kv, "b", prompt(9, 1)).numTokens()).isZero();
        assertThat(kv.pool().block(0).hash()).isNull();
    }

    @Test
    void doubleFreeOfABlockIsRefused() {
        BlockPool pool = new BlockPool(2);
        List<KvBlock> blocks = pool.allocate(1);
        pool.free(blocks);
        assertThatThrownBy(() -> pool.free(blocks)).isInstanceOf(IllegalStateException.class).hasMessageContaining("freed");
    }
}
