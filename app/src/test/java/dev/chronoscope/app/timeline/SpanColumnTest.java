package dev.chronoscope.app.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpanColumnTest {

    @Test
    void findsTheSpansOverlappingARangeByBinarySearch() {
        SpanColumn c = new SpanColumn();
        for (int i = 0; i < 1000; i++) c.add(i * 100L, i * 100L + 60, i);
        SpanColumn.Slice s = c.slice();

        int first = s.firstEndingAfter(5_030);
        int stop = s.firstStartingAtOrAfter(first, 5_500);

        assertThat(s.ids()[first]).isEqualTo(50);
        assertThat(stop).isEqualTo(55);
        assertThat(s.spanAt(5_030)).isEqualTo(50);
        assertThat(s.spanAt(5_070)).isEqualTo(-1);
    }

    @Test
    void aLongSpanIsFoundEvenWhenLaterSpansEndEarlier() {
        SpanColumn c = new SpanColumn();
        c.add(0, 10_000, 0);
        c.add(100, 200, 1);
        c.add(300, 400, 2);
        SpanColumn.Slice s = c.slice();

        assertThat(s.firstEndingAfter(5_000)).isZero();
        assertThat(s.ids()[s.spanAt(5_000)]).isEqualTo(0);
    }

    @Test
    void anEarlierSpanIsInsertedInOrderWithoutChangingSlicesAlreadyTaken() {
        SpanColumn c = new SpanColumn();
        c.add(100, 150, 0);
        c.add(300, 350, 1);
        SpanColumn.Slice before = c.slice();

        c.add(200, 250, 2);
        SpanColumn.Slice after = c.slice();

        assertThat(before.size()).isEqualTo(2);
        assertThat(before.ids()[1]).isEqualTo(1);
        assertThat(after.size()).isEqualTo(3);
        assertThat(new long[]{after.starts()[0], after.starts()[1], after.starts()[2]}).containsExactly(100, 200, 300);
        assertThat(after.ids()[1]).isEqualTo(2);
        assertThat(after.maxEnds()[2]).isEqualTo(350);
    }

    @Test
    void openAtSearchesOnlyTheGivenIndexRange() {
        SpanColumn c = new SpanColumn();
        for (int i = 0; i < 10; i++) c.add(i * 10L, i * 10L + 5, i);
        SpanColumn.Slice s = c.slice();

        assertThat(s.openAt(0, 10, 42)).isEqualTo(4);
        assertThat(s.openAt(0, 10, 47)).isEqualTo(-1);
        assertThat(s.openAt(5, 10, 42)).isEqualTo(-1);
    }
}
