/**
 * The workbench's Models perspective: the model editor embedded over the user's models store
 * ({@link dev.chronoscope.app.models.ModelsPerspective}), the switch between the Runs and Models
 * perspectives, "re-run with this model" ({@link dev.chronoscope.app.models.RerunWithModels}) and
 * cpu-local calibration through {@code chronoscope calibrate} ({@link dev.chronoscope.app.models.CommandLineCalibration}).
 */
package dev.chronoscope.app.models;
