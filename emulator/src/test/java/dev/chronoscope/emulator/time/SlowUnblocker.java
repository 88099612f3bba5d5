package dev.chronoscope.emulator.time;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Widens a real race of the JDK for tests: makes {@code VirtualThread.unblock()} pause before it
 * sets the thread's block permit. The JDK's unblocker thread calls it right after taking the
 * thread off its waiting list, so during the pause the thread looks blocked with nothing pending,
 * which is what a descheduled unblocker thread looks like on a busy machine.
 */
final class SlowUnblocker implements ClassFileTransformer, AutoCloseable {

    private static final String DELAY_PROPERTY = "chronoscope.test.unblockDelayNanos";

    private final Instrumentation instrumentation = ByteBuddyAgent.install();

    SlowUnblocker(long delayNanos) {
        System.setProperty(DELAY_PROPERTY, Long.toString(delayNanos));
        instrumentation.addTransformer(this, true);
        retransformVirtualThread();
    }

    @Override
    public void close() {
        System.clearProperty(DELAY_PROPERTY);
        instrumentation.removeTransformer(this);
        retransformVirtualThread();
    }

    private void retransformVirtualThread() {
        try {
            instrumentation.retransformClasses(Class.forName("java.lang.VirtualThread"));
        } catch (ClassNotFoundException | UnmodifiableClassException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classfile) {
        if (!"java/lang/VirtualThread".equals(className)) {
            return null;
        }
        ClassReader reader = new ClassReader(classfile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!"unblock".equals(name) || !"()V".equals(descriptor)) {
                    return method;
                }
                return new MethodVisitor(Opcodes.ASM9, method) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        // LockSupport.parkNanos(Long.getLong(DELAY_PROPERTY, 0L)): no branch, so no new frames
                        super.visitLdcInsn(DELAY_PROPERTY);
                        super.visitLdcInsn(0L);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "getLong",
                                "(Ljava/lang/String;J)Ljava/lang/Long;", false);
                        super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/concurrent/locks/LockSupport",
                                "parkNanos", "(J)V", false);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
