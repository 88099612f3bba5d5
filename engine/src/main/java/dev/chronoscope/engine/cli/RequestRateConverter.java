package dev.chronoscope.engine.cli;

import picocli.CommandLine;

/** Reads a request rate: a positive number, or "inf" as vLLM bench writes it. */
final class RequestRateConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        if (value.equalsIgnoreCase("inf") || value.equalsIgnoreCase("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double rate = Double.parseDouble(value);
            if (rate > 0) {
                return rate;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the explanation below
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a positive number or inf");
    }
}
