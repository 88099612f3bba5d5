package dev.chronoscope.emulator.time;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the JDK's own timeouts follow virtual time in emulated threads.
 *
 * <p>The JDK computes the deadline of every timed wait with {@code System.nanoTime()} (AQS
 * {@code awaitNanos}, {@code LinkedBlockingQueue.poll}, {@code VirtualThread.parkNanos} and
 * {@code sleepNanos}, timed {@code Future.get}, ...). With real time, a wait that the emulator
 * wakes "N virtual nanoseconds later" after almost no real time would just park again. So this
 * rewrites those calls, in {@code java.util.concurrent.**} and {@code java.lang.VirtualThread},
 * to a bootstrap-visible shim that answers the calling emulated thread's virtual time (and real
 * time on every other thread).
 *
 * <p>Install once per JVM, before the first emulated timed wait: from an agent's
 * {@code premain}/{@code agentmain}, or in tests with {@code ByteBuddyAgent.install()}.
 */
public final class JdkTimeInstrumentation {

    private static final String SHIM = "dev.chronoscope.emulator.time.shim.JdkClockShim";
    private static final String SHIM_RESOURCE = SHIM.replace('.', '/') + ".class";
    private static final Set<String> MUST_REWRITE = Set.of(
            "java/lang/VirtualThread", "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject");

    private static volatile boolean installed;

    private JdkTimeInstrumentation() {
    }

    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Installs the shim and rewrites loaded and future JDK concurrency classes; idempotent.
     *
     * @throws IllegalStateException when the JVM refuses (no retransformation support, or the
     *                               rewrite failed); the message says which class
     */
    public static synchronized void install(Instrumentation instrumentation) {
        if (installed) {
            return;
        }
        if (!instrumentation.isRetransformClassesSupported()) {
            throw new IllegalStateException("JDK time instrumentation needs an agent that can retransform classes"
                    + " (Can-Retransform-Classes: true)");
        }
        Class<?> shim = loadShimInBootstrapLoader(instrumentation);
        hook(shim);
        // java.base must read the shim's module; and opening java.lang to the emulator spares an
        // agent's users the --add-opens that emulated threads otherwise need (see LoomAccess).
        instrumentation.redefineModule(Object.class.getModule(), Set.of(shim.getModule()),
                Map.of(), Map.of("java.lang", Set.of(JdkTimeInstrumentation.class.getModule())), Set.of(), Map.of());
        ClockCallRewriter rewriter = new ClockCallRewriter(SHIM.replace('.', '/'));
        instrumentation.addTransformer(rewriter, true);
        loadRequiredClasses();
        Class<?>[] loaded = Arrays.stream(instrumentation.getAllLoadedClasses())
                .filter(type -> ClockCallRewriter.covers(type.getName().replace('.', '/')))
                .filter(instrumentation::isModifiableClass)
                .toArray(Class<?>[]::new);
        try {
            instrumentation.retransformClasses(loaded);
        } catch (UnmodifiableClassException e) {
            throw new IllegalStateException("cannot rewrite JDK time calls: " + e.getMessage(), e);
        }
        if (!rewriter.failures().isEmpty()) {
            throw new IllegalStateException("cannot rewrite JDK time calls in " + rewriter.failures());
        }
        for (String required : MUST_REWRITE) {
            if (!rewriter.rewritten().contains(required)) {
                throw new IllegalStateException("JDK time calls were not rewritten in " + required
                        + "; timed waits of emulated threads would use real time");
            }
        }
        installed = true;
    }

    /** Early in an agent's premain they may not be loaded yet; loading them now rewrites them. */
    private static void loadRequiredClasses() {
        for (String required : MUST_REWRITE) {
            try {
                Class.forName(required.replace('/', '.'), false, null);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("this JDK has no " + required, e);
            }
        }
    }

    private static Class<?> loadShimInBootstrapLoader(Instrumentation instrumentation) {
        try {
            Path jar = Files.createTempFile("chronoscope-clock-shim", ".jar");
            jar.toFile().deleteOnExit();
            try (InputStream in = JdkTimeInstrumentation.class.getClassLoader().getResourceAsStream(SHIM_RESOURCE);
                 OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("class file " + SHIM_RESOURCE + " is missing from the emulator's classpath");
                }
                out.putNextEntry(new JarEntry(SHIM_RESOURCE));
                in.transferTo(out);
                out.closeEntry();
            }
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
            Class<?> shim = Class.forName(SHIM, true, null);
            if (shim.getClassLoader() != null) {
                throw new IllegalStateException(SHIM + " was loaded by " + shim.getClassLoader() + ", not the bootstrap loader");
            }
            return shim;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot put " + SHIM + " on the bootstrap class path: " + e, e);
        }
    }

    private static void hook(Class<?> shim) {
        LongSupplier nanoTime = JdkTimeInstrumentation::nanoTime;
        LongSupplier currentTimeMillis = JdkTimeInstrumentation::currentTimeMillis;
        try {
            shim.getMethod("install", LongSupplier.class, LongSupplier.class).invoke(null, nanoTime, currentTimeMillis);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot hook " + SHIM + ": " + e, e);
        }
    }

    private static long nanoTime() {
        EmulatedThread self = Dispatcher.currentEmulatedThread();
        return self == null ? System.nanoTime() : self.dispatcher.now();
    }

    private static long currentTimeMillis() {
        EmulatedThread self = Dispatcher.currentEmulatedThread();
        return self == null ? System.currentTimeMillis() : self.dispatcher.emulation().currentTimeMillis();
    }
}
