package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.imports.NsysImporter;
import dev.chronoscope.emulator.models.imports.SampleFileImporter;
import dev.chronoscope.emulator.models.imports.VidurImporter;
import dev.chronoscope.emulator.models.store.NewSample;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The sample files the editor imports, each read whole and checked before anything is stored. */
public enum SampleSource {
    VIDUR("Vidur profile CSV (mlp.csv, attention.csv, all_reduce.csv, send_recv.csv) or a folder of them", VidurImporter::read),
    NSYS("Nsight Systems SQLite export (nsys export --type sqlite)", NsysImporter::read),
    PROJECT("Chronoscope samples (CSV kernel,duration_ns,… or JSON)", SampleFileImporter::read);

    private final String description;
    private final Function<Path, List<NewSample>> reader;

    SampleSource(String description, Function<Path, List<NewSample>> reader) {
        this.description = description;
        this.reader = reader;
    }

    public String description() { return description; }

    public List<NewSample> read(Path path) { return reader.apply(path); }
}
