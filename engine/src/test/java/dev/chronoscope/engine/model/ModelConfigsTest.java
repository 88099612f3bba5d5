package dev.chronoscope.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigsTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path p = dir.resolve("config.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void presetsCarryHuggingFaceValues() {
        ModelConfig l3 = ModelConfigs.resolve("llama-3-8b");
        assertThat(l3.hiddenSize()).isEqualTo(4096);
        assertThat(l3.numKeyValueHeads()).isEqualTo(8);
        assertThat(l3.intermediateSize()).isEqualTo(14336);
        assertThat(l3.vocabSize()).isEqualTo(128256);
        assertThat(l3.ropeTheta()).isEqualTo(500000.0);
        ModelConfig l70 = ModelConfigs.resolve("llama-2-70b");
        assertThat(l70.parameterCount()).isBetween(68_900_000_000L, 69_100_000_000L);
        assertThat(ModelConfigs.resolve("qwen2-7b").attentionBias()).isTrue();
        assertThat(ModelConfigs.resolve("qwen2-7b").parameterCount()).isBetween(7_600_000_000L, 7_650_000_000L);
        assertThat(ModelConfigs.presetNames()).contains("tiny", "llama-2-7b", "llama-3-70b", "codellama-34b", "mistral-7b");
    }

    @Test
    void readsAHuggingFaceConfigWithLlama3RopeScaling() throws IOException {
        Path p = write("""
                {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 2048,
                 "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8,
                 "intermediate_size": 8192, "vocab_size": 128256, "max_position_embeddings": 131072,
                 "rope_theta": 500000.0, "rms_norm_eps": 1e-05, "tie_word_embeddings": true, "torch_dtype": "bfloat16",
                 "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"}}
                """);
        ModelConfig c = ModelConfigs.resolve(p.toString());
        assertThat(c.name()).isEqualTo(dir.getFileName().toString());
        assertThat(c.headDim()).isEqualTo(64);
        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(c.ropeScaling()).isEqualTo(RopeScaling.llama3(32.0, 1.0, 4.0, 8192));
        assertThat(ModelConfigs.resolve(dir.toString())).isEqualTo(c);
    }

    @Test
    void aBadFieldIsNamed() throws IOException {
        Path p = write("""
                {"hidden_size": 256, "num_hidden_layers": 2, "num_attention_heads": "eight",
                 "intermediate_size": 512, "vocab_size": 512}
                """);
        assertThatThrownBy(() -> ModelConfigs.fromHuggingFace(p))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("config.json")
                .hasMessageContaining("'num_attention_heads'")
                .hasMessageContaining("\"eight\"");
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        Path p = write("{\"hidden_size\": 256, \"num_hidden_layers\": 2, \"num_attention_heads\": 8, \"vocab_size\": 512}");
        assertThatThrownBy(() -> ModelConfigs.fromHuggingFace(p)).hasMessageContaining("missing required field 'intermediate_size'");
    }

    @Test
    void aBadRopeScalingFieldIsNamed() throws IOException {
        Path p = write("""
                {"hidden_size": 256, "num_hidden_layers": 2, "num_attention_heads": 8, "intermediate_size": 512,
                 "vocab_size": 512, "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                 "high_freq_factor": -4.0, "original_max_position_embeddings": 8192}}
                """);
        assertThatThrownBy(() -> ModelConfigs.fromHuggingFace(p)).hasMessageContaining("'rope_scaling.high_freq_factor'");
    }

    @Test
    void headsThatDoNotDivideAreReported() throws IOException {
        Path p = write("{\"hidden_size\": 256, \"num_hidden_layers\": 2, \"num_attention_heads\": 8, "
                + "\"num_key_value_heads\": 3, \"intermediate_size\": 512, \"vocab_size\": 512}");
        assertThatThrownBy(() -> ModelConfigs.fromHuggingFace(p)).hasMessageContaining("'num_key_value_heads' (3)");
    }

    @Test
    void invalidJsonReportsTheLine() throws IOException {
        Path p = write("{\n  \"hidden_size\": 256,\n  \"num_hidden_layers\": ,\n}");
        assertThatThrownBy(() -> ModelConfigs.fromHuggingFace(p)).hasMessageContaining("line 3");
    }

    @Test
    void unknownNameListsPresets() {
        assertThatThrownBy(() -> ModelConfigs.resolve("llama-9-1t")).hasMessageContaining("llama-9-1t").hasMessageContaining("tiny");
    }

    @Test
    void tensorParallelMustDivideHeads() {
        assertThatThrownBy(() -> new Sharding(3, 1, 0, 0).validateFor(ModelConfigs.TINY))
                .hasMessageContaining("num_attention_heads");
    }
}
