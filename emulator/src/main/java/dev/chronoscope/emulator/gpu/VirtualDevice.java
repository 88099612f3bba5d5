package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.CopyKind;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One virtual GPU (one rank): the CUDA runtime calls serving code makes, in virtual time (DESIGN §6).
 * A launch at host time t on stream s starts at max(t + launch latency, tail(s)), ends after its
 * predicted duration, and the host continues at once. Synchronising calls block the host thread
 * until the virtual completion time (the time jump). Memory is accounted, never allocated.
 */
public final class VirtualDevice {
    final VirtualCluster cluster;
    private final int rank;
    private final int deviceIndex;
    private final DeviceMemory memory;
    final StreamPlacement placement;
    private final VirtualStream defaultStream;
    private int nextStreamId;
    private int nextEventId;

    VirtualDevice(VirtualCluster cluster, int rank, int processId) {
        this.cluster = cluster;
        this.rank = rank;
        DeviceSpec spec = cluster.spec();
        this.deviceIndex = rank % spec.interconnect().devicesPerNode();
        this.memory = new DeviceMemory(spec.memoryBytes());
        this.placement = new StreamPlacement(cluster, rank);
        long now = cluster.clock.now();
        cluster.emit(new StreamEvent.RankRegistered(now, rank, processId, spec.name(), deviceIndex, spec.memoryBytes()));
        this.defaultStream = newStream("default", now);
    }

    public int rank() { return rank; }

    /** The device's index within its node ("GPU N" in messages). */
    public int deviceIndex() { return deviceIndex; }

    public DeviceSpec spec() { return cluster.spec(); }

    /** The stream work goes to when none is named (stream 0). It cannot be destroyed. */
    public VirtualStream defaultStream() { return defaultStream; }

    // ---- memory ------------------------------------------------------------------------------

    /**
     * cudaMalloc: accounts {@code bytes} against capacity and returns a device pointer.
     *
     * @param tag what the memory is for (e.g. "weights", "kv_cache"), carried on the memory event
     * @throws CudaOutOfMemoryException when it does not fit; nothing is allocated then
     */
    public long malloc(long bytes, String tag) {
        cluster.lock.lock();
        try {
            long pointer = memory.allocate(bytes, tag == null ? "" : tag, deviceIndex);
            cluster.emit(new StreamEvent.Memory(cluster.clock.now(), rank, bytes, memory.inUse(), tag == null ? "" : tag));
            return pointer;
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaFree. Freeing the null pointer (0) does nothing, as in CUDA. */
    public void free(long pointer) {
        if (pointer == 0) return;
        cluster.lock.lock();
        try {
            DeviceMemory.Allocation a = memory.release(pointer, rank);
            cluster.emit(new StreamEvent.Memory(cluster.clock.now(), rank, -a.bytes(), memory.inUse(), a.tag()));
        } finally {
            cluster.lock.unlock();
        }
    }

    public long memoryCapacity() { return memory.capacity(); }

    public long memoryInUse() {
        cluster.lock.lock();
        try {
            return memory.inUse();
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaMemGetInfo's free bytes. */
    public long memoryFree() { return memoryCapacity() - memoryInUse(); }

    // ---- streams -----------------------------------------------------------------------------

    /** cudaStreamCreate. */
    public VirtualStream createStream(String name) {
        cluster.lock.lock();
        try {
            return newStream(name == null || name.isBlank() ? "stream" : name, cluster.clock.now());
        } finally {
            cluster.lock.unlock();
        }
    }

    private VirtualStream newStream(String name, long now) {
        VirtualStream s = new VirtualStream(this, nextStreamId++, name);
        placement.add(s);
        cluster.emit(new StreamEvent.StreamRegistered(now, rank, s.id, name));
        return s;
    }

    /** cudaStreamDestroy: later use of the stream fails; work already queued still runs. */
    public void destroyStream(VirtualStream stream) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            if (stream == defaultStream) {
                throw new CudaException(CudaError.cudaErrorInvalidValue, "the default stream of rank " + rank + " cannot be destroyed");
            }
            stream.destroyed = true;
            placement.retireIfDone(stream);
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaStreamQuery: whether all work on the stream has finished by the caller's virtual now. */
    public boolean isComplete(VirtualStream stream) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            return stream.placedEverything() && stream.tail <= cluster.clock.now();
        } finally {
            cluster.lock.unlock();
        }
    }

    // ---- kernels and copies --------------------------------------------------------------------

    /**
     * cudaLaunchKernel: places {@code kernel} with shape {@code features} on the stream (or records it
     * when the stream is capturing a graph). Returns at once.
     */
    public void launch(VirtualStream stream, String kernel, Features features) {
        if (kernel == null || features == null) throw new IllegalArgumentException("kernel launch needs a kernel name and features");
        cluster.lock.lock();
        try {
            requireUsable(stream);
            Prediction p = cluster.predictions.get(kernel, features);
            if (stream.capturing()) {
                stream.capture.add(new GraphNode.Kernel(kernel, features, p));
            } else {
                placement.launch(stream, cluster.clock.now(), kernel, features, p, StreamEvent.Kernel.NO_GRAPH);
            }
        } finally {
            cluster.lock.unlock();
        }
    }

    /** A batch of this device's kernels to replay with {@link #launch(VirtualStream, KernelBatch)}. */
    public KernelBatch batch(List<String> kernels, List<Features> features) {
        return new KernelBatch(this, kernels, features);
    }

    /**
     * Launches every kernel of {@code batch} in order, as part of one graph launch: they share the
     * host time of this call, and each is placed as {@link #launch(VirtualStream, String, Features)}
     * would place it at that time.
     */
    public void launch(VirtualStream stream, KernelBatch batch) {
        if (batch == null || batch.device != this) {
            throw new CudaException(CudaError.cudaErrorInvalidValue, "kernel batch " + (batch == null ? "null" : "of rank " + batch.device.rank)
                    + " cannot be launched on rank " + rank);
        }
        cluster.lock.lock();
        try {
            requireUsable(stream);
            requireNotCapturing(stream, "a kernel batch launch");
            long host = cluster.clock.now();
            for (int i = 0, n = batch.size(); i < n; i++) {
                placement.launch(stream, host, batch.kernel(i), batch.features(i), batch.prediction(i, cluster.predictions), StreamEvent.Kernel.NO_GRAPH);
            }
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaMemcpyAsync: queues a copy of {@code bytes}; host↔device copies run at PCIe speed, device→device at memory speed. */
    public void memcpyAsync(VirtualStream stream, CopyKind kind, long bytes) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            if (kind == null) throw new CudaException(CudaError.cudaErrorInvalidValue, "memcpy on " + stream.describe() + ": copy kind is required");
            if (bytes < 0) {
                throw new CudaException(CudaError.cudaErrorInvalidValue, "memcpy on " + stream.describe() + ": size must be ≥ 0 bytes but was " + bytes);
            }
            requireNotCapturing(stream, "memcpy");
            placement.submit(stream, new StreamOp.Copy(cluster.clock.now(), kind, bytes));
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaMemcpy: the copy, then the host waits for it (and all work before it on the stream). */
    public void memcpy(VirtualStream stream, CopyKind kind, long bytes) throws InterruptedException {
        memcpyAsync(stream, kind, bytes);
        synchronize(stream, "memcpy_" + (kind == CopyKind.DEVICE_TO_HOST ? "d2h" : kind == CopyKind.HOST_TO_DEVICE ? "h2d" : "d2d"));
    }

    // ---- events ------------------------------------------------------------------------------

    /** cudaEventCreate. */
    public VirtualEvent createEvent() {
        cluster.lock.lock();
        try {
            return new VirtualEvent(this, nextEventId++);
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaEventRecord: the event completes when the stream's work so far has (and no earlier than the call + launch latency). */
    public void record(VirtualEvent event, VirtualStream stream) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            requireUsable(event);
            requireNotCapturing(stream, "cudaEventRecord");
            VirtualEvent.Completion c = new VirtualEvent.Completion();
            event.latest = c;
            placement.submit(stream, new StreamOp.Record(cluster.clock.now(), c));
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaStreamWaitEvent: later work on {@code stream} starts after the event's latest record completes. */
    public void waitEvent(VirtualStream stream, VirtualEvent event) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            requireUsableAnywhere(event);
            requireNotCapturing(stream, "cudaStreamWaitEvent");
            if (event.latest != null) placement.submit(stream, new StreamOp.Wait(cluster.clock.now(), event.latest));
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaEventQuery: whether the latest record has completed by the caller's virtual now (true if never recorded). */
    public boolean isComplete(VirtualEvent event) {
        cluster.lock.lock();
        try {
            requireUsable(event);
            VirtualEvent.Completion c = event.latest;
            return c == null || (c.placed && c.time <= cluster.clock.now());
        } finally {
            cluster.lock.unlock();
        }
    }

    /**
     * cudaEventElapsedTime in nanoseconds: end's completion minus start's.
     *
     * @throws CudaException cudaErrorInvalidResourceHandle if either was never recorded, cudaErrorNotReady
     *                       if either has not completed yet by the caller's virtual now
     */
    public long elapsedNanos(VirtualEvent start, VirtualEvent end) {
        cluster.lock.lock();
        try {
            return completedAt(end) - completedAt(start);
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaEventElapsedTime: milliseconds, as a float like CUDA's. */
    public float elapsedMillis(VirtualEvent start, VirtualEvent end) {
        return elapsedNanos(start, end) / 1e6f;
    }

    private long completedAt(VirtualEvent event) {
        requireUsable(event);
        VirtualEvent.Completion c = event.latest;
        if (c == null) {
            throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, event.describe() + " was never recorded");
        }
        if (!c.placed || c.time > cluster.clock.now()) {
            throw new CudaException(CudaError.cudaErrorNotReady, event.describe() + " has not completed yet; synchronise on it first");
        }
        return c.time;
    }

    /** cudaEventDestroy. */
    public void destroyEvent(VirtualEvent event) {
        cluster.lock.lock();
        try {
            requireUsable(event);
            event.destroyed = true;
        } finally {
            cluster.lock.unlock();
        }
    }

    // ---- synchronisation: the time jump ---------------------------------------------------------

    /** cudaStreamSynchronize: blocks until the stream's work has completed in virtual time. */
    public void synchronize(VirtualStream stream) throws InterruptedException {
        synchronize(stream, "stream_sync");
    }

    private void synchronize(VirtualStream stream, String cause) throws InterruptedException {
        long target;
        cluster.lock.lock();
        try {
            requireUsable(stream);
            requireNotCapturing(stream, "cudaStreamSynchronize");
            long from = cluster.clock.now();
            awaitPlaced(stream::placedEverything);
            target = wokenAfter(from, stream.tail);
            recordJump(from, target, cause);
        } finally {
            cluster.lock.unlock();
        }
        cluster.clock.sleepUntil(target);
    }

    /** When a host that started waiting at {@code from} for work done at {@code done} runs again: at once if it was done. */
    private long wokenAfter(long from, long done) {
        return done > from ? done + cluster.syncLatencyNanos : done;
    }

    /** cudaEventSynchronize: blocks until the event's latest record has completed (at once if never recorded). */
    public void synchronize(VirtualEvent event) throws InterruptedException {
        long target;
        cluster.lock.lock();
        try {
            requireUsable(event);
            long from = cluster.clock.now();
            VirtualEvent.Completion c = event.latest;
            if (c == null) return;
            awaitPlaced(() -> c.placed);
            target = wokenAfter(from, c.time);
            recordJump(from, target, "event_sync");
        } finally {
            cluster.lock.unlock();
        }
        cluster.clock.sleepUntil(target);
    }

    /** cudaDeviceSynchronize: blocks until every stream of this device has completed. */
    public void synchronizeDevice() throws InterruptedException {
        long target;
        cluster.lock.lock();
        try {
            for (VirtualStream s : placement.streams()) requireNotCapturing(s, "cudaDeviceSynchronize");
            long from = cluster.clock.now();
            awaitPlaced(placement::everythingPlaced);
            target = wokenAfter(from, placement.latestEnd());
            recordJump(from, target, "device_sync");
        } finally {
            cluster.lock.unlock();
        }
        cluster.clock.sleepUntil(target);
    }

    /** Parks the host thread (releasing the lock) until queued work behind a collective has been placed. */
    private void awaitPlaced(BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) cluster.placed.await();
    }

    private void recordJump(long from, long to, String cause) {
        if (to > from) cluster.emit(new StreamEvent.TimeJump(from, to, rank, Thread.currentThread().getName(), cause));
    }

    // ---- graphs ------------------------------------------------------------------------------

    /** cudaStreamBeginCapture: launches on the stream are recorded into a graph instead of placed. */
    public void beginCapture(VirtualStream stream) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            if (stream.capturing()) {
                throw new CudaException(CudaError.cudaErrorIllegalState, stream.describe() + " is already capturing a graph");
            }
            stream.startCapture();
        } finally {
            cluster.lock.unlock();
        }
    }

    /** cudaStreamEndCapture + cudaGraphInstantiate: the captured launches as a replayable graph. */
    public VirtualGraph endCapture(VirtualStream stream) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            if (!stream.capturing()) {
                throw new CudaException(CudaError.cudaErrorIllegalState, stream.describe() + " is not capturing a graph");
            }
            VirtualGraph g = new VirtualGraph(this, cluster.nextGraphId(), stream.capture);
            stream.capture = null;
            return g;
        } finally {
            cluster.lock.unlock();
        }
    }

    /**
     * cudaGraphLaunch: places every captured launch back to back behind one launch latency, as a
     * graph saves the per-kernel launch cost. Kernel events carry the graph's id.
     */
    public void launchGraph(VirtualGraph graph, VirtualStream stream) {
        cluster.lock.lock();
        try {
            requireUsable(stream);
            if (graph == null || graph.device != this) {
                throw new CudaException(CudaError.cudaErrorInvalidValue, "graph " + (graph == null ? "null" : graph.id + " of rank " + graph.device.rank)
                        + " cannot be launched on rank " + rank);
            }
            requireNotCapturing(stream, "cudaGraphLaunch");
            long host = cluster.clock.now();
            for (GraphNode node : graph.nodes) {
                switch (node) {
                    case GraphNode.Kernel k -> placement.launch(stream, host, k.kernel(), k.features(), k.prediction(), graph.id);
                    case GraphNode.Collective c -> c.communicator().submit(stream, c.op(), c.bytes(), c.peer(), host);
                }
            }
            cluster.drainIfUnblocked();
        } finally {
            cluster.lock.unlock();
        }
    }

    // ---- validation --------------------------------------------------------------------------

    void requireUsable(VirtualStream stream) {
        if (stream == null) throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, "no stream given (null) on rank " + rank);
        if (stream.device != this) {
            throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, stream.describe() + " cannot be used on rank " + rank);
        }
        if (stream.destroyed) {
            throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, stream.describe() + " was destroyed; create a new stream");
        }
    }

    private void requireUsable(VirtualEvent event) {
        requireUsableAnywhere(event);
        if (event.device != this) {
            throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, event.describe() + " cannot be used on rank " + rank);
        }
    }

    private static void requireUsableAnywhere(VirtualEvent event) {
        if (event == null) throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, "no event given (null)");
        if (event.destroyed) throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, event.describe() + " was destroyed");
    }

    private static void requireNotCapturing(VirtualStream stream, String call) {
        if (stream.capturing()) {
            throw new CudaException(CudaError.cudaErrorStreamCaptureUnsupported, call + " on " + stream.describe()
                    + " while it captures a graph: only kernel launches and collectives can be captured");
        }
    }
}
