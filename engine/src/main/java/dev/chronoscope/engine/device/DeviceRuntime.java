package dev.chronoscope.engine.device;

import java.util.Map;

/**
 * The engine's only way to a device: the analogue of libcudart + cuBLAS + NCCL. Calls that take a
 * stream are asynchronous (they enqueue work and return) unless said otherwise; the blocking ones
 * are the device→host copies and the synchronize calls. This is the interception seam: an agent
 * that replaces these methods replaces the device.
 */
public interface DeviceRuntime extends AutoCloseable {

    DeviceProperties properties();

    MemoryInfo memoryInfo();

    /** Allocates {@code count} elements of {@code dtype}; throws {@link DeviceOutOfMemoryError} when they do not fit. */
    DevicePtr malloc(DType dtype, long count);

    void free(DevicePtr ptr);

    Stream createStream();

    /** Enqueues a copy of host data (staged at call time, so the host array may be reused at once). */
    void copyHostToDevice(float[] src, int srcOffset, DevicePtr dst, int count, Stream stream);

    void copyHostToDevice(int[] src, int srcOffset, DevicePtr dst, int count, Stream stream);

    void copyHostToDevice(long[] src, int srcOffset, DevicePtr dst, int count, Stream stream);

    /** Blocking: waits for the stream's earlier work, then copies device data into {@code dst}. */
    void copyDeviceToHost(DevicePtr src, float[] dst, int dstOffset, int count, Stream stream);

    void copyDeviceToHost(DevicePtr src, int[] dst, int dstOffset, int count, Stream stream);

    void fill(DevicePtr dst, FillSpec spec, Stream stream);

    void launch(KernelLaunch kernel, Stream stream);

    Event createEvent();

    void recordEvent(Event event, Stream stream);

    /** Makes later work on {@code stream} wait until {@code event}'s recorded point has completed. */
    void streamWaitEvent(Stream stream, Event event);

    void synchronizeEvent(Event event);

    void synchronizeStream(Stream stream);

    void synchronizeDevice();

    /** Starts recording kernel launches, fills and collectives on {@code stream} instead of running them. */
    void beginCapture(Stream stream);

    Graph endCapture(Stream stream);

    /**
     * Enqueues a captured graph. {@code dynamicShape} replaces data-dependent shape arguments (such
     * as {@code sum_kv} of decode attention) of the captured kernels that have them, as a graph's
     * node parameters can be updated before a launch; the buffers are those captured.
     */
    void replayGraph(Graph graph, Map<String, Long> dynamicShape, Stream stream);

    void destroyGraph(Graph graph);

    /** Joins a collective group ({@code ncclCommInitRank}); the transport knows this rank and the group size. */
    Communicator initCommunicator(CollectiveTransport transport);

    void allReduce(Communicator comm, DevicePtr buffer, Stream stream);

    void allGather(Communicator comm, DevicePtr send, DevicePtr recv, Stream stream);

    void send(Communicator comm, DevicePtr buffer, int peer, Stream stream);

    void recv(Communicator comm, DevicePtr buffer, int peer, Stream stream);

    /** Waits for outstanding work, frees all memory and stops the device's threads. */
    @Override
    void close();
}
