package dev.chronoscope.engine.kv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BlockHashTest {

    private static List<Integer> tokens(int... ids) {
        return IntStream.of(ids).boxed().toList();
    }

    private static List<BlockHash> hashes(List<Integer> tokens, int blockSize) {
        List<BlockHash> out = new ArrayList<>();
        new BlockHasher(blockSize).extend(out, tokens);
        return out;
    }

    @Test
    void hashesOnlyFullBlocks() {
        assertThat(hashes(tokens(1, 2, 3, 4, 5, 6, 7), 4)).hasSize(1);
        assertThat(hashes(tokens(1, 2, 3, 4, 5, 6, 7, 8), 4)).hasSize(2);
        assertThat(hashes(tokens(1, 2, 3), 4)).isEmpty();
    }

    @Test
    void aBlockHashChainsItsParent() {
        List<BlockHash> a = hashes(tokens(1, 2, 3, 4, 9, 9, 9, 9), 4);
        List<BlockHash> b = hashes(tokens(5, 6, 7, 8, 9, 9, 9, 9), 4);
        assertThat(a.get(1)).as("same tokens after a different prefix").isNotEqualTo(b.get(1));
        assertThat(a.get(1)).isEqualTo(BlockHash.of(a.get(0), tokens(1, 2, 3, 4, 9, 9, 9, 9), 4, 4));
        assertThat(a.get(0)).isEqualTo(BlockHash.of(BlockHash.ROOT, tokens(1, 2, 3, 4), 0, 4));
    }

    @Test
    void equalPrefixesGiveEqualHashesAndExtendingKeepsEarlierOnes() {
        List<Integer> longer = tokens(1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13);
        List<BlockHash> grown = hashes(tokens(1, 2, 3, 4, 5, 6, 7), 4);
        new BlockHasher(4).extend(grown, longer);
        assertThat(grown).hasSize(3).isEqualTo(hashes(longer, 4));
        assertThat(hashes(tokens(1, 2, 3, 4), 4).getFirst()).isEqualTo(grown.getFirst());
    }
}
