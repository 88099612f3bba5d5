package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.event.StreamEvent.KvBlocks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvBlockMapTest {
    /** Two requests share a two-block prefix (as the agent reports them), one grows, both finish; then a third. */
    private static final List<KvBlocks> EVENTS = List.of(
            new KvBlocks(10, "a", new int[]{0, 1, 2}, 2),
            new KvBlocks(10, "b", new int[]{0, 1, 3}, 2),
            new KvBlocks(30, "a", new int[]{0, 1, 2, 4}, 2),
            new KvBlocks(50, "b", new int[0], 0),
            new KvBlocks(70, "a", new int[0], 0),
            new KvBlocks(70, "c", new int[]{2, 5}, 0));

    @Test
    void oneBandPerBlockShowsOwnersAndSharedPrefixAtEachColumnsEnd() {
        KvBlockMap map = KvBlockMap.sample(EVENTS, 0, 80, 8, 100, 6);
        assertThat(map.bands()).isEqualTo(6);
        assertThat(map.toString()).isEqualTo("""
                ......33
                ..1111..
                2222....
                11111133
                ******..
                ******..
                """);
        assertThat(map.cell(1, 3)).isEqualTo(2);
        assertThat(map.request(2)).isEqualTo("b");
        assertThat(map.cell(7, 0)).isEqualTo(KvBlockMap.FREE);
        assertThat(map.cell(1, 0)).isEqualTo(KvBlockMap.SHARED);
    }

    @Test
    void aBlockLeftWithOneHolderShowsThatHolderNotTheFirstOne() {
        // After a leaves, b alone holds blocks 0 and 1 that a held first.
        KvBlockMap map = KvBlockMap.sample(List.of(
                new KvBlocks(0, "a", new int[]{0, 1}, 0),
                new KvBlocks(0, "b", new int[]{0, 1, 2}, 0),
                new KvBlocks(7, "a", new int[0], 0)), 0, 10, 2, 10, 3);
        assertThat(map.toString()).isEqualTo("""
                22
                *2
                *2
                """);
    }

    @Test
    void fewerBandsThanBlocksShowSharedOverHeldOverFree() {
        KvBlockMap map = KvBlockMap.sample(EVENTS, 0, 80, 4, 3, 6);
        assertThat(map.bands()).isEqualTo(3);
        assertThat(map.toString()).isEqualTo("""
                .113
                1113
                ***.
                """);
    }

    @Test
    void aDegenerateViewIsRefusedNamingItsSize() {
        assertThatThrownBy(() -> KvBlockMap.sample(EVENTS, 5, 5, 10, 10, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("block map of 10 columns, 10 bands, 6 blocks over [5, 5] ns");
    }
}
