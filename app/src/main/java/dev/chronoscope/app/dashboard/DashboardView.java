package dev.chronoscope.app.dashboard;

import dev.chronoscope.app.viewmodel.DashboardViewModel;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.LinkedHashMap;
import java.util.Map;

/** The live dashboard: TilesFX tiles bound to a run's {@link DashboardViewModel}. */
public final class DashboardView extends GridPane {
    private static final int COLUMNS = 4;
    private final Map<String, Tile> tiles = new LinkedHashMap<>();

    public DashboardView(DashboardViewModel vm) {
        getStyleClass().add("dashboard");
        setHgap(10);
        setVgap(10);
        setPadding(new Insets(12));
        number("virtual-time", "Virtual time", "s", 2, vm.virtualSecondsProperty(), "since the run started");
        number("speed", "Speed", "×", 2, vm.speedProperty(), "virtual s per wall s");
        number("req-rate", "Request throughput", "req/s", 2, vm.requestThroughputProperty(), "finished requests");
        number("tok-rate", "Output throughput", "tok/s", 0, vm.outputThroughputProperty(), "generated tokens");
        number("ttft-p50", "TTFT p50", "ms", 1, vm.ttftP50Property(), "time to first token");
        number("ttft-p99", "TTFT p99", "ms", 1, vm.ttftP99Property(), "time to first token");
        number("tpot-p50", "TPOT p50", "ms", 2, vm.tpotP50Property(), "time per output token");
        number("tpot-p99", "TPOT p99", "ms", 2, vm.tpotP99Property(), "time per output token");
        number("running", "Running requests", "", 0, vm.runningProperty(), "in the batch");
        number("waiting", "Waiting requests", "", 0, vm.waitingProperty(), "queued");
        gauge("kv-usage", "KV cache usage", vm.kvUsagePercentProperty());
        gauge("gpu-busy", "GPU busy", vm.gpuBusyPercentProperty());
        int i = 0;
        for (Tile t : tiles.values()) {
            GridPane.setHgrow(t, Priority.ALWAYS);
            GridPane.setVgrow(t, Priority.ALWAYS);
            add(t, i % COLUMNS, i / COLUMNS);
            i++;
        }
    }

    /** The tile with the given id (e.g. "req-rate"), for tests. */
    public Tile tile(String id) { return tiles.get(id); }

    private void number(String id, String title, String unit, int decimals, DoubleProperty value, String description) {
        Tile t = TileBuilder.create().skinType(Tile.SkinType.NUMBER).title(title).unit(unit).decimals(decimals)
                .description(description).prefSize(260, 200).maxSize(Double.MAX_VALUE, Double.MAX_VALUE).build();
        put(id, t, value);
    }

    private void gauge(String id, String title, DoubleProperty value) {
        Tile t = TileBuilder.create().skinType(Tile.SkinType.PERCENTAGE).title(title).unit("%").decimals(1)
                .maxValue(100).prefSize(260, 200).maxSize(Double.MAX_VALUE, Double.MAX_VALUE).build();
        put(id, t, value);
    }

    private void put(String id, Tile t, DoubleProperty value) {
        t.setId("tile-" + id);
        t.setAnimated(false);
        t.setValue(value.get());
        value.addListener((o, a, b) -> t.setValue(b.doubleValue()));
        tiles.put(id, t);
    }
}
