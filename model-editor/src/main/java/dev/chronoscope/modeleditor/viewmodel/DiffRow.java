package dev.chronoscope.modeleditor.viewmodel;

/** One line of a version diff: a metric or parameter before and after (NaN where a side lacks it). */
public record DiffRow(String name, double before, double after) {}
