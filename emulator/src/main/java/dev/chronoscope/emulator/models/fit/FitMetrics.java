package dev.chronoscope.emulator.models.fit;

/**
 * Quality of a fit.
 *
 * @param r2          coefficient of determination on the training samples
 * @param mape        mean absolute percentage error on the training samples, percent
 * @param cvMape      k-fold cross-validated MAPE, percent (NaN when too few samples to fold)
 * @param maxErrorPct largest absolute percentage error on the training samples
 * @param samples     number of samples fitted
 */
public record FitMetrics(double r2, double mape, double cvMape, double maxErrorPct, int samples) {

    static FitMetrics of(double[] measured, double[] predicted, double cvMape) {
        double mean = 0;
        for (double m : measured) mean += m;
        mean /= measured.length;
        double ssRes = 0, ssTot = 0, ape = 0, maxApe = 0;
        for (int i = 0; i < measured.length; i++) {
            double r = measured[i] - predicted[i];
            ssRes += r * r;
            ssTot += (measured[i] - mean) * (measured[i] - mean);
            double e = Math.abs(r) / measured[i];
            ape += e;
            maxApe = Math.max(maxApe, e);
        }
        return new FitMetrics(ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot,
                100 * ape / measured.length, cvMape, 100 * maxApe, measured.length);
    }

    /** Mean absolute percentage error of predictions against measurements, percent. */
    public static double mape(double[] measured, double[] predicted) {
        double s = 0;
        for (int i = 0; i < measured.length; i++) s += Math.abs(predicted[i] - measured[i]) / measured[i];
        return 100 * s / measured.length;
    }
}
