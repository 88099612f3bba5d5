package dev.chronoscope.app.view;

import dev.chronoscope.app.timeline.TimeFormat;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;

import java.util.Locale;

/** State, virtual time, speed and event count of the selected run, and where runs come from. */
public final class StatusBar extends HBox {
    private final Label state = label("status-state");
    private final Label time = label("status-time");
    private final Label speed = label("status-speed");
    private final Label events = label("status-events");
    private final Label source = label("status-source");

    public StatusBar(WorkbenchViewModel vm) {
        super(10);
        getStyleClass().add("status-bar");
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);
        source.setText("runs from: " + vm.launcherDescription());
        Pane grow = new Pane();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(state, new Separator(javafx.geometry.Orientation.VERTICAL), time,
                new Separator(javafx.geometry.Orientation.VERTICAL), speed,
                new Separator(javafx.geometry.Orientation.VERTICAL), events, grow, source);
        vm.selectedRunProperty().addListener((o, a, b) -> show(b));
        show(null);
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        return l;
    }

    private void show(RunViewModel run) {
        state.textProperty().unbind();
        time.textProperty().unbind();
        speed.textProperty().unbind();
        events.textProperty().unbind();
        if (run == null) {
            state.setText("no run selected");
            time.setText("virtual time —");
            speed.setText("speed —");
            events.setText("");
            return;
        }
        state.textProperty().bind(Bindings.createStringBinding(() -> {
            String s = "state: " + run.state().name().toLowerCase(Locale.ROOT);
            long held = run.heldAtProperty().get();
            return held >= 0 && run.state().isLive() ? s + " at " + TimeFormat.format(held) : s;
        }, run.stateProperty(), run.heldAtProperty()));
        time.textProperty().bind(run.virtualTimeProperty().map(t -> "virtual time " + TimeFormat.format(t.doubleValue())));
        speed.textProperty().bind(run.speedProperty().map(s -> String.format(Locale.ROOT, "speed %.2f× (virtual s / wall s)", s.doubleValue())));
        events.textProperty().bind(run.eventsProperty().map(n -> String.format(Locale.ROOT, "%,d events", n.longValue())));
    }
}
