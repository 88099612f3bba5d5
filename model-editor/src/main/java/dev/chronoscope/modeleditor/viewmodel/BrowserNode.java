package dev.chronoscope.modeleditor.viewmodel;

import java.util.List;

/** A browser row and the rows under it (device → kernels → versions). */
public record BrowserNode(BrowserRow row, List<BrowserNode> children) {
    public BrowserNode {
        children = List.copyOf(children);
    }
}
