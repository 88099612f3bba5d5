package dev.chronoscope.emulator.models.imports;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.store.NewSample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Vidur's network profiles ({@code all_reduce.csv}, {@code send_recv.csv}, …): medians in ms by message size. */
public final class VidurNetworkImporter {
    private VidurNetworkImporter() {}

    public static List<NewSample> read(Path file) {
        CsvTable t = CsvTable.read(file);
        t.require("size", "num_workers", "devices_per_node");
        String collective = KernelNames.COLLECTIVES.stream().filter(c -> t.has("time_stats." + c + ".median")).findFirst()
                .orElseThrow(() -> new ImportException(file.toString(), 1, null,
                        "no time_stats.<collective>.median column for any of " + KernelNames.COLLECTIVES));
        String column = "time_stats." + collective + ".median";
        String source = "vidur:" + file;
        List<NewSample> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            Features f = Features.of("size", t.number(r, "size", true), "num_workers", t.number(r, "num_workers", true),
                    "devices_per_node", t.number(r, "devices_per_node", true));
            out.add(new NewSample(collective, f, t.number(r, column, true) * 1e6, source));
        }
        return out;
    }
}
