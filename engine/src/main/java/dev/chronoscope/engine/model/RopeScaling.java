package dev.chronoscope.engine.model;

/**
 * HuggingFace {@code rope_scaling}: {@code default} (none), {@code linear} (positions divided by
 * {@code factor}) or {@code llama3} (Llama 3.1's frequency-dependent scaling).
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings) {

    public static final RopeScaling NONE = new RopeScaling("default", 1.0, 0, 0, 0);

    public static RopeScaling linear(double factor) { return new RopeScaling("linear", factor, 0, 0, 0); }

    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {
        return new RopeScaling("llama3", factor, lowFreqFactor, highFreqFactor, originalMaxPositions);
    }

    /**
     * The rotary inverse frequencies {@code 1/theta^(2i/headDim)} for {@code i < headDim/2}, with
     * this scaling applied (the same computation as transformers' {@code ROPE_INIT_FUNCTIONS}).
     */
    public double[] inverseFrequencies(int headDim, double theta) {
        double[] inv = new double[headDim / 2];
        for (int i = 0; i < inv.length; i++) inv[i] = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
        switch (type) {
            case "default" -> { }
            case "linear" -> { for (int i = 0; i < inv.length; i++) inv[i] /= factor; }
            case "llama3" -> applyLlama3(inv);
            default -> throw new IllegalArgumentException("unsupported rope_scaling type '" + type + "'");
        }
        return inv;
    }

    private void applyLlama3(double[] inv) {
        double lowFreqWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
        double highFreqWavelen = originalMaxPositionEmbeddings / highFreqFactor;
        for (int i = 0; i < inv.length; i++) {
            double wavelen = 2 * Math.PI / inv[i];
            if (wavelen < highFreqWavelen) continue;
            if (wavelen > lowFreqWavelen) {
                inv[i] = inv[i] / factor;
            } else {
                double smooth = (originalMaxPositionEmbeddings / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                inv[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
            }
        }
    }

    /** The RoPE kernel's table: row {@code p} holds {@code cos(p·invFreq[i])} then {@code sin(p·invFreq[i])}, {@code headDim} floats. */
    public static float[] cosSinTable(double[] invFreq, int maxPositions) {
        int half = invFreq.length;
        float[] table = new float[maxPositions * 2 * half];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * invFreq[i];
                table[p * 2 * half + i] = (float) Math.cos(angle);
                table[p * 2 * half + half + i] = (float) Math.sin(angle);
            }
        }
        return table;
    }
}
