package dev.chronoscope.emulator.models;

/**
 * Predicts how long a kernel runs on a device type. Every (device, kernel) gets an answer: a fitted
 * model where one is active, otherwise the roofline default for that device.
 */
public interface KernelPredictor {

    /**
     * @param deviceType catalogue name, e.g. {@code h100-sxm}
     * @param kernel     operator name of DESIGN §8, e.g. {@code mlp_up_proj}, {@code all_reduce}
     * @param features   the launch's shape arguments
     */
    Prediction predict(String deviceType, String kernel, Features features);
}
