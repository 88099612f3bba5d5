package dev.chronoscope.agent.intercept;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transformer that rewrites call sites in the engine's classes only (a package prefix), and keeps
 * the classes it could not rewrite, with the reason, for the agent to report.
 */
public abstract class EngineClassRewriter implements ClassFileTransformer {
    private final String packagePrefix;
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** @param packagePrefix internal name prefix of the classes to rewrite, e.g. {@code dev/chronoscope/engine/} */
    protected EngineClassRewriter(String packagePrefix) {
        this.packagePrefix = packagePrefix;
    }

    /** Classes that could not be rewritten, with the reason. */
    public final List<String> failures() { return failures; }

    /** The rewritten class file, or null when it has nothing to rewrite. */
    protected abstract byte[] rewriteClass(byte[] bytes);

    /** Called for each class left unrewritten, after it is added to {@link #failures()}. */
    protected void failed(String className, RuntimeException e) {}

    @Override
    public final byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                  ProtectionDomain domain, byte[] bytes) {
        if (className == null || !className.startsWith(packagePrefix)) return null;
        try {
            return rewriteClass(bytes);
        } catch (RuntimeException e) {
            failures.add(className + ": " + e);
            failed(className, e);
            return null;
        }
    }
}
