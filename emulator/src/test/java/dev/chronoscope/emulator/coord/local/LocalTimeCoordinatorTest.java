package dev.chronoscope.emulator.coord.local;

import dev.chronoscope.emulator.coord.CollectiveArrival;
import dev.chronoscope.emulator.coord.CollectiveTiming;
import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.GlobalTimeCoordinator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTimeCoordinatorTest {

    private final LocalTimeCoordinator local = new LocalTimeCoordinator((op, bytes, ranks) -> 10 * bytes);

    @Test
    void grantsTheEarliestWakeUpButNeverGoesBack() {
        assertThat(local.awaitGrant(() -> 50)).isEqualTo(50);
        assertThat(local.awaitGrant(() -> 20)).isEqualTo(50);
        assertThat(local.awaitGrant(() -> 70)).isEqualTo(70);
    }

    @Test
    void collectiveCompletesWhenTheLastRankArrives() {
        var first = local.arrive(new CollectiveArrival("tp", "all_reduce", 3, 1, 2, 40));
        assertThat(first).isNotDone();
        var second = local.arrive(new CollectiveArrival("tp", "all_reduce", 3, 0, 2, 25));
        assertThat(first.join()).isEqualTo(new CollectiveTiming(40, 70)).isEqualTo(second.join());
    }

    @Test
    void noWakeUpIsADeadlockNamingPendingCollectives() {
        local.arrive(new CollectiveArrival("tp", "all_gather", 3, 0, 4, 40));
        assertThatThrownBy(() -> local.awaitGrant(() -> GlobalTimeCoordinator.NO_WAKE_UP))
                .isInstanceOf(CoordinationFailure.class)
                .hasMessage("deadlock at virtual time 0 ns: every emulated thread is blocked with no wake-up; "
                        + "pending: collective 'tp' #0 all_gather has 1 of 4 ranks");
    }

    @Test
    void mismatchedArrivalsAreNamed() {
        local.arrive(new CollectiveArrival("tp", "all_reduce", 3, 0, 2, 40));
        assertThatThrownBy(() -> local.arrive(new CollectiveArrival("tp", "all_reduce", 4, 1, 2, 40)))
                .hasMessage("collective 'tp' #0: rank 1 arrived for all_reduce/4 bytes/2 ranks but rank 0 for "
                        + "all_reduce/3 bytes/2 ranks");
    }
}
