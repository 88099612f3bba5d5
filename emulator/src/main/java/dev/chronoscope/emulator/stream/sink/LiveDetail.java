package dev.chronoscope.emulator.stream.sink;

/**
 * How much kernel detail a live subscriber wants. Kernel events are the bulk of a stream; a live
 * view may turn them off or take every n-th kernel of each (rank, stream). Every other event is
 * always sent. {@code kernelEvery}: 0 = no kernels, 1 = all kernels, n = every n-th.
 */
public record LiveDetail(int kernelEvery) {

    public static final LiveDetail ALL = new LiveDetail(1);
    public static final LiveDetail NO_KERNELS = new LiveDetail(0);

    public LiveDetail {
        if (kernelEvery < 0) throw new IllegalArgumentException("kernelEvery must be >= 0 but is " + kernelEvery);
    }

    public static LiveDetail everyNthKernel(int n) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1 but is " + n);
        return new LiveDetail(n);
    }
}
