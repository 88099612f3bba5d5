package dev.chronoscope.app.view;

import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** The runs launched in this session, newest last, with their state; selecting one shows it. */
public final class RunListView extends ListView<RunViewModel> {

    public RunListView(WorkbenchViewModel vm) {
        super(vm.runs());
        setId("run-list");
        setPlaceholder(new Label("No runs yet: edit a scenario and launch it."));
        setCellFactory(l -> new RunCell());
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectedRunProperty().set(b);
        });
        vm.selectedRunProperty().addListener((o, a, b) -> getSelectionModel().select(b));
    }

    private static final class RunCell extends ListCell<RunViewModel> {
        private final Label name = new Label();
        private final Label state = new Label();
        private final VBox box = new VBox(2, name, state);
        private final ChangeListener<RunState> onState = (o, a, b) -> showState(b);
        private RunViewModel shown;

        RunCell() {
            state.getStyleClass().add("run-state");
            name.getStyleClass().add("run-name");
        }

        @Override
        protected void updateItem(RunViewModel run, boolean empty) {
            super.updateItem(run, empty);
            if (shown != null) shown.stateProperty().removeListener(onState);
            shown = empty ? null : run;
            if (shown == null) {
                setGraphic(null);
                return;
            }
            name.setText(run.name());
            run.stateProperty().addListener(onState);
            showState(run.state());
            setGraphic(box);
        }

        private void showState(RunState s) {
            state.setText(s.name().toLowerCase(java.util.Locale.ROOT));
            state.getStyleClass().removeIf(c -> c.startsWith("state-"));
            state.getStyleClass().add("state-" + s.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
