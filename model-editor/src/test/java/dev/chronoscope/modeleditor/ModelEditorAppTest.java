package dev.chronoscope.modeleditor;

import dev.chronoscope.emulator.models.store.StoreLocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelEditorAppTest {

    @Test void theStoreIsTheUsersUnlessModelsNamesAnother() {
        assertThat(ModelEditorApp.storePath(List.of())).isEqualTo(StoreLocation.defaultPath());
        assertThat(ModelEditorApp.storePath(List.of("--models", "/tmp/m.db"))).isEqualTo(Path.of("/tmp/m.db"));
        assertThat(ModelEditorApp.storePath(List.of("--models=/tmp/n.db"))).isEqualTo(Path.of("/tmp/n.db"));
        assertThatThrownBy(() -> ModelEditorApp.storePath(List.of("--models"))).hasMessageContaining("--models FILE");
    }
}
