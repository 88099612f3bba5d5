package dev.chronoscope.app.viewmodel;

import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.app.runs.ScenarioField;
import dev.chronoscope.app.runs.ScenarioValidator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario editor's state: one text property per field (booleans as "true"/"false"), and an
 * error message per field that updates as the user types.
 */
public final class ScenarioViewModel {
    private final ScenarioValidator validator = new ScenarioValidator();
    private final Map<ScenarioField, StringProperty> values = new EnumMap<>(ScenarioField.class);
    private final Map<ScenarioField, ReadOnlyStringWrapper> errors = new EnumMap<>(ScenarioField.class);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private ScenarioValidator.Result result;

    public ScenarioViewModel() {
        for (ScenarioField f : ScenarioField.values()) {
            values.put(f, new SimpleStringProperty(""));
            errors.put(f, new ReadOnlyStringWrapper(""));
        }
        load(Scenario.defaults());
        values.values().forEach(p -> p.addListener((o, a, b) -> revalidate()));
    }

    public StringProperty value(ScenarioField f) { return values.get(f); }

    /** The message for a wrong field, or "" when it is fine. */
    public ReadOnlyStringProperty error(ScenarioField f) { return errors.get(f).getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }

    /** Fills every field from {@code s}. */
    public void load(Scenario s) {
        ScenarioValidator.fieldsOf(s).forEach((f, v) -> values.get(f).set(v));
        revalidate();
    }

    /** The scenario the fields describe, or empty when some field is wrong. */
    public Optional<Scenario> scenario() {
        return Optional.ofNullable(result.scenario());
    }

    private void revalidate() {
        Map<ScenarioField, String> raw = new EnumMap<>(ScenarioField.class);
        values.forEach((f, p) -> raw.put(f, p.get()));
        result = validator.validate(raw);
        errors.forEach((f, e) -> e.set(result.errors().getOrDefault(f, "")));
        valid.set(result.isValid());
    }
}
