package dev.chronoscope.agent.multiprocess;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultiprocessCallRewriterTest {
    private static final String USER = "dev/chronoscope/agent/multiprocess/SocketUser";

    private static byte[] original() throws Exception {
        try (InputStream in = SocketUser.class.getResourceAsStream("SocketUser.class")) {
            return in.readAllBytes();
        }
    }

    /** Every call and NEW in the class, as owner.name or NEW owner. */
    private static List<String> calls(byte[] bytes) {
        List<String> calls = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (opcode == Opcodes.NEW) calls.add("NEW " + type);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        calls.add(owner + "." + method);
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void callsBetweenProcessesGoToTheHooksAndSocketsBecomeAccountedSockets() throws Exception {
        List<String> calls = calls(MultiprocessCallRewriter.rewrite(original()));
        assertThat(calls).contains("NEW dev/chronoscope/agent/multiprocess/AccountedSocket",
                "dev/chronoscope/agent/multiprocess/AccountedSocket.<init>",
                "dev/chronoscope/agent/multiprocess/SocketHooks.getInputStream",
                "dev/chronoscope/agent/multiprocess/SocketHooks.getOutputStream",
                "dev/chronoscope/agent/multiprocess/SocketHooks.waitFor");
        assertThat(calls).doesNotContain("NEW java/net/Socket", "java/net/Socket.<init>",
                "java/net/Socket.getInputStream", "java/net/Socket.getOutputStream", "java/lang/Process.waitFor");
    }

    @Test
    void rewrittenCodeVerifiesAndBehavesAsBeforeOutsideACoordinatedRun() throws Exception {
        byte[] rewritten = MultiprocessCallRewriter.rewrite(original());
        Class<?> user = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(USER.replace('/', '.'), rewritten, 0, rewritten.length);
            }
        }.define();
        Method unconnected = user.getMethod("unconnected");
        try (Socket socket = (Socket) unconnected.invoke(null)) {
            assertThat(socket).isInstanceOf(AccountedSocket.class);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(user.getMethod("roundTrip", ServerSocket.class).invoke(null, server)).isEqualTo(42);
        }
    }

    @Test
    void classesWithoutSuchCallsAreLeftAlone() throws Exception {
        try (InputStream in = ProcessRole.class.getResourceAsStream("ProcessRole.class")) {
            assertThat(MultiprocessCallRewriter.rewrite(in.readAllBytes())).isNull();
        }
    }
}
