package dev.chronoscope.app.models;

import dev.chronoscope.app.report.MetricDiff;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.app.support.Events;
import dev.chronoscope.app.support.Fx;
import dev.chronoscope.app.support.RecordingLauncher;
import dev.chronoscope.app.task.CurrentThreadTaskExecutor;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.modeleditor.RerunRequest;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.chart.LineChart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The re-run handler over the workbench's view-model with a recording launcher (the RunLauncher seam's test double). */
@ExtendWith(ApplicationExtension.class)
class RerunWithModelsTest {
    private final RecordingLauncher launcher = new RecordingLauncher();
    private final List<List<RunViewModel>> picks = new ArrayList<>();
    private WorkbenchViewModel workbench;
    private RerunWithModels handler;

    @BeforeEach
    void setUp() {
        workbench = new WorkbenchViewModel(launcher, new CurrentThreadTaskExecutor());
        handler = new RerunWithModels(workbench, candidates -> {
            picks.add(candidates);
            return Optional.of(candidates.getFirst());
        });
    }

    /** Feeds requests with these TTFTs and a clean end, then lets the workbench notice. */
    private void finish(EventSink sink, double... ttftMs) {
        Events.requests(ttftMs, 5).forEach(sink::accept);
        sink.accept(new StreamEvent.RunEnd(ttftMs.length * 1_000_000_000L, "ok", ""));
        Fx.call(() -> { workbench.refresh(); return null; });
    }

    private RunViewModel finishedRun(int seed, double... ttftMs) {
        RunViewModel run = Fx.call(() -> workbench.launch(seeded(seed)));
        finish(launcher.sinks.getLast(), ttftMs);
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        return run;
    }

    @Test
    void relaunchesTheSelectedRunsScenarioAndComparesBothRuns() throws Exception {
        RunViewModel original = finishedRun(7, 100, 300);
        Fx.call(() -> { workbench.selectedRunProperty().set(original); return null; });

        CompletableFuture<Node> result = Fx.call(() -> handler.rerun(new RerunRequest(List.of(40L, 41L))).toCompletableFuture());

        assertThat(launcher.launched).hasSize(2);
        assertThat(launcher.launched.get(1)).isEqualTo(original.scenario());
        assertThat(workbench.runs()).hasSize(2);
        RunViewModel rerun = workbench.runs().get(1);
        assertThat(workbench.selectedRun()).isSameAs(rerun);
        assertThat(result).isNotDone();

        finish(launcher.sinks.getLast(), 50, 150);

        Node node = result.get(10, TimeUnit.SECONDS);
        Fx.call(() -> { // skins (the report's scroll pane content) exist once the node is styled in a scene
            new Scene((Parent) node, 1200, 900);
            node.applyCss();
            return null;
        });
        assertThat(Fx.call(() -> ((Label) node.lookup("#rerun-title")).getText()))
                .isEqualTo("Re-run " + rerun.name() + " (B) of " + original.name() + " (A) with the newly active model versions #40, #41");
        @SuppressWarnings("unchecked")
        TableView<MetricDiff> diff = (TableView<MetricDiff>) node.lookup("#report-diff");
        MetricDiff ttft = diff.getItems().stream().filter(d -> d.metric().equals("Mean TTFT (ms)")).findFirst().orElseThrow();
        assertThat(ttft.a()).isEqualTo(200.0);
        assertThat(ttft.b()).isEqualTo(100.0);
        assertThat(ttft.improved()).isTrue();
        List<String> series = Fx.call(() -> ((Parent) node).lookupAll(".chart").stream()
                .filter(LineChart.class::isInstance).flatMap(c -> ((LineChart<?, ?>) c).getData().stream()).map(s -> s.getName()).toList());
        assertThat(series).containsExactly("A (original)", "B (re-run)", "A (original)", "B (re-run)", "A (original)", "B (re-run)");
    }

    @Test
    void withNoRunSelectedTheUserPicksAFinishedRun() throws Exception {
        RunViewModel first = finishedRun(1, 100);
        Fx.call(() -> workbench.launch(seeded(2))); // still running: not offered
        Fx.call(() -> { workbench.selectedRunProperty().set(null); return null; });

        CompletableFuture<Node> result = Fx.call(() -> handler.rerun(new RerunRequest(List.of(3L))).toCompletableFuture());

        assertThat(picks).containsExactly(List.of(first));
        assertThat(launcher.launched.getLast().seed()).isEqualTo(1);
        finish(launcher.sinks.getLast(), 80);
        assertThat(result.get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void refusesWhatCannotBeCompared() {
        assertThat(failure(new RerunRequest(List.of(1L))))
                .isEqualTo("no finished run to re-run: launch one in the Runs perspective first");

        RunViewModel running = Fx.call(() -> workbench.launch(Scenario.defaults()));
        assertThat(failure(new RerunRequest(List.of(1L))))
                .isEqualTo("run " + running.name() + " is still running; re-run it once it has finished, or select a finished run in the Runs perspective");
        assertThat(launcher.launched).hasSize(1);
    }

    @Test
    void aFailedRerunFailsTheRequestWithItsError() throws Exception {
        RunViewModel original = finishedRun(7, 100);
        Fx.call(() -> { workbench.selectedRunProperty().set(original); return null; });
        CompletableFuture<Node> result = Fx.call(() -> handler.rerun(new RerunRequest(List.of(5L))).toCompletableFuture());

        launcher.sinks.getLast().accept(new StreamEvent.RunEnd(5, "error", "no model store at /nowhere"));
        Fx.call(() -> { workbench.refresh(); return null; });

        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().hasMessage("the re-run " + workbench.runs().getLast().name() + " failed: no model store at /nowhere");
    }

    private static Scenario seeded(long seed) {
        Scenario d = Scenario.defaults();
        return new Scenario(d.model(), d.gpu(), d.tensorParallel(), d.pipelineParallel(), d.maxNumSeqs(), d.maxNumBatchedTokens(),
                d.blockSize(), d.gpuMemoryUtilization(), d.prefixCaching(), d.chunkedPrefill(), d.dataset(), d.requestRate(),
                d.burstiness(), d.numPrompts(), seed, d.timeMode(), d.processes());
    }

    private String failure(RerunRequest request) {
        CompletableFuture<Node> f = Fx.call(() -> handler.rerun(request).toCompletableFuture());
        assertThat(f).isCompletedExceptionally();
        return f.handle((n, e) -> e.getMessage()).join();
    }
}
