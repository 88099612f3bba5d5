package dev.chronoscope.app.fx;

import javafx.scene.Node;

/** Small scene-graph questions shared by the canvas views. */
public final class FxNodes {
    private FxNodes() {}

    /** True when the node and all its parents are visible (a TabPane hides the contents of other tabs). */
    public static boolean isTreeVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) return false;
        }
        return true;
    }
}
