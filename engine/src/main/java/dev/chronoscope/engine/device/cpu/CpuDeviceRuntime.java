package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.Communicator;
import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DeviceActivityListener;
import dev.chronoscope.engine.device.DeviceException;
import dev.chronoscope.engine.device.DeviceProperties;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.device.Event;
import dev.chronoscope.engine.device.FillSpec;
import dev.chronoscope.engine.device.Graph;
import dev.chronoscope.engine.device.KernelLaunch;
import dev.chronoscope.engine.device.MemoryInfo;
import dev.chronoscope.engine.device.Stream;
import dev.chronoscope.engine.kernels.CpuKernels;
import dev.chronoscope.engine.kernels.SeededFill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A CPU device that executes kernels for real: each stream is a worker thread, so the host thread
 * that launches work runs ahead of it exactly as it would ahead of a GPU.
 */
public final class CpuDeviceRuntime implements DeviceRuntime {

    /** Work that a stream runs; in a graph, with the replay's dynamic shape arguments. */
    private interface DeviceOp {
        void run(Map<String, Long> dynamicShape);
    }

    private final int ordinal;
    private final CpuMemory memory;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CpuStream> streams = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Long>> events = new ConcurrentHashMap<>();
    private final Map<Integer, List<DeviceOp>> graphs = new ConcurrentHashMap<>();
    private final Map<Integer, List<DeviceOp>> capturing = new ConcurrentHashMap<>();
    private final Map<Integer, CollectiveTransport> communicators = new ConcurrentHashMap<>();
    private final Supplier<DeviceActivityListener> activity;

    public CpuDeviceRuntime(int ordinal, long capacityBytes) {
        this(ordinal, capacityBytes, () -> null);
    }

    /** @param activity where this device reports its activity at the moment (null: nowhere), see {@link DeviceActivityListener} */
    public CpuDeviceRuntime(int ordinal, long capacityBytes, Supplier<DeviceActivityListener> activity) {
        this.ordinal = ordinal;
        this.memory = new CpuMemory(capacityBytes);
        this.activity = activity;
    }

    @Override
    public DeviceProperties properties() {
        return new DeviceProperties("cpu-local", ordinal, memory.capacityBytes(), Runtime.getRuntime().availableProcessors());
    }

    @Override
    public MemoryInfo memoryInfo() {
        return new MemoryInfo(memory.capacityBytes() - memory.usedBytes(), memory.capacityBytes());
    }

    @Override
    public DevicePtr malloc(DType dtype, long count) { return memory.allocate(dtype, count); }

    @Override
    public void free(DevicePtr ptr) { memory.release(ptr); }

    @Override
    public Stream createStream() {
        int id = ids.incrementAndGet();
        streams.put(id, new CpuStream("cpu" + ordinal + "-stream" + id, ordinal, activity));
        return new Stream(ordinal, id);
    }

    private CpuStream stream(Stream s) {
        CpuStream stream = streams.get(s.id());
        if (stream == null || s.device() != ordinal) throw new DeviceException("unknown stream " + s);
        return stream;
    }

    private void notCapturing(Stream s, String call) {
        if (capturing.containsKey(s.id())) throw new DeviceException(call + " is not permitted while stream " + s.id() + " is capturing");
    }

    /** Runs {@code op} on the stream, or records it when the stream is capturing a graph. */
    private void submit(Stream s, DeviceOp op) {
        List<DeviceOp> graph = capturing.get(s.id());
        if (graph != null) graph.add(op);
        else stream(s).enqueue(() -> op.run(Map.of()));
    }

    @Override
    public void copyHostToDevice(float[] src, int srcOffset, DevicePtr dst, int count, Stream s) {
        notCapturing(s, "copyHostToDevice");
        float[] staged = java.util.Arrays.copyOfRange(src, srcOffset, srcOffset + checkCount(dst, count));
        stream(s).enqueue(() -> System.arraycopy(staged, 0, memory.floats(dst), (int) dst.offset(), count));
    }

    @Override
    public void copyHostToDevice(int[] src, int srcOffset, DevicePtr dst, int count, Stream s) {
        notCapturing(s, "copyHostToDevice");
        int[] staged = java.util.Arrays.copyOfRange(src, srcOffset, srcOffset + checkCount(dst, count));
        stream(s).enqueue(() -> System.arraycopy(staged, 0, memory.ints(dst), (int) dst.offset(), count));
    }

    @Override
    public void copyHostToDevice(long[] src, int srcOffset, DevicePtr dst, int count, Stream s) {
        notCapturing(s, "copyHostToDevice");
        long[] staged = java.util.Arrays.copyOfRange(src, srcOffset, srcOffset + checkCount(dst, count));
        stream(s).enqueue(() -> System.arraycopy(staged, 0, memory.longs(dst), (int) dst.offset(), count));
    }

    @Override
    public void copyDeviceToHost(DevicePtr src, float[] dst, int dstOffset, int count, Stream s) {
        notCapturing(s, "copyDeviceToHost");
        checkCount(src, count);
        CpuStream stream = stream(s);
        stream.synchronize();
        System.arraycopy(memory.floats(src), (int) src.offset(), dst, dstOffset, count);
    }

    @Override
    public void copyDeviceToHost(DevicePtr src, int[] dst, int dstOffset, int count, Stream s) {
        notCapturing(s, "copyDeviceToHost");
        checkCount(src, count);
        CpuStream stream = stream(s);
        stream.synchronize();
        System.arraycopy(memory.ints(src), (int) src.offset(), dst, dstOffset, count);
    }

    private static int checkCount(DevicePtr ptr, int count) {
        if (count < 0 || count > ptr.count()) throw new DeviceException("copy of " + count + " elements through " + ptr);
        return count;
    }

    @Override
    public void fill(DevicePtr dst, FillSpec spec, Stream s) {
        submit(s, shape -> SeededFill.apply(spec, memory.floats(dst), (int) dst.offset(), (int) dst.count()));
    }

    @Override
    public void launch(KernelLaunch kernel, Stream s) {
        submit(s, shape -> {
            KernelLaunch k = kernel.withShape(shape);
            DeviceActivityListener listener = activity.get();
            long start = listener == null ? 0 : System.nanoTime();
            CpuKernels.run(k, memory);
            if (listener != null) listener.onKernel(ordinal, k, start, System.nanoTime());
        });
    }

    @Override
    public Event createEvent() {
        int id = ids.incrementAndGet();
        events.put(id, CompletableFuture.completedFuture(0L));
        return new Event(ordinal, id);
    }

    @Override
    public void recordEvent(Event event, Stream s) {
        notCapturing(s, "recordEvent");
        requireEvent(event);
        events.put(event.id(), stream(s).marker());
    }

    @Override
    public void streamWaitEvent(Stream s, Event event) {
        notCapturing(s, "streamWaitEvent");
        CompletableFuture<Long> point = requireEvent(event);
        stream(s).enqueue(point::join);
    }

    private CompletableFuture<Long> requireEvent(Event event) {
        CompletableFuture<Long> point = events.get(event.id());
        if (point == null || event.device() != ordinal) throw new DeviceException("unknown event " + event);
        return point;
    }

    @Override
    public void synchronizeEvent(Event event) { requireEvent(event).join(); }

    @Override
    public void synchronizeStream(Stream s) {
        notCapturing(s, "synchronizeStream");
        stream(s).synchronize();
    }

    @Override
    public void synchronizeDevice() {
        for (CpuStream s : streams.values()) s.synchronize();
    }

    @Override
    public void beginCapture(Stream s) {
        stream(s);
        if (capturing.putIfAbsent(s.id(), new ArrayList<>()) != null) throw new DeviceException("stream " + s.id() + " is already capturing");
    }

    @Override
    public Graph endCapture(Stream s) {
        List<DeviceOp> ops = capturing.remove(s.id());
        if (ops == null) throw new DeviceException("stream " + s.id() + " is not capturing");
        int id = ids.incrementAndGet();
        graphs.put(id, List.copyOf(ops));
        return new Graph(ordinal, id, ops.size());
    }

    @Override
    public void replayGraph(Graph graph, Map<String, Long> dynamicShape, Stream s) {
        notCapturing(s, "replayGraph");
        List<DeviceOp> ops = graphs.get(graph.id());
        if (ops == null || graph.device() != ordinal) throw new DeviceException("unknown graph " + graph);
        Map<String, Long> shape = Map.copyOf(dynamicShape);
        stream(s).enqueue(() -> { for (DeviceOp op : ops) op.run(shape); });
    }

    @Override
    public void destroyGraph(Graph graph) { graphs.remove(graph.id()); }

    @Override
    public Communicator initCommunicator(CollectiveTransport transport) {
        int id = ids.incrementAndGet();
        communicators.put(id, transport);
        return new Communicator(ordinal, id, transport.rank(), transport.size());
    }

    private CollectiveTransport transport(Communicator comm) {
        CollectiveTransport t = communicators.get(comm.id());
        if (t == null || comm.device() != ordinal) throw new DeviceException("unknown communicator " + comm);
        return t;
    }

    @Override
    public void allReduce(Communicator comm, DevicePtr buffer, Stream s) {
        CollectiveTransport t = transport(comm);
        submit(s, shape -> collective("all_reduce", buffer, t,
                () -> t.allReduceSum(memory.floats(buffer), (int) buffer.offset(), (int) buffer.count())));
    }

    @Override
    public void allGather(Communicator comm, DevicePtr send, DevicePtr recv, Stream s) {
        CollectiveTransport t = transport(comm);
        if (recv.count() != send.count() * comm.size()) throw new DeviceException("all_gather receive buffer must hold size × send elements");
        submit(s, shape -> collective("all_gather", recv, t, () -> t.allGather(memory.floats(send), (int) send.offset(),
                (int) send.count(), memory.floats(recv), (int) recv.offset())));
    }

    @Override
    public void send(Communicator comm, DevicePtr buffer, int peer, Stream s) {
        CollectiveTransport t = transport(comm);
        submit(s, shape -> collective("send_recv", buffer, t, () -> t.send(peer, memory.floats(buffer), (int) buffer.offset(), (int) buffer.count())));
    }

    @Override
    public void recv(Communicator comm, DevicePtr buffer, int peer, Stream s) {
        CollectiveTransport t = transport(comm);
        submit(s, shape -> collective("send_recv", buffer, t, () -> t.recv(peer, memory.floats(buffer), (int) buffer.offset(), (int) buffer.count())));
    }

    private void collective(String op, DevicePtr buffer, CollectiveTransport t, Runnable work) {
        DeviceActivityListener listener = activity.get();
        long start = listener == null ? 0 : System.nanoTime();
        work.run();
        if (listener != null) listener.onCollective(ordinal, op, buffer.bytes(), t.size(), start, System.nanoTime());
    }

    @Override
    public void close() {
        for (CpuStream s : streams.values()) s.stop();
        streams.clear();
        graphs.clear();
        communicators.clear();
        memory.releaseAll();
    }
}
