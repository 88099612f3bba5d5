package dev.chronoscope.emulator.time;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites {@code System.nanoTime()} and {@code System.currentTimeMillis()} calls in the JDK's
 * concurrency classes into calls of the same-named static methods of a shim class. Only method
 * bodies change, and each call is replaced by a call of the same size and stack effect, so
 * constant pool, offsets and stack map frames stay valid (which is what retransformation allows).
 */
final class ClockCallRewriter implements ClassFileTransformer {

    private static final String SYSTEM = "java/lang/System";
    private static final String LONG_RESULT = "()J";

    private final String shimInternalName;
    private final Set<String> rewritten = ConcurrentHashMap.newKeySet();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    ClockCallRewriter(String shimInternalName) {
        this.shimInternalName = shimInternalName;
    }

    /** The JDK classes whose timeouts must follow virtual time. */
    static boolean covers(String internalName) {
        return internalName.startsWith("java/util/concurrent/")
                || internalName.equals("java/lang/VirtualThread");
    }

    Set<String> rewritten() {
        return rewritten;
    }

    List<String> failures() {
        return failures;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || !covers(className)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(classfileBuffer);
            ClassWriter writer = new ClassWriter(reader, 0);
            boolean[] changed = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(api, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                            if (opcode == Opcodes.INVOKESTATIC && owner.equals(SYSTEM) && desc.equals(LONG_RESULT)
                                    && (method.equals("nanoTime") || method.equals("currentTimeMillis"))) {
                                changed[0] = true;
                                super.visitMethodInsn(opcode, shimInternalName, method, desc, false);
                            } else {
                                super.visitMethodInsn(opcode, owner, method, desc, itf);
                            }
                        }
                    };
                }
            }, 0);
            if (!changed[0]) {
                return null;
            }
            rewritten.add(className);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            failures.add(className + ": " + e);
            return null;
        }
    }
}
