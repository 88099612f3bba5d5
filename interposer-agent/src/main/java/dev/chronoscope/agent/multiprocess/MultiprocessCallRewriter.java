package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.agent.intercept.EngineClassRewriter;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Map;

/**
 * Rewrites, in the engine's classes only, the calls through which its processes talk to each other
 * (socket streams, waiting for a worker JVM) into {@link SocketHooks}: each
 * instance call becomes a static call taking the receiver first, with the same stack effect, so
 * frames stay valid. {@code new Socket(...)} becomes {@code new AccountedSocket(...)}, a subclass,
 * so the stack map frames (which name {@code Socket}) stay valid too.
 */
public final class MultiprocessCallRewriter extends EngineClassRewriter {
    private static final String HOOKS = "dev/chronoscope/agent/multiprocess/SocketHooks";

    /** {@code owner.name+desc} of instance calls → replacement static descriptor. */
    private static final Map<String, String> CALLS = Map.of(
            "java/net/Socket.getInputStream()Ljava/io/InputStream;", "(Ljava/net/Socket;)Ljava/io/InputStream;",
            "java/net/Socket.getOutputStream()Ljava/io/OutputStream;", "(Ljava/net/Socket;)Ljava/io/OutputStream;",
            "java/lang/Process.waitFor(JLjava/util/concurrent/TimeUnit;)Z", "(Ljava/lang/Process;JLjava/util/concurrent/TimeUnit;)Z");
    private static final String SOCKET = "java/net/Socket";
    private static final String ACCOUNTED_SOCKET = "dev/chronoscope/agent/multiprocess/AccountedSocket";

    /** Socket constructors that AccountedSocket mirrors; a class using another one is left alone, and named. */
    private static final java.util.Set<String> CONSTRUCTORS = java.util.Set.of("()V", "(Ljava/net/InetAddress;I)V");

    /** @param packagePrefix internal name prefix of the classes to rewrite, e.g. {@code dev/chronoscope/engine/} */
    public MultiprocessCallRewriter(String packagePrefix) {
        super(packagePrefix);
    }

    @Override
    protected byte[] rewriteClass(byte[] bytes) {
        return rewrite(bytes);
    }

    @Override
    protected void failed(String className, RuntimeException e) {
        // A class left unrewritten would talk between processes unseen by the coordinator: say so.
        System.err.println("chronoscope interposer agent: cannot account the messages of " + className + ": " + e.getMessage());
    }

    private static void requireAccountedConstructor(String desc) {
        if (!CONSTRUCTORS.contains(desc)) {
            throw new IllegalStateException("new Socket" + desc + " has no accounted counterpart (known: " + CONSTRUCTORS + ")");
        }
    }

    /** The rewritten class, or null when it makes none of these calls. */
    static byte[] rewrite(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(api, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (opcode == Opcodes.NEW && type.equals(SOCKET)) {
                            changed[0] = true;
                            super.visitTypeInsn(opcode, ACCOUNTED_SOCKET);
                            return;
                        }
                        super.visitTypeInsn(opcode, type);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (opcode == Opcodes.INVOKESPECIAL && owner.equals(SOCKET) && method.equals("<init>")) {
                            requireAccountedConstructor(desc);
                            super.visitMethodInsn(opcode, ACCOUNTED_SOCKET, method, desc, false);
                            return;
                        }
                        String hook = opcode == Opcodes.INVOKEVIRTUAL ? CALLS.get(owner + "." + method + desc) : null;
                        if (hook != null) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, method, hook, false);
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, method, desc, itf);
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }
}
