package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kernel models that load beside the agent's start-up: answered once awaited, their failure thrown by the wait. */
class LoadingPredictorTest {
    private static final Features SHAPE = Features.of("num_tokens", 8);

    @Test
    void predictsWithTheLoadedModelsOnceAwaitedAndRefusesBefore() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        LoadingPredictor p = LoadingPredictor.start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return (device, kernel, f) -> new Prediction(42, device + "/" + kernel + "@1", false);
        });
        assertThatThrownBy(() -> p.predict("h100-sxm", "add", SHAPE)).hasMessageContaining("kernel models are still loading");
        release.countDown();
        p.await();
        assertThat(p.predict("h100-sxm", "add", SHAPE)).isEqualTo(new Prediction(42, "h100-sxm/add@1", false));
    }

    @Test
    void aFailureToLoadIsThrownByTheWaitAsLoadingInPlaceWouldHaveThrownIt() {
        LoadingPredictor p = LoadingPredictor.start(() -> {
            throw new IllegalArgumentException("models store /nowhere/models.db is not a chronoscope models store");
        });
        assertThatThrownBy(p::await).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("models store /nowhere/models.db is not a chronoscope models store");
    }
}
