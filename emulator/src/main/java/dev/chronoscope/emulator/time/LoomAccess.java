package dev.chronoscope.emulator.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.Executor;

/**
 * The few JDK internals the emulator needs: building virtual threads on a custom scheduler, and
 * reading a virtual thread's scheduling state to see whether the JDK's unblocker thread is about
 * to resubmit it. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 */
final class LoomAccess {

    private static final String OPEN_HINT =
            "emulated threads need '--add-opens java.base/java.lang=ALL-UNNAMED' on the java command line";

    private static final Class<?> VIRTUAL_THREAD = loadVirtualThreadClass();
    private static final Constructor<?> BUILDER = builderConstructor();
    private static final VarHandle RUN_CONTINUATION = field("runContinuation", Runnable.class);
    private static final VarHandle STATE = field("state", int.class);
    private static final VarHandle BLOCK_PERMIT = field("blockPermit", boolean.class);
    private static final VarHandle ON_WAITING_LIST = field("onWaitingList", boolean.class);
    private static final int SUSPENDED = constant("SUSPENDED");
    private static final int STARTED = constant("STARTED");
    private static final int UNPARKED = constant("UNPARKED");
    private static final int UNBLOCKED = constant("UNBLOCKED");
    private static final int YIELDED = constant("YIELDED");
    private static final int BLOCKED = constant("BLOCKED");
    private static final int WAIT = constant("WAIT");
    private static final int TIMED_WAIT = constant("TIMED_WAIT");

    private static final String UNBLOCKER_NAME = "VirtualThread-unblocker";
    private static final String UNBLOCKER_WAIT_METHOD = "takeVirtualThreadListToUnblock";
    private static volatile Thread unblocker;

    private LoomAccess() {
    }

    /** A virtual-thread builder whose threads run on {@code scheduler}. */
    static Thread.Builder.OfVirtual virtualThreadBuilder(Executor scheduler) {
        try {
            return (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual-thread builder: " + OPEN_HINT, e);
        }
    }

    /** The task a virtual thread hands to its scheduler each time it becomes runnable. */
    static Runnable continuationOf(Thread virtualThread) {
        return (Runnable) RUN_CONTINUATION.get(virtualThread);
    }

    /**
     * True when the virtual thread has been made runnable by someone else (the JDK's unblocker
     * thread after a monitor exit or notify) but has not reached its scheduler yet.
     */
    static boolean isBeingResubmitted(Thread virtualThread) {
        if ((boolean) ON_WAITING_LIST.getVolatile(virtualThread)) {
            return true;
        }
        int state = (int) STATE.getVolatile(virtualThread) & ~SUSPENDED;
        if (state == BLOCKED) {
            return (boolean) BLOCK_PERMIT.getVolatile(virtualThread);
        }
        return state == STARTED || state == UNPARKED || state == UNBLOCKED || state == YIELDED;
    }

    /**
     * True when the virtual thread is blocked on monitor entry with neither a pending unblock nor a
     * place on the JDK's unblock list. That is either a thread that really waits for a monitor
     * someone holds, or one the unblocker thread has just taken off its list and not yet unblocked
     * ({@code VirtualThread.unblockVirtualThreads} clears {@code onWaitingList} a few instructions
     * before it sets {@code blockPermit}); only {@link #isUnblockerIdle} tells the two apart.
     */
    static boolean isBlockedWithoutPermit(Thread virtualThread) {
        int state = (int) STATE.getVolatile(virtualThread) & ~SUSPENDED;
        return state == BLOCKED
                && !(boolean) BLOCK_PERMIT.getVolatile(virtualThread)
                && !(boolean) ON_WAITING_LIST.getVolatile(virtualThread);
    }

    /**
     * True when the JDK's unblocker thread is waiting for its next list of threads to unblock, so
     * it holds no thread between taking it off the list and unblocking it. Costs a stack walk of
     * that thread; called only while some emulated thread is {@link #isBlockedWithoutPermit}.
     */
    static boolean isUnblockerIdle() {
        Thread unblocker = unblockerThread();
        if (unblocker == null) {
            return true;
        }
        StackTraceElement[] stack = unblocker.getStackTrace();
        return stack.length > 0 && UNBLOCKER_WAIT_METHOD.equals(stack[0].getMethodName())
                && VIRTUAL_THREAD.getName().equals(stack[0].getClassName());
    }

    private static Thread unblockerThread() {
        Thread thread = unblocker;
        if (thread == null || !thread.isAlive()) {
            thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(candidate -> UNBLOCKER_NAME.equals(candidate.getName()))
                    .findFirst().orElse(null);
            unblocker = thread;
        }
        return thread;
    }

    /**
     * True when the virtual thread waits for a monitor or in {@code Object.wait}: the waits that
     * end through the JDK's unblocker thread rather than through the emulator.
     */
    static boolean isWaitingOnMonitor(Thread virtualThread) {
        int state = (int) STATE.getVolatile(virtualThread) & ~SUSPENDED;
        return state == BLOCKED || state == WAIT || state == TIMED_WAIT;
    }

    private static Class<?> loadVirtualThreadClass() {
        try {
            return Class.forName("java.lang.VirtualThread");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this JDK has no java.lang.VirtualThread", e);
        }
    }

    private static Constructor<?> builderConstructor() {
        try {
            Constructor<?> constructor = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach VirtualThreadBuilder(Executor): " + OPEN_HINT, e);
        }
    }

    private static VarHandle field(String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(VIRTUAL_THREAD, MethodHandles.lookup())
                    .findVarHandle(VIRTUAL_THREAD, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read VirtualThread." + name + ": " + OPEN_HINT, e);
        }
    }

    private static int constant(String name) {
        try {
            Field field = VIRTUAL_THREAD.getDeclaredField(name);
            field.setAccessible(true);
            return field.getInt(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read VirtualThread." + name + ": " + OPEN_HINT, e);
        }
    }
}
