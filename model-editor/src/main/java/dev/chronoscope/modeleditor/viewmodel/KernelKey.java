package dev.chronoscope.modeleditor.viewmodel;

/** One (device, kernel) of the store, e.g. (h100-sxm, mlp_up_proj). */
public record KernelKey(String device, String kernel) {
    @Override public String toString() { return device + "/" + kernel; }
}
