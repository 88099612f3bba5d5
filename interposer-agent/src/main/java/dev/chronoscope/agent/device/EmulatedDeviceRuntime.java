package dev.chronoscope.agent.device;

import dev.chronoscope.agent.device.CapturedOp.CollectiveKind;
import dev.chronoscope.emulator.gpu.CudaOutOfMemoryException;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualEvent;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.stream.event.StreamEvent.CopyKind;
import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.Communicator;
import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DeviceException;
import dev.chronoscope.engine.device.DeviceOutOfMemoryError;
import dev.chronoscope.engine.device.DeviceProperties;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.device.Event;
import dev.chronoscope.engine.device.FillSpec;
import dev.chronoscope.engine.device.Graph;
import dev.chronoscope.engine.device.KernelLaunch;
import dev.chronoscope.engine.device.MemoryInfo;
import dev.chronoscope.engine.device.Stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's device runtime on a virtual GPU (DESIGN §5): memory is accounted, never allocated;
 * kernels are placed on virtual streams for their predicted duration; synchronising calls are time
 * jumps; device→host copies deliver zeros (sampled token ids are 0, and the workload's
 * ignore_eos/max_tokens ends each request); collectives meet on the virtual cluster. Out of memory is
 * the engine's own {@link DeviceOutOfMemoryError}, carrying the virtual device's message.
 */
public final class EmulatedDeviceRuntime implements DeviceRuntime {
    private final VirtualDevice device;
    private final int ordinal;
    private final CommunicatorGroups groups;
    private final Map<Integer, VirtualStream> streams = new HashMap<>();
    private final Map<Integer, VirtualEvent> events = new HashMap<>();
    private final Map<Integer, List<CapturedOp>> capturing = new HashMap<>();
    private final Map<Integer, CapturedGraph> graphs = new HashMap<>();
    private final Map<Integer, CommunicatorGroups.Membership> communicators = new HashMap<>();
    private final Set<Long> allocations = new LinkedHashSet<>();
    /** Shapes repeat from step to step and across ranks: their features are built once per JVM. */
    private final ShapeFeatures shapes;
    private static final int RECENT_SHAPES = 8;
    private final Object[] recentShapes = new Object[RECENT_SHAPES];
    private final KernelFeatures[] recentFeatures = new KernelFeatures[RECENT_SHAPES];
    private int nextRecent;
    private int nextId = 1;

    EmulatedDeviceRuntime(VirtualDevice device, int ordinal, CommunicatorGroups groups, ShapeFeatures shapes) {
        this.device = device;
        this.ordinal = ordinal;
        this.groups = groups;
        this.shapes = shapes;
    }

    @Override
    public DeviceProperties properties() {
        return new DeviceProperties(device.spec().name(), ordinal, device.memoryCapacity(), device.spec().smCount());
    }

    @Override
    public MemoryInfo memoryInfo() {
        return new MemoryInfo(device.memoryFree(), device.memoryCapacity());
    }

    @Override
    public DevicePtr malloc(DType dtype, long count) {
        if (count < 0) throw new DeviceException("malloc of " + count + " elements");
        try {
            long pointer = device.malloc(count * dtype.bytes(), dtype.name().toLowerCase(java.util.Locale.ROOT));
            allocations.add(pointer);
            return new DevicePtr(pointer, dtype, 0, count);
        } catch (CudaOutOfMemoryException e) {
            throw new DeviceOutOfMemoryError(e.getMessage());
        }
    }

    @Override
    public void free(DevicePtr ptr) {
        if (allocations.remove(ptr.allocation())) device.free(ptr.allocation());
        else throw new DeviceException("free of pointer 0x" + Long.toHexString(ptr.allocation())
                + " that device " + ordinal + " did not allocate (or freed already)");
    }

    @Override
    public Stream createStream() {
        int id = nextId++;
        streams.put(id, device.createStream("stream-" + id));
        return new Stream(ordinal, id);
    }

    @Override
    public void copyHostToDevice(float[] src, int srcOffset, DevicePtr dst, int count, Stream stream) {
        device.memcpyAsync(uncaptured(stream, "copyHostToDevice"), CopyKind.HOST_TO_DEVICE, 4L * count);
    }

    @Override
    public void copyHostToDevice(int[] src, int srcOffset, DevicePtr dst, int count, Stream stream) {
        device.memcpyAsync(uncaptured(stream, "copyHostToDevice"), CopyKind.HOST_TO_DEVICE, 4L * count);
    }

    @Override
    public void copyHostToDevice(long[] src, int srcOffset, DevicePtr dst, int count, Stream stream) {
        device.memcpyAsync(uncaptured(stream, "copyHostToDevice"), CopyKind.HOST_TO_DEVICE, 8L * count);
    }

    @Override
    public void copyDeviceToHost(DevicePtr src, float[] dst, int dstOffset, int count, Stream stream) {
        copyBack(4L * count, stream);
        Arrays.fill(dst, dstOffset, dstOffset + count, 0f);
    }

    @Override
    public void copyDeviceToHost(DevicePtr src, int[] dst, int dstOffset, int count, Stream stream) {
        copyBack(4L * count, stream);
        Arrays.fill(dst, dstOffset, dstOffset + count, 0);
    }

    private void copyBack(long bytes, Stream stream) {
        try {
            device.memcpy(uncaptured(stream, "copyDeviceToHost"), CopyKind.DEVICE_TO_HOST, bytes);
        } catch (InterruptedException e) {
            throw interrupted("copyDeviceToHost", e);
        }
    }

    /** On-device initialisation (weights) is not timed: emulated weights are allocated, not loaded. */
    @Override
    public void fill(DevicePtr dst, FillSpec spec, Stream stream) {
        stream(stream);
    }

    @Override
    public void launch(KernelLaunch kernel, Stream stream) {
        KernelFeatures f = features(kernel.shape());
        List<CapturedOp> capture = capturing.get(stream.id());
        if (capture != null) capture.add(new CapturedOp.Kernel(kernel.kernel(), f));
        else device.launch(stream(stream), kernel.kernel(), f.features());
    }

    /**
     * The features of a shape. An engine that launches a pass's kernels with the same few immutable
     * shape maps hits the small identity cache; equal maps built anew (the next step's) hit the shared map.
     */
    private KernelFeatures features(Map<String, Long> shape) {
        for (int i = 0; i < RECENT_SHAPES; i++) if (recentShapes[i] == shape) return recentFeatures[i];
        KernelFeatures f = shapes.of(shape);
        // Only immutable maps by identity: a mutable one may hold another shape at the next launch.
        if (Map.copyOf(shape) != shape) return f;
        recentShapes[nextRecent] = shape;
        recentFeatures[nextRecent] = f;
        nextRecent = (nextRecent + 1) % RECENT_SHAPES;
        return f;
    }

    @Override
    public Event createEvent() {
        int id = nextId++;
        events.put(id, device.createEvent());
        return new Event(ordinal, id);
    }

    @Override
    public void recordEvent(Event event, Stream stream) {
        device.record(event(event), uncaptured(stream, "recordEvent"));
    }

    @Override
    public void streamWaitEvent(Stream stream, Event event) {
        device.waitEvent(stream(stream), event(event));
    }

    @Override
    public void synchronizeEvent(Event event) {
        try {
            device.synchronize(event(event));
        } catch (InterruptedException e) {
            throw interrupted("synchronizeEvent", e);
        }
    }

    @Override
    public void synchronizeStream(Stream stream) {
        try {
            device.synchronize(uncaptured(stream, "synchronizeStream"));
        } catch (InterruptedException e) {
            throw interrupted("synchronizeStream", e);
        }
    }

    @Override
    public void synchronizeDevice() {
        try {
            device.synchronizeDevice();
        } catch (InterruptedException e) {
            throw interrupted("synchronizeDevice", e);
        }
    }

    @Override
    public void beginCapture(Stream stream) {
        stream(stream);
        if (capturing.putIfAbsent(stream.id(), new ArrayList<>()) != null) {
            throw new DeviceException("stream " + stream.id() + " of device " + ordinal + " is already capturing");
        }
    }

    @Override
    public Graph endCapture(Stream stream) {
        List<CapturedOp> ops = capturing.remove(stream.id());
        if (ops == null) throw new DeviceException("stream " + stream.id() + " of device " + ordinal + " is not capturing");
        int id = nextId++;
        CapturedGraph graph = new CapturedGraph(device, ops);
        graphs.put(id, graph);
        return new Graph(ordinal, id, graph.nodes());
    }

    @Override
    public void replayGraph(Graph graph, Map<String, Long> dynamicShape, Stream stream) {
        CapturedGraph captured = graphs.get(graph.id());
        if (captured == null) throw new DeviceException("graph " + graph.id() + " of device " + ordinal + " does not exist");
        captured.replay(device, stream(stream), dynamicShape);
    }

    @Override
    public void destroyGraph(Graph graph) {
        graphs.remove(graph.id());
    }

    @Override
    public Communicator initCommunicator(CollectiveTransport transport) {
        CommunicatorGroups.Membership membership = groups.join(device.rank(), transport.rank(), transport.size());
        int id = nextId++;
        communicators.put(id, membership);
        return new Communicator(ordinal, id, transport.rank(), transport.size());
    }

    @Override
    public void allReduce(Communicator comm, DevicePtr buffer, Stream stream) {
        collective(comm, CollectiveKind.ALL_REDUCE, buffer.bytes(), -1, stream);
    }

    @Override
    public void allGather(Communicator comm, DevicePtr send, DevicePtr recv, Stream stream) {
        collective(comm, CollectiveKind.ALL_GATHER, recv.bytes(), -1, stream);
    }

    @Override
    public void send(Communicator comm, DevicePtr buffer, int peer, Stream stream) {
        collective(comm, CollectiveKind.SEND, buffer.bytes(), peer, stream);
    }

    @Override
    public void recv(Communicator comm, DevicePtr buffer, int peer, Stream stream) {
        collective(comm, CollectiveKind.RECV, buffer.bytes(), peer, stream);
    }

    private void collective(Communicator comm, CollectiveKind kind, long bytes, int groupPeer, Stream stream) {
        CommunicatorGroups.Membership membership = communicators.get(comm.id());
        if (membership == null) throw new DeviceException("communicator " + comm.id() + " of device " + ordinal + " does not exist");
        int peer = groupPeer < 0 ? -1 : membership.members()[groupPeer];
        List<CapturedOp> capture = capturing.get(stream.id());
        if (capture != null) capture.add(new CapturedOp.Collective(membership.communicator(), kind, bytes, peer));
        else CapturedOp.Collective.issue(membership.communicator(), kind, bytes, peer, stream(stream));
    }

    @Override
    public void close() {
        try {
            device.synchronizeDevice();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (long pointer : allocations) device.free(pointer);
        allocations.clear();
        for (VirtualStream s : streams.values()) device.destroyStream(s);
        streams.clear();
    }

    private VirtualStream stream(Stream stream) {
        VirtualStream s = stream.device() == ordinal ? streams.get(stream.id()) : null;
        if (s == null) throw new DeviceException("stream " + stream + " does not belong to device " + ordinal);
        return s;
    }

    /** Copies, event records and syncs cannot be captured into a graph: CUDA's cudaErrorStreamCaptureUnsupported. */
    private VirtualStream uncaptured(Stream stream, String call) {
        if (capturing.containsKey(stream.id())) {
            throw new DeviceException("cudaErrorStreamCaptureUnsupported: " + call + " on stream " + stream.id()
                    + " of device " + ordinal + " while it captures a graph");
        }
        return stream(stream);
    }

    private VirtualEvent event(Event event) {
        VirtualEvent e = event.device() == ordinal ? events.get(event.id()) : null;
        if (e == null) throw new DeviceException("event " + event + " does not belong to device " + ordinal);
        return e;
    }

    private static DeviceException interrupted(String call, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new DeviceException(call + " interrupted", e);
    }
}
