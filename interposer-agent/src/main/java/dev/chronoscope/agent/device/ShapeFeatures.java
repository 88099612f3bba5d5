package dev.chronoscope.agent.device;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The features of every launch shape seen in this JVM, shared by all its ranks. Tensor-parallel
 * ranks launch equal shapes: sharing one {@link KernelFeatures} (and so one features instance) per
 * shape lets the prediction memo and the kernel store's dictionary match them by identity.
 * Bounded, as prefill shapes vary from step to step. Thread-safe.
 */
final class ShapeFeatures {
    private static final int MAX_SHAPES = 4096;
    private final Map<Map<String, Long>, KernelFeatures> byShape = new ConcurrentHashMap<>();

    KernelFeatures of(Map<String, Long> shape) {
        KernelFeatures f = byShape.get(shape);
        if (f == null) {
            if (byShape.size() >= MAX_SHAPES) byShape.clear();
            // A copy as the key: the engine may reuse and change its shape map after the launch.
            f = byShape.computeIfAbsent(Map.copyOf(shape), KernelFeatures::of);
        }
        return f;
    }
}
