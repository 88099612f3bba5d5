package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.store.KernelEntry;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.task.TaskExecutor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model browser: every device of the catalogue and of the store, each with every kernel it
 * can run (fitted, or on its roofline default), each with its versions and their metrics.
 */
public final class BrowserViewModel {
    private final ModelStore store;
    private final TaskExecutor executor;
    private final Feedback feedback;
    private final ReadOnlyObjectWrapper<List<BrowserNode>> devices = new ReadOnlyObjectWrapper<>(List.of());

    BrowserViewModel(ModelStore store, TaskExecutor executor, Feedback feedback) {
        this.store = store;
        this.executor = executor;
        this.feedback = feedback;
    }

    /** The device nodes; replaced as a whole after each change to the store. */
    public ReadOnlyObjectProperty<List<BrowserNode>> devicesProperty() { return devices.getReadOnlyProperty(); }

    public List<BrowserNode> devices() { return devices.get(); }

    public void refresh() {
        executor.submit("Reading the models store", ctx -> build(store.kernels(), store.allVersions()), devices::set,
                e -> feedback.error("Reading the models store", e));
    }

    static List<BrowserNode> build(List<KernelEntry> kernels, List<ModelVersion> versions) {
        Map<KernelKey, List<ModelVersion>> byKernel = new HashMap<>();
        for (ModelVersion v : versions) byKernel.computeIfAbsent(new KernelKey(v.device(), v.kernel()), k -> new ArrayList<>()).add(v);
        Map<String, Map<String, KernelEntry>> byDevice = new TreeMap<>();
        for (RooflineSpec spec : BuiltInDeviceSpecs.ALL) {
            Map<String, KernelEntry> ks = byDevice.computeIfAbsent(spec.device(), d -> new TreeMap<>());
            for (String k : KernelNames.all()) ks.put(k, new KernelEntry(spec.device(), k, 0, 0, 0, 0));
        }
        for (KernelEntry e : kernels) byDevice.computeIfAbsent(e.device(), d -> new TreeMap<>()).put(e.kernel(), e);
        List<BrowserNode> out = new ArrayList<>();
        byDevice.forEach((device, ks) -> {
            List<BrowserNode> kernelNodes = new ArrayList<>();
            int fitted = 0;
            for (KernelEntry e : ks.values()) {
                List<ModelVersion> vs = byKernel.getOrDefault(new KernelKey(device, e.kernel()), List.of());
                ModelVersion active = vs.stream().filter(v -> v.id() == e.activeVersion()).findFirst().orElse(null);
                if (active != null) fitted++;
                List<BrowserNode> versionNodes = new ArrayList<>();
                for (ModelVersion v : vs.reversed()) {
                    versionNodes.add(new BrowserNode(new BrowserRow(BrowserRow.Kind.VERSION, device, e.kernel(), v, v.metrics().samples(), e.samples(),
                            (v.id() == e.activeVersion() ? "active · " : "") + v.author()), List.of()));
                }
                String status = active != null ? "active v" + active.id() : "roofline default";
                if (e.excluded() > 0) status += " · " + e.excluded() + " excl.";
                kernelNodes.add(new BrowserNode(new BrowserRow(BrowserRow.Kind.KERNEL, device, e.kernel(), active,
                        active != null ? active.metrics().samples() : 0, e.samples(), status), versionNodes));
            }
            String status = fitted + " fitted, " + (ks.size() - fitted) + " roofline";
            out.add(new BrowserNode(new BrowserRow(BrowserRow.Kind.DEVICE, device, null, null, 0, 0, status), kernelNodes));
        });
        return out;
    }

    /** The kernel rows whose predictions come from the roofline default only, as device/kernel. */
    public List<KernelKey> rooflineOnly() {
        List<KernelKey> out = new ArrayList<>();
        for (BrowserNode d : devices.get()) for (BrowserNode k : d.children()) if (k.row().rooflineOnly()) out.add(k.row().key());
        return out;
    }
}
