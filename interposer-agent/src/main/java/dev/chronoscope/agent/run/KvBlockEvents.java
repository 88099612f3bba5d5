package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KV-cache block ownership for the stream's {@code kv_blocks} events. The executor advice hands over
 * each step's input (the engine's {@code StepInput}: every scheduled request's block table) on the
 * engine thread; the step listener then reports, in batch order, each request whose table or shared
 * count changed since it last reported, and an empty table when a request gives its blocks back
 * (preempted at the step's start, finished or aborted by its end). A block is shared when another
 * request of the same step holds it too: with prefix caching these are the common prompt prefix.
 * Unchanged tables cost a comparison, no event and no allocation.
 */
public final class KvBlockEvents {
    private static final int[] NONE = new int[0];
    /** The last step input handed to an executor on this thread: the engine core's loop thread. */
    private static final ThreadLocal<Object> LAST_INPUT = new ThreadLocal<>();

    private final EventSink sink;
    private final Map<String, Held> held = new HashMap<>();
    /** Requests that ended since the last step report; their blocks are free by the step's end. */
    private final List<String> released = new ArrayList<>();
    /** Holders of each block id in the current step; zeroed again after each step. */
    private int[] holders = new int[1024];
    private Class<?> inputType, sequenceType;
    private MethodHandle stepIndex, sequences, requestId, blockTable;

    KvBlockEvents(EventSink sink) {
        this.sink = sink;
    }

    /** Called by the executor advice before the executor runs a step. */
    public static void executing(Object stepInput) {
        LAST_INPUT.set(stepInput);
    }

    /** A request ended (finished, aborted or failed): its blocks are released with the current step. */
    void ended(String id) {
        if (held.containsKey(id)) released.add(id);
    }

    /** Reports the block tables of step {@code index} (run from {@code start} to {@code end}); {@code preempted} lost theirs first. */
    void step(long index, long start, long end, List<?> preempted, List<?> finished) {
        for (Object id : preempted) release((String) id, start);
        Object input = LAST_INPUT.get();
        try {
            if (input != null && stepIndexOf(input) == index) {
                LAST_INPUT.set(null);
                report((List<?>) sequences.invoke(input), start);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the engine's step input: " + e, e);
        }
        for (Object id : finished) release((String) id, end);
        for (String id : released) release(id, end);
        released.clear();
    }

    private void report(List<?> batch, long time) throws Throwable {
        int n = batch.size();
        for (int i = 0; i < n; i++) {
            for (int b : table(batch.get(i))) {
                if (b >= holders.length) holders = Arrays.copyOf(holders, Math.max(b + 1, holders.length * 2));
                holders[b]++;
            }
        }
        for (int i = 0; i < n; i++) {
            Object sequence = batch.get(i);
            int[] table = table(sequence);
            int shared = 0;
            for (int b : table) if (holders[b] > 1) shared++;
            String id = (String) requestId.invoke(sequence);
            Held h = held.get(id);
            if (h == null) held.put(id, h = new Held());
            else if (h.shared == shared && Arrays.equals(h.table, table)) continue;
            h.table = table;
            h.shared = shared;
            // The engine builds a fresh table array for every step and never changes it: no copy needed.
            sink.accept(new StreamEvent.KvBlocks(time, id, table, shared));
        }
        for (int i = 0; i < n; i++) for (int b : table(batch.get(i))) holders[b] = 0;
    }

    private void release(String id, long time) {
        if (held.remove(id) != null) sink.accept(new StreamEvent.KvBlocks(time, id, NONE, 0));
    }

    private int[] table(Object sequence) throws Throwable {
        if (sequence.getClass() != sequenceType) {
            sequenceType = sequence.getClass();
            requestId = accessor(sequenceType, "requestId", Object.class);
            blockTable = accessor(sequenceType, "blockTable", Object.class);
        }
        return (int[]) blockTable.invoke(sequence);
    }

    private long stepIndexOf(Object input) throws Throwable {
        if (input.getClass() != inputType) {
            inputType = input.getClass();
            stepIndex = accessor(inputType, "stepIndex", long.class);
            sequences = accessor(inputType, "sequences", Object.class);
        }
        return (long) stepIndex.invoke(input);
    }

    /** A record component's accessor as {@code (Object) -> type}; a renamed component fails loudly. */
    private static MethodHandle accessor(Class<?> record, String component, Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = record.getRecordComponents();
        for (RecordComponent c : components == null ? new RecordComponent[0] : components) {
            if (c.getName().equals(component)) {
                return MethodHandles.publicLookup().unreflect(c.getAccessor()).asType(MethodType.methodType(type, Object.class));
            }
        }
        throw new NoSuchMethodException(record.getName() + "#" + component + " (the engine's step input changed)");
    }

    private static final class Held {
        int[] table;
        int shared;
    }
}
