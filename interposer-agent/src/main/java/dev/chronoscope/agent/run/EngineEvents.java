package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.BatchEntry;
import dev.chronoscope.emulator.stream.event.StreamEvent.RequestPhase;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's own step listener into scheduler-step and request-lifecycle events of the
 * interposer stream. The agent knows the engine only through its device API, so the listener is a
 * proxy of the engine's listener interface (found by name on the engine's class loader) and the
 * engine's reports are read as records, by component name: a renamed component fails loudly.
 */
public final class EngineEvents implements InvocationHandler {
    private static final String LISTENER = "dev.chronoscope.engine.core.EngineListener";

    private final EventSink sink;
    private final KvBlockEvents kvBlocks;
    /** Record accessors by record class, then component name: looked up for every step, so no key is built per call. */
    private final Map<Class<?>, Map<String, Method>> accessors = new HashMap<>();
    /** Output tokens of requests the engine reported finished, until their FINISHED event (the step report) says so. */
    private final Map<String, Integer> outputTokens = new HashMap<>();

    private EngineEvents(EventSink sink) {
        this.sink = sink;
        this.kvBlocks = new KvBlockEvents(sink);
    }

    /** Adds a listener to a freshly started engine core. */
    public static void listenTo(Object core) {
        EmulationSession session = EmulationSession.current();
        try {
            Class<?> listener = Class.forName(LISTENER, false, core.getClass().getClassLoader());
            Object proxy = Proxy.newProxyInstance(core.getClass().getClassLoader(), new Class<?>[]{listener},
                    new EngineEvents(session.sink()));
            core.getClass().getMethod("addListener", listener).invoke(core, proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot listen to the engine core (" + e + "): its listener API changed", e);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws ReflectiveOperationException {
        switch (method.getName()) {
            case "onRequestArrived" -> sink.accept(new StreamEvent.Request((long) args[2], (String) args[0],
                    RequestPhase.ARRIVED, (int) args[1]));
            case "onStep" -> step(args[0]);
            case "onRequestFinished" -> finished(args[0]);
            case "hashCode" -> { return System.identityHashCode(proxy); }
            case "equals" -> { return proxy == args[0]; }
            case "toString" -> { return "chronoscope stream listener"; }
            default -> { }
        }
        return null;
    }

    private void step(Object report) throws ReflectiveOperationException {
        long start = (long) get(report, "startNanos");
        List<BatchEntry> batch = new ArrayList<>();
        for (Object entry : (List<?>) get(report, "batch")) {
            String id = (String) get(entry, "requestId");
            boolean prefill = (boolean) get(entry, "prefill");
            batch.add(new BatchEntry(id, (int) get(entry, "numTokens"), prefill));
            if ((boolean) get(entry, "newlyScheduled")) sink.accept(new StreamEvent.Request(start, id, RequestPhase.SCHEDULED, 0));
        }
        List<?> preempted = (List<?>) get(report, "preempted");
        long end = (long) get(report, "endNanos");
        for (Object id : preempted) sink.accept(new StreamEvent.Request(start, (String) id, RequestPhase.PREEMPTED, 0));
        sink.accept(new StreamEvent.SchedulerStep(start, (long) get(report, "stepIndex"), batch, (int) get(report, "numRunning"),
                (int) get(report, "numWaiting"), (int) get(report, "kvBlocksUsed"), (int) get(report, "kvBlocksFree"),
                preempted.size()));
        List<?> finished = (List<?>) get(report, "finished");
        kvBlocks.step((long) get(report, "stepIndex"), start, end, preempted, finished);
        for (Object id : finished) {
            Integer tokens = outputTokens.remove(id);
            sink.accept(new StreamEvent.Request(end, (String) id, RequestPhase.FINISHED, tokens == null ? 0 : tokens));
        }
    }

    private void finished(Object stats) throws ReflectiveOperationException {
        String id = (String) get(stats, "requestId");
        outputTokens.put(id, (int) get(stats, "numOutputTokens"));
        kvBlocks.ended(id);
        long firstToken = (long) get(stats, "firstTokenNanos");
        if (firstToken >= 0) {
            sink.accept(new StreamEvent.Request(firstToken, id, RequestPhase.FIRST_TOKEN, 1));
        }
    }

    private Object get(Object record, String component) throws ReflectiveOperationException {
        Map<String, Method> ofType = accessors.computeIfAbsent(record.getClass(), type -> new HashMap<>());
        Method accessor = ofType.get(component);
        if (accessor == null) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                if (c.getName().equals(component)) accessor = c.getAccessor();
            }
            if (accessor == null) throw new NoSuchMethodException(record.getClass().getName() + "#" + component + " (the engine's report changed)");
            accessor.setAccessible(true);
            ofType.put(component, accessor);
        }
        return accessor.invoke(record);
    }
}
