package dev.chronoscope.agent.time;

import dev.chronoscope.agent.intercept.EngineClassRewriter;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Map;

/**
 * Rewrites call sites in the engine's classes (and only there) so that they reach the emulation:
 * clock reads go to {@link AgentClock}, thread creation and {@code System.exit} to
 * {@link dev.chronoscope.agent.thread.AgentThreads}. Each call becomes a static call with the same
 * stack effect (an interface call's receiver becomes the first argument), so frames stay valid.
 * Method references ({@code System::nanoTime}) are rewritten in invokedynamic arguments too.
 */
public final class EngineCallRewriter extends EngineClassRewriter {
    private static final String CLOCK = "dev/chronoscope/agent/time/AgentClock";
    private static final String THREADS = "dev/chronoscope/agent/thread/AgentThreads";
    private static final String BUILDER = "java/lang/Thread$Builder";

    /** {@code owner.name+desc} of static calls → the replacement owner. */
    private static final Map<String, String> STATIC_CALLS = Map.of(
            "java/lang/System.nanoTime()J", CLOCK,
            "java/lang/System.currentTimeMillis()J", CLOCK,
            "java/lang/System.exit(I)V", THREADS,
            "java/util/concurrent/Executors.newVirtualThreadPerTaskExecutor()Ljava/util/concurrent/ExecutorService;", THREADS,
            "java/lang/Thread.startVirtualThread(Ljava/lang/Runnable;)Ljava/lang/Thread;", THREADS);

    /** Thread.Builder methods (on any of its interfaces) → replacement static method descriptor. */
    private static final Map<String, String> BUILDER_CALLS = Map.of(
            "unstarted(Ljava/lang/Runnable;)Ljava/lang/Thread;", "(Ljava/lang/Thread$Builder;Ljava/lang/Runnable;)Ljava/lang/Thread;",
            "start(Ljava/lang/Runnable;)Ljava/lang/Thread;", "(Ljava/lang/Thread$Builder;Ljava/lang/Runnable;)Ljava/lang/Thread;",
            "factory()Ljava/util/concurrent/ThreadFactory;", "(Ljava/lang/Thread$Builder;)Ljava/util/concurrent/ThreadFactory;");

    /** @param packagePrefix internal name prefix of the classes to rewrite, e.g. {@code dev/chronoscope/engine/} */
    public EngineCallRewriter(String packagePrefix) {
        super(packagePrefix);
    }

    @Override
    protected byte[] rewriteClass(byte[] bytes) {
        return rewrite(bytes);
    }

    /** The rewritten class, or null when it has no call to rewrite. */
    static byte[] rewrite(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(api, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        String target = opcode == Opcodes.INVOKESTATIC ? STATIC_CALLS.get(owner + "." + method + desc) : null;
                        if (target != null) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, target, method, desc, false);
                            return;
                        }
                        String builderDesc = opcode == Opcodes.INVOKEINTERFACE && owner.startsWith(BUILDER)
                                ? BUILDER_CALLS.get(method + desc) : null;
                        if (builderDesc != null) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, THREADS, method, builderDesc, false);
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, method, desc, itf);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
                        Object[] rewritten = args.clone();
                        for (int i = 0; i < rewritten.length; i++) {
                            if (rewritten[i] instanceof Handle h && h.getTag() == Opcodes.H_INVOKESTATIC) {
                                String target = STATIC_CALLS.get(h.getOwner() + "." + h.getName() + h.getDesc());
                                if (target != null) {
                                    changed[0] = true;
                                    rewritten[i] = new Handle(Opcodes.H_INVOKESTATIC, target, h.getName(), h.getDesc(), false);
                                }
                            }
                        }
                        super.visitInvokeDynamicInsn(name, desc, bootstrap, rewritten);
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }
}
