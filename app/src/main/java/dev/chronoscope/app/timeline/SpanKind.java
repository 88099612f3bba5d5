package dev.chronoscope.app.timeline;

/** What a timeline span stands for. */
public enum SpanKind { KERNEL, MEMCPY, HOST_WAIT }
