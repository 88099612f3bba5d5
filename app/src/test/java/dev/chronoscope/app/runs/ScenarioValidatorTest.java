package dev.chronoscope.app.runs;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioValidatorTest {
    private final ScenarioValidator validator = new ScenarioValidator();

    private static Map<ScenarioField, String> defaultsWith(ScenarioField f, String value) {
        Map<ScenarioField, String> m = new EnumMap<>(ScenarioValidator.fieldsOf(Scenario.defaults()));
        m.put(f, value);
        return m;
    }

    @Test
    void theDefaultsAreValidAndRoundTrip() {
        ScenarioValidator.Result r = validator.validate(ScenarioValidator.fieldsOf(Scenario.defaults()));
        assertThat(r.errors()).isEmpty();
        assertThat(r.scenario()).isEqualTo(Scenario.defaults());
    }

    @Test
    void eachBadFieldGetsAMessageNamingWhatWasExpected() {
        assertThat(validator.validate(defaultsWith(ScenarioField.TENSOR_PARALLEL, "3")).errors())
                .containsExactly(Map.entry(ScenarioField.TENSOR_PARALLEL, "TP 3 must divide the 32 attention heads of llama-3-8b"));
        assertThat(validator.validate(defaultsWith(ScenarioField.PIPELINE_PARALLEL, "5")).errors())
                .containsEntry(ScenarioField.PIPELINE_PARALLEL, "PP 5 must divide the 32 layers of llama-3-8b");
        assertThat(validator.validate(defaultsWith(ScenarioField.BLOCK_SIZE, "24")).errors())
                .containsEntry(ScenarioField.BLOCK_SIZE, "expected one of [8, 16, 32, 64, 128], got 24");
        assertThat(validator.validate(defaultsWith(ScenarioField.GPU_MEMORY_UTILIZATION, "1.5")).errors())
                .containsEntry(ScenarioField.GPU_MEMORY_UTILIZATION, "expected a fraction in (0, 1], got 1.5");
        assertThat(validator.validate(defaultsWith(ScenarioField.REQUEST_RATE, "NaN")).errors())
                .containsEntry(ScenarioField.REQUEST_RATE, "expected a finite number, got 'NaN'");
        assertThat(validator.validate(defaultsWith(ScenarioField.NUM_PROMPTS, "")).errors())
                .containsEntry(ScenarioField.NUM_PROMPTS, "required");
        assertThat(validator.validate(defaultsWith(ScenarioField.MODEL, "gpt-5")).errors().get(ScenarioField.MODEL))
                .startsWith("unknown model 'gpt-5'");
        assertThat(validator.validate(defaultsWith(ScenarioField.MAX_NUM_BATCHED_TOKENS, "100")).errors())
                .containsEntry(ScenarioField.MAX_NUM_BATCHED_TOKENS, "must be at least max num seqs (256)");
    }

    @Test
    void processesMustDivideTheRanks() {
        Map<ScenarioField, String> m = defaultsWith(ScenarioField.TENSOR_PARALLEL, "4");
        m.put(ScenarioField.PROCESSES, "3");
        assertThat(validator.validate(m).errors()).containsEntry(ScenarioField.PROCESSES, "must divide the 4 ranks (TP × PP)");
    }

    @Test
    void anInfiniteRateSendsEverythingAtOnce() {
        ScenarioValidator.Result r = validator.validate(defaultsWith(ScenarioField.REQUEST_RATE, "inf"));
        assertThat(r.scenario().requestRate()).isInfinite();
        assertThat(r.scenario().toEmulateArgs()).containsSequence("--request-rate", "inf");
    }
}
