/** JavaFX views and view-models to inspect, edit, refit and version kernel-duration models (issue #7). */
package dev.chronoscope.modeleditor;
