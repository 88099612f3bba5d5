package dev.chronoscope.engine.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A HuggingFace checkpoint: one .safetensors file, or every .safetensors file of a directory. */
public final class Checkpoint {
    private final Path location;
    private final Map<String, SafetensorsFile> byTensor = new HashMap<>();

    private Checkpoint(Path location, List<SafetensorsFile> files) {
        this.location = location;
        for (SafetensorsFile f : files) for (String name : f.entries().keySet()) byTensor.put(name, f);
    }

    public static Checkpoint open(Path location) {
        if (Files.isRegularFile(location)) return new Checkpoint(location, List.of(SafetensorsFile.open(location)));
        if (!Files.isDirectory(location)) throw new ModelConfigException(location + ": no such safetensors file or directory");
        try (Stream<Path> files = Files.list(location)) {
            List<SafetensorsFile> opened = files.filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .sorted().map(SafetensorsFile::open).toList();
            if (opened.isEmpty()) throw new ModelConfigException(location + ": no .safetensors files");
            return new Checkpoint(location, opened);
        } catch (IOException e) {
            throw new ModelConfigException(location + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** The named tensor, checked against the shape the model expects. */
    public float[] read(String name, long[] expectedShape) {
        SafetensorsFile file = byTensor.get(name);
        if (file == null) throw new ModelConfigException(location + ": checkpoint has no tensor '" + name + "'");
        SafetensorsFile.Entry e = file.entries().get(name);
        if (!java.util.Arrays.equals(e.shape(), expectedShape)) {
            throw new ModelConfigException(file.path() + ": tensor '" + name + "' has shape " + java.util.Arrays.toString(e.shape())
                    + ", the model expects " + java.util.Arrays.toString(expectedShape));
        }
        return file.read(name);
    }
}
